// /people — the people (subscribers) of the unit: search by name, CCCD or e-mail, paginated.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Page, Subscriber } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useDebounced } from '../../lib/useDebounced';
import { usePager } from '../../lib/usePager';
import { matchesQuery } from './matchesQuery';
import { VisuallyHidden } from './VisuallyHidden';

export function PeopleList() {
  const { lang, t } = useLang();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const q = useDebounced(query.trim(), 400);
  const pager = usePager();
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<Subscriber>>('/api/v1/subscribers', { q, limit, offset }),
    [q, limit, offset],
  );

  const rows = useMemo(
    () =>
      (data?.items ?? []).filter((s) =>
        matchesQuery(query, s.data.full_name, s.data.email, s.data.cccd, s.data.phone, s.data.position),
      ),
    [data, query],
  );

  const columns: ColumnsType<Subscriber> = [
    {
      title: t('Họ và tên', 'Name'),
      key: 'name',
      render: (_, s) => (
        <>
          <Link to={`/people/${s.id}`} data-testid={`person-link-${s.id}`} style={{ display: 'inline-block', minWidth: 140 }}>
            {s.data.full_name}
          </Link>
          {s.data.kind === 'organization' && (
            <Tag color="purple" style={{ marginInlineStart: 8 }}>
              {t('Tổ chức', 'Organization')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('Chức vụ', 'Position'), key: 'position', render: (_, s) => s.data.position || s.data.manager_name },
    { title: t('Thư điện tử', 'E-mail'), key: 'email', render: (_, s) => s.data.email },
    { title: t('Điện thoại', 'Phone'), key: 'phone', render: (_, s) => s.data.phone },
    {
      title: t('Số CCCD', 'Citizen ID'),
      key: 'cccd',
      render: (_, s) => <span style={{ fontFamily: 'monospace' }}>{s.data.cccd}</span>,
    },
    { title: t('Thiết bị', 'Device'), key: 'device', render: (_, s) => (s.data.device ? deviceLabel(s.data.device, lang) : '') },
    { title: t('Ngày tạo', 'Created'), key: 'created', render: (_, s) => formatDate(s.created_at) },
  ];

  return (
    <>
      <PageTitle
        extra={
          hasRole('unit_manager', 'aggregator', 'admin') && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="person-add" onClick={() => navigate('/people/new')}>
              {t('Thêm người', 'Add a person')}
            </Button>
          )
        }
      >
        {t('Nhân sự đơn vị', 'People of the unit')}
      </PageTitle>
      <Input.Search
        allowClear
        aria-label={t('Tìm theo tên, số CCCD hoặc thư điện tử', 'Search by name, citizen ID or e-mail')}
        placeholder={t('Tìm theo tên, số CCCD hoặc thư điện tử', 'Search by name, citizen ID or e-mail')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          pager.firstPage();
        }}
        onSearch={(v) => setParams(v ? { q: v } : {}, { replace: true })}
        style={{ maxWidth: 480, marginBottom: 16 }}
        data-testid="people-search"
      />
      <ErrorAlert error={error} />
      <Table<Subscriber>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: true }}
        data-testid="people-table"
        caption={<VisuallyHidden>{t('Danh sách nhân sự', 'List of people')}</VisuallyHidden>}
        pagination={pager.pagination(data?.items.length ?? 0)}
      />
    </>
  );
}
