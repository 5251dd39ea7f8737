// "/audit" for auditors: the chain verdict on top, then the log (GET /api/v1/audit, newest first)
// filtered by actor, action prefix and object, paginated; a row opens to its details and hash.
// The filters live in the URL, so a view of the log can be shared or bookmarked.
import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { pagedTotal, serverPages } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useOrgNames } from '../../lib/useOrgNames';
import { auditQuery, outcomeKind, prettyDetails, type AuditFilters } from './audit';
import { ChainStatus } from './ChainStatus';

const OBJECT_TYPES = ['request', 'certificate', 'crl', 'ca', 'batch', 'round', 'user', 'organization', 'subscriber', 'route'];
const ACTIONS = ['auth.', 'auth.login', 'request.', 'cert.', 'cert.revoke', 'crl.publish', 'batch.', 'round.', 'user.', 'access.denied'];
const OUTCOME_COLORS = { ok: 'green', denied: 'red', failed: 'volcano', other: 'gold' } as const;
const FILTER_KEYS = ['actor', 'action', 'object_type', 'object_id'] as const;
const PAGE_SIZES = [20, 50, 100, 200];

const objectText = (e: AuditEntry) => `${e.object_type}${e.object_id ? `:${e.object_id}` : ''}`;

function Details({ e, orgName }: { e: AuditEntry; orgName?: string }) {
  const { t } = useLang();
  const details = prettyDetails(e.details);
  return (
    <div style={{ minWidth: 0, maxWidth: 'calc(100vw - 80px)' }}>
      <div style={{ marginBottom: 4 }}>
        <b>{t('Đối tượng', 'Object')}:</b> <span style={{ wordBreak: 'break-all' }}>{objectText(e)}</span>
        {orgName && (
          <>
            {' · '}
            <b>{t('Cơ quan', 'Organization')}:</b> {orgName}
          </>
        )}
      </div>
      <div style={{ marginBottom: 8 }}>
        <b>{t('Mã băm', 'Hash')}:</b>{' '}
        <Typography.Text code copyable style={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 12 }} data-testid="audit-hash">
          {e.hash}
        </Typography.Text>
      </div>
      <b>{t('Chi tiết', 'Details')}:</b>
      {details ? (
        <pre
          style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}
          data-testid="audit-details"
        >
          {details}
        </pre>
      ) : (
        <span> {t('(không có)', '(none)')}</span>
      )}
    </div>
  );
}

export function AuditLog() {
  const { t } = useLang();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<AuditFilters>();
  const filters: AuditFilters = {};
  for (const k of FILTER_KEYS) filters[k] = params.get(k) ?? undefined;
  const limit = Math.min(1000, Math.max(1, Number(params.get('limit')) || 50));
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const key = params.toString();

  useEffect(() => {
    form.setFieldsValue({ actor: '', action: '', object_type: '', object_id: '', ...filters });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const { data, error, loading } = useApi(() => api.get<Page<AuditEntry>>('/api/v1/audit', auditQuery(filters, limit, offset)), [key]);
  const orgName = useOrgNames();

  const apply = (v: AuditFilters) => {
    const q = auditQuery(v, limit, 0);
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (q[k]) next.set(k, String(q[k]));
    if (limit !== 50) next.set('limit', String(limit));
    setParams(next);
  };
  const page = (p: number, size: number) => {
    const next = new URLSearchParams(params);
    next.set('limit', String(size));
    next.set('offset', String(size === limit ? (p - 1) * size : 0));
    setParams(next);
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('Số TT', 'Seq'), dataIndex: 'seq', width: 70 },
    { title: t('Thời điểm', 'Time'), dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, true)}</span> },
    { title: t('Người thực hiện', 'Actor'), dataIndex: 'actor' },
    {
      title: t('Hành động', 'Action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('Đối tượng', 'Object'),
      key: 'object',
      responsive: ['md'],
      render: (_, e) => <span style={{ wordBreak: 'break-all' }}>{objectText(e)}</span>,
    },
    {
      title: t('Kết quả', 'Outcome'),
      dataIndex: 'outcome',
      render: (v: string) => (
        <Tag color={OUTCOME_COLORS[outcomeKind(v)]} data-outcome={v}>
          {v}
        </Tag>
      ),
    },
    {
      title: t('Cơ quan', 'Organization'),
      dataIndex: 'org_id',
      responsive: ['lg'],
      render: (v: number | null) => (v === null || v === undefined ? '—' : orgName.get(v) ?? `#${v}`),
    },
  ];

  return (
    <>
      <PageTitle>{t('Nhật ký kiểm toán', 'Audit log')}</PageTitle>
      <ChainStatus />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={apply} aria-label={t('Lọc nhật ký', 'Filter the log')}>
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actor" label={t('Người thực hiện', 'Actor')} style={{ marginBottom: 12 }}>
                <Input allowClear data-testid="audit-filter-actor" placeholder="cuc.ca" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('Hành động (bắt đầu bằng)', 'Action (prefix)')} style={{ marginBottom: 12 }}>
                <AutoComplete allowClear data-testid="audit-filter-action" options={ACTIONS.map((a) => ({ value: a }))} placeholder="request." />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="object_type" label={t('Loại đối tượng', 'Object type')} style={{ marginBottom: 12 }}>
                <AutoComplete
                  allowClear
                  data-testid="audit-filter-object-type"
                  options={OBJECT_TYPES.map((o) => ({ value: o }))}
                  placeholder="certificate"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="object_id" label={t('Mã đối tượng', 'Object ID')} style={{ marginBottom: 12 }}>
                <Input allowClear data-testid="audit-filter-object-id" />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-filter-apply">
              {t('Lọc', 'Filter')}
            </Button>
            <Button icon={<ClearOutlined />} onClick={() => setParams(new URLSearchParams())} data-testid="audit-filter-clear">
              {t('Bỏ lọc', 'Clear')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 18 }} id="audit-entries">
        {t('Các mục nhật ký, mới nhất trước', 'Entries, newest first')}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Table<AuditEntry>
        aria-labelledby="audit-entries"
        data-testid="audit-table"
        rowKey="seq"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (e) => <Details e={e} orgName={e.org_id === null || e.org_id === undefined ? undefined : orgName.get(e.org_id) ?? `#${e.org_id}`} />,
        }}
        locale={{ emptyText: t('Không có mục nào khớp', 'No matching entries') }}
        pagination={serverPages({ offset, limit, total: pagedTotal(data), sizes: PAGE_SIZES, onChange: page })}
      />
    </>
  );
}
