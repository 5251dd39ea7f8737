// A table of requests (the request list and a person's requests): number, type with its form,
// person, state, dates, and the overdue / late flags; each row links to /requests/:id.
import { Table, Tag } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { CertRequest } from '../../api/types';
import { StateTag } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { RequestTypeLabel } from './RequestTypeLabel';
import { VisuallyHidden } from './VisuallyHidden';

export function RequestFlags({ r }: { r: Pick<CertRequest, 'overdue' | 'late'> }) {
  const { t } = useLang();
  return (
    <>
      {r.overdue && (
        <Tag color="red" data-testid="flag-overdue">
          {t('Quá hạn xử lý', 'Overdue')}
        </Tag>
      )}
      {r.late && (
        <Tag color="orange" data-testid="flag-late">
          {t('Nộp muộn', 'Late')}
        </Tag>
      )}
    </>
  );
}

interface Props {
  rows: CertRequest[];
  loading?: boolean;
  caption: string;
  pagination?: TablePaginationConfig | false;
  hidePerson?: boolean;
}

export function RequestsTable({ rows, loading, caption, pagination = false, hidePerson }: Props) {
  const { t } = useLang();
  const columns: ColumnsType<CertRequest> = [
    {
      title: t('Số', 'No.'),
      key: 'id',
      render: (_, r) => (
        <Link to={`/requests/${r.id}`} data-testid={`request-link-${r.id}`} aria-label={t(`Yêu cầu số ${r.id}`, `Request ${r.id}`)}>
          #{r.id}
        </Link>
      ),
    },
    { title: t('Loại yêu cầu', 'Type'), key: 'type', render: (_, r) => <RequestTypeLabel type={r.type} form={r.form} /> },
    ...(hidePerson
      ? []
      : [
          {
            title: t('Người đề nghị', 'Person'),
            key: 'person',
            render: (_: unknown, r: CertRequest) => (
              <span style={{ display: 'inline-block', minWidth: 140 }}>{r.data?.subject?.full_name ?? ''}</span>
            ),
          },
        ]),
    { title: t('Trạng thái', 'State'), key: 'state', render: (_, r) => <StateTag state={r.state} /> },
    {
      title: t('Tạo lúc', 'Created'),
      key: 'created',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.created_at)}</span>,
    },
    {
      title: t('Gửi lúc', 'Submitted'),
      key: 'submitted',
      responsive: ['md'],
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.submitted_at)}</span>,
    },
    { title: t('Lưu ý', 'Flags'), key: 'flags', render: (_, r) => <RequestFlags r={r} /> },
  ];
  return (
    <Table<CertRequest>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={pagination}
      scroll={{ x: true }}
      caption={<VisuallyHidden>{caption}</VisuallyHidden>}
      data-testid="requests-table"
    />
  );
}
