// The table columns the device register and a person's devices share: the serial linked to the
// device's page, the state and the handover. Each list names its own test ids by prefix
// (`device-link-` + serial, `person-device-` + serial, …).
import type { ColumnType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { Lang } from '../../lib/format';
import { translator } from '../../lib/i18n';
import { handoverText } from './deviceActions';
import { DeviceStateTag } from './DeviceStateTag';
import type { KeyDevice } from './types';

/** The serial, in monospace, linked to /devices/:serial; its test id is `testIdPrefix` + serial. */
export function serialColumn(lang: Lang, testIdPrefix: string): ColumnType<KeyDevice> {
  return {
    title: translator(lang)('Số hiệu thiết bị', 'Device serial'),
    key: 'serial',
    render: (_, d) => (
      <Link
        to={`/devices/${encodeURIComponent(d.serial)}`}
        style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
        data-testid={`${testIdPrefix}${d.serial}`}
      >
        {d.serial}
      </Link>
    ),
  };
}

export function stateColumn(lang: Lang): ColumnType<KeyDevice> {
  return { title: translator(lang)('Trạng thái', 'State'), key: 'state', render: (_, d) => <DeviceStateTag state={d.state} /> };
}

/** Whether (and when) the token reached its holder, "—" when unknown; test id `testIdPrefix` + serial. */
export function handoverColumn(lang: Lang, testIdPrefix: string): ColumnType<KeyDevice> {
  return {
    title: translator(lang)('Bàn giao', 'Handover'),
    key: 'handover',
    render: (_, d) => (
      <span style={{ whiteSpace: 'nowrap' }} data-testid={`${testIdPrefix}${d.serial}`}>
        {handoverText(d, lang) || '—'}
      </span>
    ),
  };
}
