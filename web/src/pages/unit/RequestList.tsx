// /requests — the requests in the user's scope, newest first: filter by state and overdue (on
// the server), by type and name (in the browser); export the national XLSX.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select, Space, message } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, saveBlob } from '../../api/client';
import type { CertRequest, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { STATES, stateLabel, typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { matchesQuery } from './paging';
import { usePager } from './usePager';
import { CREATOR_ROLES, REQUEST_TYPE_ORDER } from './requestForm';
import { RequestsTable } from './RequestsTable';

export function RequestList() {
  const { lang, t } = useLang();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const type = params.get('type') ?? '';
  const overdue = params.get('overdue') === 'true';
  const [query, setQuery] = useState('');
  const pager = usePager();
  const [exporting, setExporting] = useState(false);
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<CertRequest>>('/api/v1/requests', { state, overdue: overdue || undefined, limit, offset }),
    [state, overdue, limit, offset],
  );

  const rows = useMemo(
    () =>
      (data?.items ?? []).filter(
        (r) => (!type || r.type === type) && matchesQuery(query, r.id, r.data?.subject?.full_name, r.data?.subject?.email),
      ),
    [data, type, query],
  );

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    pager.firstPage();
  }

  async function exportXlsx() {
    setExporting(true);
    try {
      const blob = await api.blob('/api/v1/requests/export', { state, overdue: overdue || undefined });
      saveBlob(blob, 'yeu-cau.xlsx');
      message.success(t('Đã tải về yeu-cau.xlsx', 'Downloaded yeu-cau.xlsx'));
    } catch (e) {
      message.error(errorText(e, lang), 8);
    } finally {
      setExporting(false);
    }
  }

  const mayCreate = !!user && CREATOR_ROLES.includes(user.role);
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')} data-testid="request-create">
                {t('Tạo yêu cầu', 'New request')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="requests-export">
              {t('Xuất XLSX', 'Export XLSX')}
            </Button>
          </Space>
        }
      >
        {t('Yêu cầu', 'Requests')}
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('Mọi trạng thái', 'Any state')}
          aria-label={t('Lọc theo trạng thái', 'Filter by state')}
          data-testid="filter-state"
          value={state || undefined}
          onChange={(v?: string) => setFilter('state', v ?? '')}
          options={Object.keys(STATES).map((s) => ({ value: s, label: stateLabel(s, lang) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('Mọi loại yêu cầu', 'Any type')}
          aria-label={t('Lọc theo loại yêu cầu', 'Filter by type')}
          data-testid="filter-type"
          value={type || undefined}
          onChange={(v?: string) => setFilter('type', v ?? '')}
          options={REQUEST_TYPE_ORDER.map((ty) => ({ value: ty, label: typeLabel(ty, lang) }))}
        />
        <Checkbox checked={overdue} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : '')} data-testid="filter-overdue">
          {t('Chỉ yêu cầu quá hạn xử lý', 'Overdue only')}
        </Checkbox>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('Tìm theo số, tên, thư điện tử', 'Search number, name, e-mail')}
          aria-label={t('Tìm theo số, tên, thư điện tử', 'Search number, name, e-mail')}
          data-testid="requests-search"
        />
      </Space>
      <ErrorAlert error={error} />
      <RequestsTable
        rows={rows}
        loading={loading}
        caption={t('Danh sách yêu cầu', 'List of requests')}
        pagination={pager.pagination(data?.items.length ?? 0)}
      />
    </>
  );
}
