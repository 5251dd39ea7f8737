// One batch (/batches/:id): its facts, its requests, export, and the steps the caller's role
// may take — while the batch is open the aggregator adds requests, takes them off and submits;
// the registration office decides the whole batch. One request is decided on its own page
// (/requests/:id).
import { RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Grid, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import { fetchAll } from '../../api/fetchAll';
import type { Batch, CertRequest } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFound, PageTitle } from '../../components/Status';
import { requestColumns } from '../../components/requestColumns';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { clientPages } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useOrgNames } from '../../lib/useOrgNames';
import { AddRequestsPanel } from './AddRequestsPanel';
import { BatchReviewActions } from './BatchReviewActions';
import { BatchStateTag } from './BatchStateTag';
import { DeadlineTag } from './DeadlineTag';
import { ExportButtons } from './ExportButtons';
import { RemoveFromBatchButton } from './RemoveFromBatch';
import { ReturnRequestModal } from './ReturnRequestModal';
import { SubmitBatchButton, SubmitRefusalView, type SubmitRefusal } from './SubmitBatch';
import { useRounds } from './useRounds';

export function BatchDetailPage() {
  const { id } = useParams();
  const batchId = Number(id);
  const { lang, t } = useLang();
  const { hasRole } = useSession();
  const narrow = !Grid.useBreakpoint().md;
  const orgNames = useOrgNames();
  const rounds = useRounds();
  const batch = useApi(() => api.get<Batch>(`/api/v1/batches/${batchId}`), [batchId]);
  const requests = useApi(() => fetchAll<CertRequest>('/api/v1/requests', { batch_id: batchId }), [batchId]);
  const [refusal, setRefusal] = useState<SubmitRefusal | null>(null);
  const [returning, setReturning] = useState<CertRequest | null>(null);
  const [rowError, setRowError] = useState<unknown>();
  // Bumped when a request is taken off: the "add" panel reloads and offers it again.
  const [removals, setRemovals] = useState(0);

  if (!Number.isInteger(batchId) || batchId <= 0) return <NotFound />;
  if (batch.error instanceof ApiError && batch.error.status === 404) return <NotFound />;
  const b = batch.data;
  const round = b ? rounds.data?.find((r) => r.id === b.round_id) : undefined;
  const list = requests.data ?? [];
  const reload = () => {
    batch.reload();
    requests.reload();
  };
  // A request returned or taken off no longer blocks the submission refused earlier.
  const unblock = (gone: number | undefined) =>
    setRefusal((r) => {
      if (!r) return r;
      const blocked = r.blocked.filter((id) => id !== gone);
      return blocked.length ? { ...r, blocked } : null;
    });
  const forwarded = list.filter((r) => r.state === 'forwarded').length;
  const isOpen = b?.state === 'open';
  const canCompile = hasRole('aggregator') && isOpen;

  return (
    <>
      <PageTitle extra={b && <ExportButtons batch={b} orgName={orgNames.get(b.org_id)} />}>
        {t(`Danh sách đề nghị số ${batchId}`, `Batch ${batchId}`)}
      </PageTitle>
      <ErrorAlert error={batch.error} />
      {!b && batch.loading && <Spin style={{ display: 'block', margin: 32 }} />}
      {b && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} aria-label={t('Thông tin danh sách', 'Batch facts')}>
              <Descriptions.Item label={t('Đợt', 'Round')}>
                <Space size={4} wrap>
                  <Link to="/rounds">{b.round_name || round?.name || `#${b.round_id}`}</Link>
                  {round && (
                    <>
                      {t('hạn', 'due')} {round.deadline} <DeadlineTag deadline={round.deadline} />
                    </>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('Cơ quan lập', 'Compiled by')}>{b.org_name || orgNames.get(b.org_id) || `#${b.org_id}`}</Descriptions.Item>
              <Descriptions.Item label={t('Trạng thái', 'State')}>
                <Space size={4} wrap>
                  <BatchStateTag state={b.state} />
                  {b.late && <Tag color="red">{t('Nộp muộn', 'Late')}</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('Số yêu cầu', 'Requests')}>{b.requests}</Descriptions.Item>
              <Descriptions.Item label={t('Người lập', 'Created by')}>
                {[b.created_by, formatDateTime(b.created_at)].filter(Boolean).join(' — ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('Ngày gửi', 'Submitted')}>{formatDateTime(b.submitted_at) || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>

          {canCompile && b && (
            <>
              <div style={{ marginBottom: 16 }}>
                <SubmitBatchButton
                  batch={b}
                  requests={list}
                  deadline={round?.deadline}
                  allowLate={round?.allow_late}
                  onDone={(r) => {
                    setRefusal(r);
                    reload();
                  }}
                />
              </div>
              {refusal && <SubmitRefusalView refusal={refusal} requests={list} onReturn={setReturning} />}
              <AddRequestsPanel key={removals} batchId={b.id} orgNames={orgNames} onAdded={reload} />
            </>
          )}
          {hasRole('ra_officer') && !isOpen && <BatchReviewActions batchId={b.id} forwarded={forwarded} onDone={reload} />}
        </>
      )}

      <h2 style={{ fontSize: 18 }}>{t('Các yêu cầu trong danh sách', 'Requests in the batch')}</h2>
      <ErrorAlert error={requests.error ?? rowError} />
      <Table<CertRequest>
        rowKey="id"
        loading={requests.loading}
        dataSource={list}
        scroll={{ x: true }}
        pagination={clientPages(50)}
        columns={
          canCompile
            ? [
                ...requestColumns(lang, orgNames, { compact: narrow }),
                {
                  title: t('Thao tác', 'Action'),
                  key: 'act',
                  render: (_: unknown, r: CertRequest) => (
                    <Space size={4} wrap>
                      {r.state === 'submitted' && (
                        <Button size="small" icon={<RollbackOutlined />} onClick={() => setReturning(r)} data-testid={`return-${r.id}`}>
                          {t('Trả lại đơn vị', 'Return to unit')}
                        </Button>
                      )}
                      <RemoveFromBatchButton
                        batchId={batchId}
                        requestId={r.id}
                        onError={setRowError}
                        onRemoved={() => {
                          unblock(r.id);
                          setRemovals((n) => n + 1);
                          reload();
                        }}
                      />
                    </Space>
                  ),
                },
              ]
            : requestColumns(lang, orgNames, { compact: narrow })
        }
        locale={{ emptyText: t('Danh sách chưa có yêu cầu nào', 'The batch holds no request yet') }}
        data-testid="batch-requests"
      />
      <ReturnRequestModal
        request={returning}
        onClose={() => setReturning(null)}
        onReturned={() => {
          unblock(returning?.id);
          reload();
        }}
      />
    </>
  );
}
