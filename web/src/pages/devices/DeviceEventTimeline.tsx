// Device events as a timeline (a device's history, a request's devices): one dot per event,
// coloured by the state it left the device in, and the parts each item is made of. Each page
// lays its items out itself from these parts (its own test ids and order).
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { RequestDeviceEvent } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { DEVICE_EVENT_COLORS, deviceActionLabel } from './deviceActions';
import { DeviceStateTag } from './DeviceStateTag';

/** What a device event and a request's device event have in common. */
export type TimelineEvent = Omit<RequestDeviceEvent, 'device_serial'>;

interface Props<E extends TimelineEvent> {
  events: E[];
  /** The item's content, given the event and its action's name (null when the states say it all). */
  renderItem: (e: E, action: string | null) => ReactNode;
}

export function DeviceEventTimeline<E extends TimelineEvent>({ events, renderItem }: Props<E>) {
  const { lang } = useLang();
  return (
    <Timeline
      items={events.map((e, i) => ({
        key: i,
        color: DEVICE_EVENT_COLORS[e.to] ?? 'blue',
        children: renderItem(e, deviceActionLabel(e.action, e.to, lang)),
      }))}
    />
  );
}

/** The action's name in bold and a space, or nothing. */
export function EventAction({ action }: { action: string | null }) {
  if (!action) return null;
  return (
    <>
      <Typography.Text strong>{action}</Typography.Text>{' '}
    </>
  );
}

/** "from → to" as state tags; only "to" when the state did not change. */
export function EventStates({ from, to }: Pick<TimelineEvent, 'from' | 'to'>) {
  return (
    <>
      {from && from !== to && (
        <>
          <DeviceStateTag state={from} /> →{' '}
        </>
      )}
      <DeviceStateTag state={to} />
    </>
  );
}

/** When and who, in grey. */
export function EventWhen({ at, actor }: Pick<TimelineEvent, 'at' | 'actor'>) {
  return (
    <Typography.Text type="secondary">
      {formatDateTime(at)} · {actor}
    </Typography.Text>
  );
}

export function EventNote({ note }: { note: string }) {
  if (!note) return null;
  return <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{note}</div>;
}
