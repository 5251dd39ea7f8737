// /devices/:serial — one key device: what it is, who holds it and since when, its state and the
// changes the user may make now (report lost, found, damaged…) or its handover to the holder (the
// registration office, the CA), the certificates whose keys were made on it and its history. After
// a change the page reads the device again.
import { Card, Descriptions, Empty, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { NotFound, PageTitle } from '../../components/Status';
import { formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { LoadFailure } from '../unit/LoadFailure';
import { OrgName } from '../unit/OrgName';
import { handoverText } from './deviceActions';
import { DeviceChanges } from './DeviceChanges';
import { DeviceHandover } from './DeviceHandover';
import { DeviceHistory } from './DeviceHistory';
import { DeviceStateTag } from './DeviceStateTag';
import { canRecordHandover } from './handover';
import { HolderName } from './HolderName';
import type { DeviceDetail as Detail } from './types';

export function DeviceDetail() {
  const { serial } = useParams();
  if (!serial) return <NotFound />;
  return <DeviceDetailOf key={serial} serial={serial} />;
}

function DeviceDetailOf({ serial }: { serial: string }) {
  const { lang, t } = useLang();
  const { user } = useSession();
  const { data: d, error, loading, reload } = useApi(
    () => api.get<Detail>(`/api/v1/devices/${encodeURIComponent(serial)}`),
    [serial],
  );

  if (loading && !d) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (error && !d) return <LoadFailure error={error} />;
  if (!d) return null;
  const mayHandOver = canRecordHandover(user?.role, d);

  return (
    <>
      <PageTitle extra={<DeviceStateTag state={d.state} data-testid="device-state" />}>
        {t('Thiết bị', 'Device')} <span style={{ fontFamily: 'monospace' }}>{d.serial}</span>
      </PageTitle>
      <Card style={{ marginBottom: 16 }} data-testid="device-header">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('Loại', 'Kind')}>{deviceLabel(d.kind, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('Mẫu', 'Model')}>{d.model}</Descriptions.Item>
          <Descriptions.Item label={t('Hãng sản xuất', 'Manufacturer')}>{d.manufacturer}</Descriptions.Item>
          <Descriptions.Item label={t('Nhãn', 'Label')}>{d.label}</Descriptions.Item>
          <Descriptions.Item label={t('Người giữ', 'Holder')}>
            <HolderName id={d.subscriber_id} />
          </Descriptions.Item>
          <Descriptions.Item label={t('Cơ quan', 'Organization')}>{d.org_id ? <OrgName id={d.org_id} /> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('Bàn giao cho người giữ', 'Handed to the holder')}>
            <span data-testid="device-handover">
              {d.handed_over_at
                ? t(`Đã bàn giao ${formatDateTime(d.handed_over_at)}`, `Handed over ${formatDateTime(d.handed_over_at)}`)
                : handoverText(d, lang) || '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('Đăng ký lúc', 'Registered')}>{formatDateTime(d.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t('Cập nhật', 'Updated')}>{formatDateTime(d.updated_at)}</Descriptions.Item>
        </Descriptions>
        {(mayHandOver || d.changes.length > 0) && (
          <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {mayHandOver && <DeviceHandover device={d} onDone={reload} />}
            {d.changes.length > 0 && <DeviceChanges device={d} onDone={reload} />}
          </div>
        )}
      </Card>
      <Card title={t('Chứng thư số trên thiết bị', 'Certificates on the device')} style={{ marginBottom: 16 }} data-testid="device-certificates">
        {d.certificates.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Chưa có chứng thư số', 'No certificate')} />
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {d.certificates.map((c) => (
              <li key={c}>
                <Link to={`/certificates?q=${encodeURIComponent(c)}`} style={{ fontFamily: 'monospace' }}>
                  {formatSerial(c)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <DeviceHistory events={d.events} />
    </>
  );
}
