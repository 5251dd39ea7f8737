// What the request did to key devices, oldest first, beside its timeline: the token enrolled,
// its PIN reset, reported lost (CLI "Thiết bị / Devices"): when, who, which device (linked to its
// page), what happened, the state before and after, and the note. Nothing when it touched none.
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import type { RequestDeviceEvent } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { DeviceEventTimeline, EventAction, EventNote, EventStates, EventWhen } from '../devices/DeviceEventTimeline';

export function RequestDevices({ events }: { events: RequestDeviceEvent[] }) {
  const { t } = useLang();
  if (events.length === 0) return null;
  return (
    <Card title={t('Thiết bị', 'Devices')} style={{ marginBottom: 16 }} data-testid="request-devices">
      <DeviceEventTimeline
        events={events}
        renderItem={(e, action) => (
          <div data-testid="request-device-event" data-serial={e.device_serial} data-action={e.action} data-to={e.to}>
            <div>
              <Link
                to={`/devices/${encodeURIComponent(e.device_serial)}`}
                style={{ fontFamily: 'monospace' }}
                data-testid={`request-device-${e.device_serial}`}
              >
                {e.device_serial}
              </Link>{' '}
              <EventAction action={action} />
              <EventWhen at={e.at} actor={e.actor} />
            </div>
            <div style={{ marginTop: 4 }}>
              <EventStates from={e.from} to={e.to} />
            </div>
            <EventNote note={e.note} />
          </div>
        )}
      />
    </Card>
  );
}
