// Every bad cell the check found, in the sheet's order: the row, the column with its header, the
// value as typed, the message in the chosen language (the other one below it) and its severity.
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLang } from '../../lib/i18n';
import { clientPages } from '../../lib/paging';
import { SeverityTag } from '../unit/FindingsList';
import { VisuallyHidden } from '../unit/VisuallyHidden';
import { cellLabel, issueMessage, keyedIssues } from './importReport';
import type { ImportIssue } from './types';

type Row = ImportIssue & { key: number };

export function ImportIssues({ issues }: { issues: readonly ImportIssue[] }) {
  const { lang, t } = useLang();
  const other = lang === 'vi' ? 'en' : 'vi';
  const columns: ColumnsType<Row> = [
    {
      title: t('Dòng', 'Row'),
      dataIndex: 'row',
      width: 80,
      sorter: (a, b) => a.row - b.row || a.key - b.key,
      defaultSortOrder: 'ascend',
    },
    {
      title: t('Cột', 'Column'),
      key: 'column',
      render: (_: unknown, x) => cellLabel(x) || <Typography.Text type="secondary">{t('Cả dòng', 'Whole row')}</Typography.Text>,
    },
    {
      title: t('Giá trị đã nhập', 'Value as typed'),
      dataIndex: 'value',
      render: (v: string) =>
        v ? (
          <span style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span>
        ) : (
          <Typography.Text type="secondary">{t('(trống)', '(empty)')}</Typography.Text>
        ),
    },
    {
      title: t('Nội dung', 'Finding'),
      key: 'message',
      render: (_: unknown, x) => (
        <>
          <div>{issueMessage(x, lang)}</div>
          <Typography.Text type="secondary" lang={other} style={{ display: 'block', fontSize: 12 }}>
            {issueMessage(x, other)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('Mức độ', 'Severity'),
      dataIndex: 'severity',
      width: 110,
      filters: [
        { text: t('Lỗi', 'Error'), value: 'error' },
        { text: t('Cảnh báo', 'Warning'), value: 'warning' },
      ],
      onFilter: (value, x) => x.severity === value,
      render: (s: string) => <SeverityTag severity={s} />,
    },
  ];
  return (
    <Table<Row>
      data-testid="import-issues"
      size="small"
      columns={columns}
      dataSource={keyedIssues(issues)}
      onRow={(x) => ({ 'data-code': x.code, 'data-column': x.column, 'data-row': x.row }) as React.HTMLAttributes<HTMLElement>}
      scroll={{ x: true }}
      pagination={clientPages()}
      caption={<VisuallyHidden>{t('Lỗi và cảnh báo theo từng ô của bảng tính', 'Errors and warnings per cell of the sheet')}</VisuallyHidden>}
      locale={{ emptyText: t('Không có lỗi hay cảnh báo nào', 'No errors or warnings') }}
    />
  );
}
