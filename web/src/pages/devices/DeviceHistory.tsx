// The device's history, oldest first: what happened (taken into stock, enrolled, handed over…),
// when, who, the state before and after, the request it came from (enrolment, re-issue) and the
// note, which names the certificates held, released or revoked with the change.
import { Card, Empty } from 'antd';
import { Link } from 'react-router-dom';
import { useLang } from '../../lib/i18n';
import { DeviceEventTimeline, EventAction, EventNote, EventStates, EventWhen } from './DeviceEventTimeline';
import type { DeviceEvent } from './types';

export function DeviceHistory({ events }: { events: DeviceEvent[] }) {
  const { t } = useLang();
  return (
    <Card title={t('Lịch sử', 'History')} style={{ marginBottom: 16 }} data-testid="device-history">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <DeviceEventTimeline
          events={events}
          renderItem={(e, action) => (
            <div data-testid="device-event" data-to={e.to} data-action={e.action}>
              <div>
                <EventAction action={action} />
                <EventStates from={e.from} to={e.to} />
              </div>
              <EventWhen at={e.at} actor={e.actor} />
              {e.request_id ? (
                <div>
                  <Link to={`/requests/${e.request_id}`}>{t(`Yêu cầu #${e.request_id}`, `Request #${e.request_id}`)}</Link>
                </div>
              ) : null}
              <EventNote note={e.note} />
            </div>
          )}
        />
      )}
    </Card>
  );
}
