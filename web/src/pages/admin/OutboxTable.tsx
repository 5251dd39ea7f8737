// The outbox's rows: who, what, its state and tries, the mail server's last answer, when it left
// or is tried next, and "retry" on a failed mail.
import { RedoOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OutboxMessage } from '../../api/types';
import { MailStateTag } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { mailKindLabel } from '../../lib/labels';
import { mailTime } from './outbox';

interface Props {
  items: OutboxMessage[];
  loading: boolean;
  /** The mail being queued again, if any. */
  retrying: number | undefined;
  onRetry: (id: number) => void;
  labelledBy: string;
}

function LastError({ m }: { m: OutboxMessage }) {
  if (!m.last_error && !m.smtp_code) return <>—</>;
  return (
    <span style={{ display: 'inline-block', minWidth: 160, wordBreak: 'break-word' }}>
      {m.smtp_code ? <Tag data-testid="outbox-smtp-code">SMTP {m.smtp_code}</Tag> : null}
      {m.last_error}
    </span>
  );
}

export function OutboxTable({ items, loading, retrying, onRetry, labelledBy }: Props) {
  const { lang, t } = useLang();
  const columns: ColumnsType<OutboxMessage> = [
    { title: t('Số', 'ID'), dataIndex: 'id', width: 70 },
    { title: t('Người nhận', 'Recipient'), dataIndex: 'recipient', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    {
      title: t('Loại', 'Kind'),
      dataIndex: 'kind',
      responsive: ['lg'],
      render: (v: string) => <div style={{ minWidth: 150 }}>{mailKindLabel(v, lang)}</div>,
    },
    { title: t('Tiêu đề', 'Subject'), dataIndex: 'subject', responsive: ['md'], render: (v: string) => <div style={{ minWidth: 200 }}>{v}</div> },
    { title: t('Trạng thái', 'State'), dataIndex: 'state', render: (v: string) => <MailStateTag state={v} /> },
    { title: t('Số lần gửi', 'Attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
    { title: t('Lỗi gần nhất', 'Last error'), key: 'error', render: (_, m) => <LastError m={m} /> },
    {
      title: t('Đã gửi / thử lại lúc', 'Sent / next try'),
      key: 'time',
      render: (_, m) => {
        const time = mailTime(m);
        if (!time) return '—';
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">{time.what === 'sent' ? t('Gửi', 'Sent') : t('Thử lại', 'Next')}: </Typography.Text>
            {formatDateTime(time.at)}
          </span>
        );
      },
    },
    {
      title: t('Thao tác', 'Action'),
      key: 'action',
      render: (_, m) =>
        m.state === 'failed' ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retrying === m.id}
            onClick={() => onRetry(m.id)}
            aria-label={t(`Gửi lại thư số ${m.id}`, `Retry mail ${m.id}`)}
            data-testid={`outbox-retry-${m.id}`}
          >
            {t('Gửi lại', 'Retry')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<OutboxMessage>
      aria-labelledby={labelledBy}
      data-testid="outbox-table"
      rowKey="id"
      size="small"
      loading={loading && items.length === 0}
      columns={columns}
      dataSource={items}
      scroll={{ x: true }}
      pagination={false}
      locale={{ emptyText: t('Không có thư nào', 'No mail') }}
    />
  );
}
