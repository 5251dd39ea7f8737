// /requests — the requests in the user's scope, newest first: filter by state, type, overdue and
// a search (name without diacritics, CCCD, e-mail or number), all on the server, kept in the
// URL; export the national XLSX (by state and overdue).
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, saveBlob } from '../../api/client';
import type { CertRequest, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useLang } from '../../lib/i18n';
import { STATES, stateLabel, typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { useDebounced } from '../../lib/useDebounced';
import { usePager } from '../../lib/usePager';
import { CREATOR_ROLES, REQUEST_TYPE_ORDER } from './requestForm';
import { RequestsTable } from './RequestsTable';

export function RequestList() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const type = params.get('type') ?? '';
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const settled = useDebounced(typed.trim(), 400);
  const pager = usePager();
  const [exporting, run] = useBusy();
  const showError = useErrorMessage();
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<CertRequest>>('/api/v1/requests', { state, type, q, overdue: overdue || undefined, limit, offset }),
    [state, type, q, overdue, limit, offset],
  );

  // What was typed goes to the server once the typing pauses (Enter sends it at once).
  useEffect(() => {
    if (settled !== q) setFilter('q', settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  // A search changed from outside (the menu, the back button) shows in the box.
  useEffect(() => {
    if (q !== settled) setTyped(q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    pager.firstPage();
  }

  function exportXlsx() {
    return run(
      async () => {
        const blob = await api.blob('/api/v1/requests/export', { state, type, overdue: overdue || undefined, search: q || undefined });
        saveBlob(blob, 'yeu-cau.xlsx');
        message.success(t('Đã tải về yeu-cau.xlsx', 'Downloaded yeu-cau.xlsx'));
      },
      (e) => showError(e, 8),
    );
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
          style={{ width: 300 }}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => {
            setTyped(v);
            if (v.trim() !== q) setFilter('q', v.trim());
          }}
          placeholder={t('Tên (không dấu cũng được), CCCD, thư điện tử, số', 'Name (diacritics optional), ID, e-mail, number')}
          aria-label={t('Tìm yêu cầu theo tên người đề nghị, số CCCD, thư điện tử hoặc số yêu cầu', "Search requests by the person's name, citizen ID, e-mail or request number")}
          data-testid="requests-search"
        />
      </Space>
      <ErrorAlert error={error} />
      <RequestsTable
        rows={data?.items ?? []}
        loading={loading}
        caption={t('Danh sách yêu cầu', 'List of requests')}
        pagination={pager.pagination(data?.items.length ?? 0)}
      />
    </>
  );
}
