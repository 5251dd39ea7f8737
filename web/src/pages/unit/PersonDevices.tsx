// The person's key devices (GET /api/v1/devices?subscriber_id=): serial linked to the device's
// page, kind, model, state and whether the token has been handed over.
import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { deviceLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { handoverColumn, serialColumn, stateColumn } from '../devices/deviceColumns';
import type { KeyDevice } from '../devices/types';
import { VisuallyHidden } from './VisuallyHidden';

export function PersonDevices({ subscriberId }: { subscriberId: number }) {
  const { lang, t } = useLang();
  const { data, error, loading } = useApi(
    () => api.get<{ items: KeyDevice[] }>('/api/v1/devices', { subscriber_id: subscriberId }),
    [subscriberId],
  );

  const columns: ColumnsType<KeyDevice> = [
    serialColumn(lang, 'person-device-'),
    { title: t('Loại', 'Kind'), key: 'kind', render: (_, d) => deviceLabel(d.kind, lang) },
    { title: t('Mẫu', 'Model'), key: 'model', dataIndex: 'model' },
    stateColumn(lang),
    handoverColumn(lang, 'person-device-handover-'),
  ];

  return (
    <Card title={t('Thiết bị', 'Devices')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Table<KeyDevice>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('Người này chưa có thiết bị lưu khóa', 'This person has no key device') }}
        caption={<VisuallyHidden>{t('Thiết bị lưu khóa của người này', "This person's key devices")}</VisuallyHidden>}
        data-testid="person-devices"
      />
    </Card>
  );
}
