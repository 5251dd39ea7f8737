// The CA operations queue: approved requests waiting for the worker or for a device, and failed
// ones, which an operator retries (POST /api/v1/requests/{id}/retry).
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client';
import type { CertRequest, Page } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StateTag } from '../../components/Status';
import { useErrorMessage } from '../../components/useErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel, stateLabel, typeLabel } from '../../lib/labels';
import { PAGE_SIZE } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { useFixedPager } from '../../lib/usePager';

type QueueRequest = CertRequest & { decided_at?: string; due_at?: string };

function FailureReason({ id }: { id: number }) {
  const { t } = useLang();
  const { data, error, loading } = useApi(() => api.get<CertRequest>(`/api/v1/requests/${id}`), [id]);
  if (loading) return <span>{t('Đang tải…', 'Loading…')}</span>;
  if (error) return <ErrorAlert error={error} />;
  const fail = [...(data?.timeline ?? [])].reverse().find((e) => e.to === 'failed');
  return (
    <div>
      <b>{t('Lỗi khi thực hiện', 'Why it failed')}:</b> {fail?.comment || t('Không có mô tả', 'No description')}
      {fail && <span style={{ color: '#595959' }}> — {formatDateTime(fail.at)}</span>}
    </div>
  );
}

// Messages come from <App> at the root: a retried row leaves the table at once.
function RetryButton({ r, onDone }: { r: QueueRequest; onDone: () => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const [busy, run] = useBusy();
  const retry = () =>
    run(async () => {
      const res = await api.post<CertRequest>(`/api/v1/requests/${r.id}/retry`, {});
      message.success(t(`Đã đưa yêu cầu #${r.id} vào hàng đợi lại`, `Request #${r.id} queued again`) + ` (${stateLabel(res.state, lang)})`);
      onDone();
    }, showError);
  return (
    <Popconfirm
      title={t(`Thực hiện lại thao tác CA của yêu cầu #${r.id}?`, `Retry the CA operation of request #${r.id}?`)}
      okText={t('Thực hiện lại', 'Retry')}
      cancelText={t('Hủy', 'Cancel')}
      okButtonProps={{ 'data-testid': `retry-confirm-${r.id}` }}
      onConfirm={retry}
    >
      <Button icon={<RedoOutlined />} loading={busy} data-testid={`retry-${r.id}`}>
        {t('Thực hiện lại', 'Retry')}
      </Button>
    </Popconfirm>
  );
}

interface QueueProps {
  tick: number;
  canRetry: boolean;
  onChanged: () => void;
}

function QueueTable({ state, tick, canRetry, onChanged }: QueueProps & { state: 'approved' | 'failed' }) {
  const { lang, t } = useLang();
  const pager = useFixedPager(PAGE_SIZE);
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<QueueRequest>>('/api/v1/requests', { state, limit, offset }),
    [state, offset, tick],
  );
  const done = onChanged;
  const columns: ColumnsType<QueueRequest> = [
    { title: t('Số', 'No.'), dataIndex: 'id', width: 70, render: (id: number) => `#${id}` },
    { title: t('Loại', 'Type'), dataIndex: 'type', render: (v: string) => typeLabel(v, lang) },
    { title: t('Thuê bao', 'Subscriber'), key: 'name', render: (_, r) => r.data?.subject?.full_name },
    { title: t('Thiết bị', 'Device'), key: 'device', render: (_, r) => deviceLabel(r.data?.subject?.device ?? '', lang) },
    { title: t('Duyệt lúc', 'Approved at'), dataIndex: 'decided_at', render: (v?: string) => formatDateTime(v) },
    {
      title: t('Tình trạng', 'Status'),
      key: 'status',
      render: (_, r) =>
        r.state === 'failed' ? (
          <StateTag state="failed" />
        ) : r.awaiting === 'device' ? (
          <Tag color="orange">{t('Chờ thiết bị (PKCS#11)', 'Waiting for the device (PKCS#11)')}</Tag>
        ) : (
          <Tag color="cyan">{t('Chờ tiến trình CA', 'Waiting for the CA worker')}</Tag>
        ),
    },
  ];
  if (state === 'failed' && canRetry) {
    columns.push({ title: t('Thao tác', 'Action'), key: 'act', render: (_, r) => <RetryButton r={r} onDone={done} /> });
  }
  const title =
    state === 'approved'
      ? t('Đã duyệt, chờ thực hiện', 'Approved, waiting to be carried out')
      : t('Thao tác CA bị lỗi', 'Failed CA operations');
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ fontSize: 16 }} id={`queue-${state}`}>
        {title}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Table<QueueRequest>
        aria-labelledby={`queue-${state}`}
        data-testid={`queue-table-${state}`}
        rowKey="id"
        size="small"
        loading={loading && !data}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: state === 'approved' ? t('Không có yêu cầu nào đang chờ', 'Nothing waiting') : t('Không có thao tác lỗi', 'No failures') }}
        expandable={state === 'failed' ? { expandedRowRender: (r) => <FailureReason id={r.id} /> } : undefined}
        pagination={pager.pagination(data)}
      />
    </div>
  );
}

export function OpsQueue(props: QueueProps) {
  const { t } = useLang();
  return (
    <section aria-labelledby="ops-queue-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="ops-queue-title" style={{ fontSize: 18 }}>
        {t('Hàng đợi thao tác CA', 'CA operations queue')}
      </Typography.Title>
      <QueueTable state="failed" {...props} />
      <QueueTable state="approved" {...props} />
    </section>
  );
}
