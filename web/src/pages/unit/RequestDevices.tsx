// What the request did to key devices, oldest first, beside its timeline: the token enrolled,
// its PIN reset, reported lost (CLI "Thiết bị / Devices"): when, who, which device (linked to its
// page), what happened, the state before and after, and the note. Nothing when it touched none.
import { Card, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RequestDeviceEvent } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { DEVICE_EVENT_COLORS, deviceActionLabel } from '../devices/deviceActions';
import { DeviceStateTag } from '../devices/DeviceStateTag';

export function RequestDevices({ events }: { events: RequestDeviceEvent[] }) {
  const { lang, t } = useLang();
  if (events.length === 0) return null;
  return (
    <Card title={t('Thiết bị', 'Devices')} style={{ marginBottom: 16 }} data-testid="request-devices">
      <Timeline
        items={events.map((e, i) => {
          const action = deviceActionLabel(e.action, e.to, lang);
          return {
            key: i,
            color: DEVICE_EVENT_COLORS[e.to] ?? 'blue',
            children: (
              <div data-testid="request-device-event" data-serial={e.device_serial} data-action={e.action} data-to={e.to}>
                <div>
                  <Link
                    to={`/devices/${encodeURIComponent(e.device_serial)}`}
                    style={{ fontFamily: 'monospace' }}
                    data-testid={`request-device-${e.device_serial}`}
                  >
                    {e.device_serial}
                  </Link>{' '}
                  {action && (
                    <>
                      <Typography.Text strong>{action}</Typography.Text>{' '}
                    </>
                  )}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {e.actor}
                  </Typography.Text>
                </div>
                <div style={{ marginTop: 4 }}>
                  {e.from && e.from !== e.to && (
                    <>
                      <DeviceStateTag state={e.from} /> →{' '}
                    </>
                  )}
                  <DeviceStateTag state={e.to} />
                </div>
                {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.note}</div>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
