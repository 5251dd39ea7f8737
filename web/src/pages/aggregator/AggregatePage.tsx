// "Tổng hợp": the aggregator's desk — submitted requests of its subtree that no batch holds yet,
// grouped by organization with counts, under the current round's countdown. A request can go
// back to its unit; the selected ones become a new batch in one step.
import { RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Grid, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetchAll';
import type { Batch, CertRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { requestCheckboxProps, requestColumns } from '../../components/requestColumns';
import { useLang } from '../../lib/i18n';
import { clientPages } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { useOrgNames } from '../../lib/useOrgNames';
import { ReturnRequestModal } from './ReturnRequestModal';
import { currentRound, deadlineStatus, groupByOrg, unbatched } from './batchHelpers';
import { useRounds } from './useRounds';

export function AggregatePage() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const orgNames = useOrgNames();
  const rounds = useRounds();
  const pool = useApi(() => fetchAll<CertRequest>('/api/v1/requests', { state: 'submitted' }), []);
  const narrow = !Grid.useBreakpoint().md;
  const [roundId, setRoundId] = useState<number>();
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<CertRequest | null>(null);
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();

  const round = (rounds.data ?? []).find((r) => r.id === roundId) ?? currentRound(rounds.data ?? []);
  const rows = useMemo(() => unbatched(pool.data ?? []), [pool.data]);
  const groups = useMemo(() => groupByOrg(rows, orgNames), [rows, orgNames]);
  const status = round ? deadlineStatus(round.deadline) : null;

  const compile = async () => {
    if (!round) return;
    setError(undefined);
    let batch: Batch | undefined;
    await run(
      async () => {
        batch = await api.post<Batch>('/api/v1/batches', { round_id: round.id });
        await api.post<Batch>(`/api/v1/batches/${batch.id}/requests`, { request_ids: selected });
        message.success(t(`Đã lập danh sách ${batch.id} với ${selected.length} yêu cầu`, `Batch ${batch.id} created with ${selected.length} request(s)`));
        navigate(`/batches/${batch.id}`);
      },
      (e) => {
        if (batch) {
          message.warning(t(`Đã lập danh sách ${batch.id} nhưng chưa thêm được yêu cầu`, `Batch ${batch.id} was created but the requests were not added`));
          navigate(`/batches/${batch.id}`);
        } else setError(e);
      },
    );
  };

  const columns = [
    ...requestColumns(lang, orgNames, { state: false, org: false, compact: narrow }),
    {
      title: t('Thao tác', 'Action'),
      key: 'act',
      render: (_: unknown, r: CertRequest) => (
        <Button size="small" icon={<RollbackOutlined />} onClick={() => setReturning(r)} data-testid={`return-${r.id}`}>
          {t('Trả lại đơn vị', 'Return to unit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('Tổng hợp yêu cầu', 'Compile requests')}</PageTitle>
      <ErrorAlert error={rounds.error ?? pool.error ?? error} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="start">
          <div>
            <label htmlFor="aggregate-round" style={{ display: 'block', marginBottom: 4 }}>
              {t('Đợt đăng ký', 'Round')}
            </label>
            <Select
              id="aggregate-round"
              data-testid="aggregate-round"
              style={{ minWidth: 260, maxWidth: '80vw' }}
              loading={rounds.loading}
              value={round?.id}
              onChange={setRoundId}
              options={(rounds.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              placeholder={t('Chưa có đợt nào', 'No round yet')}
            />
          </div>
          {round && (
            <Statistic
              title={t(`Hạn chót ${round.deadline}`, `Deadline ${round.deadline}`)}
              value={status ? (status.overdue ? status.daysLate : status.daysLeft) : '—'}
              suffix={status ? (status.overdue ? t('ngày quá hạn', 'days overdue') : t('ngày còn lại', 'days left')) : ''}
              valueStyle={{ color: status?.overdue ? '#cf1322' : status && status.daysLeft <= 3 ? '#d46b08' : undefined }}
            />
          )}
          {round?.allow_late && (
            <div style={{ paddingTop: 28 }}>
              <Tag color="gold">{t('Nhận nộp muộn', 'Late entries accepted')}</Tag>
            </div>
          )}
          <Statistic title={t('Yêu cầu chờ tổng hợp', 'Requests to compile')} value={rows.length} />
        </Space>
        {!round && !rounds.loading && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message={t('Chưa có đợt đăng ký: hãy mở đợt ở trang "Đợt đăng ký".', 'No round yet: open one on the "Rounds" page.')}
          />
        )}
        <Space wrap style={{ marginTop: 16 }}>
          <Button type="primary" onClick={compile} loading={busy} disabled={!round || !selected.length} data-testid="aggregate-compile">
            {t(`Lập danh sách với các yêu cầu này (${selected.length})`, `Create a batch with these requests (${selected.length})`)}
          </Button>
          <Button onClick={() => setSelected(rows.map((r) => r.id))} disabled={!rows.length} data-testid="aggregate-select-all">
            {t('Chọn tất cả', 'Select all')}
          </Button>
          <Button onClick={() => setSelected([])} disabled={!selected.length}>
            {t('Bỏ chọn', 'Clear selection')}
          </Button>
        </Space>
      </Card>

      {!pool.loading && groups.length === 0 && <Empty description={t('Không có yêu cầu nào chờ tổng hợp', 'No request is waiting to be compiled')} />}
      {groups.map((g) => (
        <section key={g.org_id} aria-labelledby={`org-${g.org_id}`} style={{ marginBottom: 16 }}>
          <h2 id={`org-${g.org_id}`} style={{ fontSize: 16, margin: '8px 0' }}>
            {g.org_name} <Tag>{t(`${g.requests.length} yêu cầu`, `${g.requests.length} request(s)`)}</Tag>
          </h2>
          <Table<CertRequest>
            rowKey="id"
            size="small"
            dataSource={g.requests}
            columns={columns}
            scroll={{ x: true }}
            pagination={clientPages(20)}
            rowSelection={{
              getCheckboxProps: requestCheckboxProps(lang),
              selectedRowKeys: selected.filter((id) => g.requests.some((r) => r.id === id)),
              onChange: (keys) => {
                const mine = new Set(g.requests.map((r) => r.id));
                setSelected([...selected.filter((id) => !mine.has(id)), ...keys.map(Number)]);
              },
            }}
          />
        </section>
      ))}
      <ReturnRequestModal
        request={returning}
        onClose={() => setReturning(null)}
        onReturned={() => {
          setSelected((s) => s.filter((id) => id !== returning?.id));
          pool.reload();
        }}
      />
    </>
  );
}
