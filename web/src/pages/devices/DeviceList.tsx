// /devices — the key devices (USB tokens) in the user's reach with their holder and state; a
// device's page reports it lost, found or damaged, or records its handover. Filtered in the
// browser by text, state and handover (the tokens still with the office, the ones handed over).
import { Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel } from '../../lib/labels';
import { clientPages } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { matchesQuery } from '../unit/matchesQuery';
import { VisuallyHidden } from '../unit/VisuallyHidden';
import { handoverColumn, serialColumn, stateColumn } from './deviceColumns';
import { DEVICE_STATES, deviceStateLabel } from './deviceStates';
import { matchesHandover, type HandoverFilter } from './handover';
import { HolderName } from './HolderName';
import type { KeyDevice } from './types';

export function DeviceList() {
  const { lang, t } = useLang();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<string>();
  const [handover, setHandover] = useState<HandoverFilter>();
  const { data, error, loading } = useApi(() => api.get<{ items: KeyDevice[] }>('/api/v1/devices'), []);

  const rows = useMemo(
    () =>
      (data?.items ?? []).filter(
        (d) =>
          (!state || d.state === state) &&
          matchesHandover(handover, d) &&
          matchesQuery(query, d.serial, d.model, d.manufacturer, d.label),
      ),
    [data, query, state, handover],
  );

  const columns: ColumnsType<KeyDevice> = [
    serialColumn(lang, 'device-link-'),
    { title: t('Người giữ', 'Holder'), key: 'holder', render: (_, d) => <HolderName id={d.subscriber_id} /> },
    {
      title: t('Loại, mẫu', 'Kind, model'),
      key: 'model',
      render: (_, d) => [deviceLabel(d.kind, lang), d.model].filter(Boolean).join(' — '),
    },
    stateColumn(lang),
    handoverColumn(lang, 'device-row-handover-'),
    {
      title: t('Cập nhật', 'Updated'),
      key: 'updated_at',
      responsive: ['md'],
      render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.updated_at)}</span>,
    },
  ];

  return (
    <>
      <PageTitle>{t('Thiết bị lưu khóa', 'Key devices')}</PageTitle>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ flex: '1 1 260px', maxWidth: 440 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('Số hiệu, mẫu hoặc nhãn thiết bị', 'Serial, model or label')}
          aria-label={t('Tìm thiết bị theo số hiệu, mẫu hoặc nhãn', 'Search devices by serial, model or label')}
          data-testid="device-search"
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('Mọi trạng thái', 'Any state')}
          aria-label={t('Lọc theo trạng thái', 'Filter by state')}
          value={state}
          onChange={(v?: string) => setState(v)}
          options={Object.keys(DEVICE_STATES).map((s) => ({ value: s, label: deviceStateLabel(s, lang) }))}
          data-testid="device-state-filter"
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('Bàn giao: tất cả', 'Handover: all')}
          aria-label={t('Lọc theo bàn giao', 'Filter by handover')}
          value={handover}
          onChange={(v?: HandoverFilter) => setHandover(v)}
          options={[
            { value: 'pending', label: t('Chưa bàn giao', 'Not handed over yet') },
            { value: 'done', label: t('Đã bàn giao', 'Handed over') },
          ]}
          data-testid="device-handover-filter"
        />
      </div>
      <ErrorAlert error={error} />
      <Table<KeyDevice>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: true }}
        caption={<VisuallyHidden>{t('Danh sách thiết bị lưu khóa', 'List of key devices')}</VisuallyHidden>}
        data-testid="devices-table"
        pagination={clientPages(20)}
      />
    </>
  );
}
