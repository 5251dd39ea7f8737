// The device's history, oldest first: what happened (taken into stock, enrolled, handed over…),
// when, who, the state before and after, the request it came from (enrolment, re-issue) and the
// note, which names the certificates held, released or revoked with the change.
import { Card, Empty, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { DEVICE_EVENT_COLORS, deviceActionLabel } from './deviceActions';
import { DeviceStateTag } from './DeviceStateTag';
import type { DeviceEvent } from './types';

export function DeviceHistory({ events }: { events: DeviceEvent[] }) {
  const { lang, t } = useLang();
  return (
    <Card title={t('Lịch sử', 'History')} style={{ marginBottom: 16 }} data-testid="device-history">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={events.map((e, i) => {
            const action = deviceActionLabel(e.action, e.to, lang);
            return {
              key: i,
              color: DEVICE_EVENT_COLORS[e.to] ?? 'blue',
              children: (
                <div data-testid="device-event" data-to={e.to} data-action={e.action}>
                  <div>
                    {action && (
                      <>
                        <Typography.Text strong>{action}</Typography.Text>{' '}
                      </>
                    )}
                    {e.from && e.from !== e.to && (
                      <>
                        <DeviceStateTag state={e.from} /> →{' '}
                      </>
                    )}
                    <DeviceStateTag state={e.to} />
                  </div>
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {e.actor}
                  </Typography.Text>
                  {e.request_id ? (
                    <div>
                      <Link to={`/requests/${e.request_id}`}>{t(`Yêu cầu #${e.request_id}`, `Request #${e.request_id}`)}</Link>
                    </div>
                  ) : null}
                  {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.note}</div>}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
