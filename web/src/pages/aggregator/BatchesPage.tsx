// "Danh sách đề nghị": the batches in scope (GET /api/v1/batches), filtered by round and state;
// the aggregator starts a new one in a round here and goes on to /batches/:id.
import { Alert, App, Button, Card, Form, Grid, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { Batch, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { PAGE_SIZE } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { useOrgNames } from '../../lib/useOrgNames';
import { useFixedPager } from '../../lib/usePager';
import { BatchStateTag } from './BatchStateTag';
import { currentRound } from './batchHelpers';
import { useRounds } from './useRounds';

function NewBatch() {
  const { t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rounds = useRounds();
  const [roundId, setRoundId] = useState<number>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const chosen = roundId ?? currentRound(rounds.data ?? [])?.id;
  const create = async () => {
    if (!chosen) return;
    setError(undefined);
    await run(async () => {
      const b = await api.post<Batch>('/api/v1/batches', { round_id: chosen });
      message.success(t(`Đã lập danh sách số ${b.id}`, `Batch ${b.id} created`));
      navigate(`/batches/${b.id}`);
    }, setError);
  };
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('Lập danh sách mới', 'New batch')}</h2>} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error ?? rounds.error} />
      <Form layout="vertical" onFinish={create}>
        <Form.Item label={t('Đợt đăng ký', 'Round')} htmlFor="new-batch-round" style={{ maxWidth: 480 }}>
          <Select
            id="new-batch-round"
            data-testid="new-batch-round"
            loading={rounds.loading}
            value={chosen}
            onChange={setRoundId}
            options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `${r.name} — ${t('hạn', 'due')} ${r.deadline}` }))}
            placeholder={t('Chọn đợt', 'Pick a round')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!chosen} data-testid="new-batch-create">
          {t('Lập danh sách', 'Create the batch')}
        </Button>
      </Form>
    </Card>
  );
}

export function BatchesPage() {
  const { t } = useLang();
  const narrow = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const [roundId, setRoundId] = useState<number>();
  const [state, setState] = useState<string>();
  const pager = useFixedPager(PAGE_SIZE);
  const [openId, setOpenId] = useState<number | null>(null);
  const rounds = useRounds();
  const orgNames = useOrgNames();
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<Batch>>('/api/v1/batches', { round_id: roundId, state, limit, offset }),
    [roundId, state, offset],
  );
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 405);
  const items = data?.items ?? [];
  const roundName = (b: Batch) => b.round_name || rounds.data?.find((r) => r.id === b.round_id)?.name || `#${b.round_id}`;

  return (
    <>
      <PageTitle>{t('Danh sách đề nghị', 'Batches')}</PageTitle>
      {hasRole('aggregator') && <NewBatch />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('Lọc theo đợt', 'Filter by round')}
          data-testid="batches-round-filter"
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('Mọi đợt', 'All rounds')}
          value={roundId}
          onChange={(v) => {
            setRoundId(v);
            pager.firstPage();
          }}
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <Select
          aria-label={t('Lọc theo trạng thái', 'Filter by state')}
          data-testid="batches-state-filter"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('Mọi trạng thái', 'All states')}
          value={state}
          onChange={(v) => {
            setState(v);
            pager.firstPage();
          }}
          options={[
            { value: 'open', label: t('Đang lập', 'Open') },
            { value: 'submitted', label: t('Đã gửi', 'Submitted') },
          ]}
        />
      </Space>
      {missing ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('Máy chủ chưa hỗ trợ xem danh sách các danh sách đề nghị.', 'The server cannot list batches yet.')}
          description={
            <Space wrap>
              <span>{t('Mở một danh sách theo số:', 'Open a batch by number:')}</span>
              <InputNumber min={1} value={openId} onChange={setOpenId} aria-label={t('Số danh sách', 'Batch number')} />
              <Button onClick={() => openId && navigate(`/batches/${openId}`)} disabled={!openId}>
                {t('Mở', 'Open')}
              </Button>
            </Space>
          }
        />
      ) : (
        <ErrorAlert error={error} />
      )}
      <Table<Batch>
        rowKey="id"
        loading={loading}
        dataSource={items}
        scroll={{ x: true }}
        caption={t('Các danh sách đề nghị, mới nhất trước', 'Batches, newest first')}
        pagination={pager.pagination(data)}
        columns={
          narrow
            ? [
                {
                  title: t('Danh sách', 'Batch'),
                  key: 'b',
                  render: (_: unknown, b) => (
                    <div>
                      <Space size={6} wrap>
                        <Link to={`/batches/${b.id}`} data-testid={`batch-link-${b.id}`}>
                          {t(`Danh sách ${b.id}`, `Batch ${b.id}`)}
                        </Link>
                        <BatchStateTag state={b.state} />
                        {b.late && <Tag color="red">{t('Nộp muộn', 'Late')}</Tag>}
                      </Space>
                      <div>{roundName(b)}</div>
                      <Typography.Text type="secondary">
                        {b.org_name || orgNames.get(b.org_id) || `#${b.org_id}`} · {t(`${b.requests} yêu cầu`, `${b.requests} request(s)`)}
                        {b.submitted_at ? ` · ${formatDateTime(b.submitted_at)}` : ''}
                      </Typography.Text>
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t('Số', 'No.'),
                  dataIndex: 'id',
                  render: (id: number) => (
                    <Link to={`/batches/${id}`} data-testid={`batch-link-${id}`}>
                      {t(`Danh sách ${id}`, `Batch ${id}`)}
                    </Link>
                  ),
                },
                { title: t('Đợt', 'Round'), key: 'round', render: (_: unknown, b) => roundName(b) },
                { title: t('Cơ quan lập', 'Compiled by'), key: 'org', render: (_: unknown, b) => b.org_name || orgNames.get(b.org_id) || `#${b.org_id}` },
                {
                  title: t('Trạng thái', 'State'),
                  key: 'state',
                  render: (_: unknown, b) => (
                    <Space size={4} wrap>
                      <BatchStateTag state={b.state} />
                      {b.late && <Tag color="red">{t('Nộp muộn', 'Late')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('Số yêu cầu', 'Requests'), dataIndex: 'requests', align: 'right' },
                { title: t('Ngày gửi', 'Submitted'), dataIndex: 'submitted_at', render: (v?: string) => formatDateTime(v) || '—' },
              ]
        }
      />
    </>
  );
}
