// "Hàng đợi thẩm định": the registration office's queue of forwarded requests, overdue first,
// then the oldest; quick filters for overdue, second approval and type. Other tabs show the
// approved requests waiting for the CA and the failed ones (read-only here). A search above the
// tabs (name without diacritics, CCCD, e-mail, number) narrows every tab on the server.
import { SearchOutlined } from '@ant-design/icons';
import { Grid, Input, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle, StateTag } from '../../components/Status';
import { ErrorCount, RequestLink, RequestSummary, TypeCell } from '../../components/requestColumns';
import { formatDateTime, type Lang } from '../../lib/format';
import { translator, useLang } from '../../lib/i18n';
import { REQUEST_TYPES, typeLabel } from '../../lib/labels';
import { clientPages } from '../../lib/paging';
import { useDebounced } from '../../lib/useDebounced';
import { useOrgNames } from '../../lib/useOrgNames';
import { type QueueFilter, type QueueRequest, awaitingSecondApproval, dueStatus, filterQueue, queueCounts, queueOrder } from './queueOrder';
import { useQueue } from './useQueue';

function DueCell({ r, lang }: { r: QueueRequest; lang: Lang }) {
  const s = dueStatus(r);
  const t = translator(lang);
  if (s.kind === 'overdue')
    return (
      <Tag color="red" data-testid={`overdue-${r.id}`}>
        {t('Quá hạn', 'Overdue')}
        {s.date && ` (${s.date})`}
      </Tag>
    );
  if (s.kind === 'due')
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        <Tag color={s.days < 1 ? 'orange' : 'blue'}>{s.days < 1 ? t('Hết hạn hôm nay', 'Due today') : t(`Còn ${s.days} ngày`, `${s.days} day(s) left`)}</Tag>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t(`hạn ${s.date}`, `due ${s.date}`)}
        </Typography.Text>
      </span>
    );
  return <span>—</span>;
}

function SecondTag({ r, lang }: { r: QueueRequest; lang: Lang }) {
  if (!awaitingSecondApproval(r)) return null;
  return (
    <Tag color="purple" title={(r.approvals ?? []).join(', ')}>
      {lang === 'vi' ? 'Chờ duyệt lần 2' : 'Awaits 2nd approval'}
    </Tag>
  );
}

function columns(lang: Lang, orgNames: ReadonlyMap<number, string>, withDue: boolean, compact: boolean): ColumnsType<QueueRequest> {
  const t = translator(lang);
  if (compact)
    return [
      {
        title: t('Yêu cầu', 'Request'),
        key: 'summary',
        render: (_: unknown, r) => (
          <RequestSummary
            r={r}
            lang={lang}
            orgName={orgNames.get(r.org_id)}
            showState={!withDue}
            extra={
              <>
                {r.batch_id && <Link to={`/batches/${r.batch_id}`}>{t(`DS ${r.batch_id}`, `Batch ${r.batch_id}`)}</Link>}
                {withDue && <DueCell r={r} lang={lang} />}
                {withDue && <SecondTag r={r} lang={lang} />}
                {!withDue && r.awaiting === 'device' && <Tag color="gold">{t('Chờ thiết bị', 'Awaits the device')}</Tag>}
              </>
            }
          />
        ),
      },
    ];
  const cols: ColumnsType<QueueRequest> = [
    { title: t('Số', 'No.'), dataIndex: 'id', render: (id: number) => <RequestLink id={id} />, width: 70 },
    { title: t('Loại / Mẫu', 'Type / Form'), key: 'type', render: (_: unknown, r) => <TypeCell r={r} lang={lang} /> },
    { title: t('Người đề nghị', 'Person'), key: 'person', render: (_: unknown, r) => r.data?.subject?.full_name || '—' },
    { title: t('Cơ quan', 'Organization'), dataIndex: 'org_id', render: (id: number) => orgNames.get(id) ?? `#${id}` },
    {
      title: t('Danh sách', 'Batch'),
      dataIndex: 'batch_id',
      render: (id: number | null) => (id ? <Link to={`/batches/${id}`}>{t(`DS ${id}`, `Batch ${id}`)}</Link> : '—'),
    },
    { title: t('Ngày gửi', 'Arrived'), dataIndex: 'submitted_at', render: (v?: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v) || '—'}</span> },
  ];
  if (withDue)
    cols.push(
      { title: t('Hạn quyết định', 'Decision due'), key: 'due', render: (_: unknown, r) => <DueCell r={r} lang={lang} /> },
      {
        title: t('Phê duyệt', 'Approvals'),
        key: 'second',
        render: (_: unknown, r) => (awaitingSecondApproval(r) ? <SecondTag r={r} lang={lang} /> : '—'),
      },
    );
  else
    cols.push({
      title: t('Trạng thái', 'State'),
      key: 'state',
      render: (_: unknown, r) => (
        <Space size={2} wrap>
          <StateTag state={r.state} />
          {r.awaiting === 'device' && <Tag color="gold">{t('Chờ thiết bị', 'Awaits the device')}</Tag>}
          {r.awaiting && r.awaiting !== 'device' && <Tag>{r.awaiting}</Tag>}
        </Space>
      ),
    });
  cols.push({ title: t('Kiểm tra', 'Checks'), key: 'f', render: (_: unknown, r) => <ErrorCount findings={r.findings ?? []} lang={lang} /> });
  return cols;
}

function ForwardedTab({ orgNames, q }: { orgNames: ReadonlyMap<number, string>; q: string }) {
  const { lang, t } = useLang();
  const narrow = !Grid.useBreakpoint().md;
  const { data, error, loading } = useQueue('forwarded', q);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [type, setType] = useState('');
  const ordered = useMemo(() => queueOrder(data ?? []), [data]);
  const counts = queueCounts(type ? filterQueue(ordered, 'all', type) : ordered);
  const shown = filterQueue(ordered, filter, type);
  return (
    <>
      <ErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<QueueFilter>
          aria-label={t('Lọc nhanh', 'Quick filter')}
          data-testid="queue-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${t('Tất cả', 'All')} (${counts.all})` },
            { value: 'overdue', label: `${t('Quá hạn', 'Overdue')} (${counts.overdue})` },
            { value: 'second', label: `${t('Chờ duyệt lần 2', '2nd approval')} (${counts.second})` },
          ]}
        />
        <Select
          aria-label={t('Lọc theo loại yêu cầu', 'Filter by request type')}
          data-testid="queue-type"
          style={{ minWidth: 200 }}
          value={type}
          onChange={setType}
          options={[{ value: '', label: t('Mọi loại yêu cầu', 'Every type') }, ...Object.keys(REQUEST_TYPES).map((k) => ({ value: k, label: typeLabel(k, lang) }))]}
        />
      </Space>
      <Table<QueueRequest>
        rowKey="id"
        loading={loading}
        dataSource={shown}
        columns={columns(lang, orgNames, true, narrow)}
        scroll={{ x: true }}
        pagination={clientPages(50)}
        caption={t('Yêu cầu chờ thẩm định: quá hạn trước, rồi gửi sớm nhất trước', 'Requests to review: overdue first, then the oldest')}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        data-testid="review-queue"
        locale={{ emptyText: t('Không có yêu cầu nào chờ thẩm định', 'Nothing to review') }}
      />
    </>
  );
}

function StateTab({ state, caption, orgNames, q }: { state: string; caption: string; orgNames: ReadonlyMap<number, string>; q: string }) {
  const { lang } = useLang();
  const narrow = !Grid.useBreakpoint().md;
  const { data, error, loading } = useQueue(state, q);
  const ordered = useMemo(() => queueOrder(data ?? []), [data]);
  return (
    <>
      <ErrorAlert error={error} />
      <Table<QueueRequest>
        rowKey="id"
        loading={loading}
        dataSource={ordered}
        columns={columns(lang, orgNames, false, narrow)}
        scroll={{ x: true }}
        pagination={clientPages(50)}
        caption={caption}
      />
    </>
  );
}

export function ReviewQueuePage() {
  const { t } = useLang();
  const orgNames = useOrgNames();
  const [tab, setTab] = useState('forwarded');
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 400);
  return (
    <>
      <PageTitle>{t('Hàng đợi thẩm định', 'Review queue')}</PageTitle>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        style={{ maxWidth: 420, marginBottom: 8 }}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={t('Tên (không dấu cũng được), CCCD, thư điện tử, số', 'Name (diacritics optional), ID, e-mail, number')}
        aria-label={t('Tìm yêu cầu theo tên người đề nghị, số CCCD, thư điện tử hoặc số yêu cầu', "Search requests by the person's name, citizen ID, e-mail or request number")}
        data-testid="queue-search"
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'forwarded', label: t('Chờ thẩm định', 'To review'), children: <ForwardedTab orgNames={orgNames} q={q} /> },
          {
            key: 'approved',
            label: t('Đã duyệt, chờ CA', 'Approved, awaiting the CA'),
            children: <StateTab state="approved" orgNames={orgNames} q={q} caption={t('Đã duyệt, chờ Cục Chứng thực số thực hiện (chỉ xem)', 'Approved, waiting for the CA (read-only)')} />,
          },
          {
            key: 'failed',
            label: t('Lỗi thực hiện', 'Failed'),
            children: <StateTab state="failed" orgNames={orgNames} q={q} caption={t('Thao tác CA bị lỗi (chỉ xem; vận hành CA thực hiện lại)', 'CA operation failed (read-only; the CA operator retries)')} />,
          },
        ]}
      />
    </>
  );
}
