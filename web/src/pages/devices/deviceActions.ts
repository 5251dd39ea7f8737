// What a device event did (device_events.action, docs/architecture.md "token custody") in both
// languages, and whether a token has reached its holder (handed_over_at). A state change's action
// is the state's own name, which the event's state tags already say.
import { formatDate, type Lang } from '../../lib/format';
import { labelFrom } from '../../lib/labels';
import { DEVICE_STATES } from './deviceStates';
import type { KeyDevice } from './types';

type Pair = readonly [vi: string, en: string];

export const DEVICE_ACTIONS: Record<string, Pair> = {
  receive: ['Nhập kho', 'Taken into stock'],
  enrol: ['Khởi tạo, cấp chứng thư', 'Enrolled, certificate issued'],
  register: ['Ghi nhận', 'Recorded'],
  format: ['Khởi tạo trắng', 'Formatted as blank'],
  handover: ['Bàn giao', 'Handed over'],
  found: ['Tìm thấy', 'Found'],
  reset_pin: ['Đặt lại PIN', 'PIN reset'],
  lock: ['PIN người dùng bị khóa', 'User PIN locked'],
};

/** The dot of an event in a history, by the state it left the device in. */
export const DEVICE_EVENT_COLORS: Record<string, string> = {
  active: 'green',
  temporarily_lost: 'orange',
  locked: 'orange',
  permanently_lost: 'red',
  damaged: 'red',
  terminated: 'gray',
};

/**
 * The name of the event's action; null when it says nothing the states do not (a state change,
 * whose action is the new state's name, or an event older than the field).
 */
export function deviceActionLabel(action: string, to: string, lang: Lang): string | null {
  if (!action || action === to || (!DEVICE_ACTIONS[action] && DEVICE_STATES[action])) return null;
  return labelFrom(DEVICE_ACTIONS, action, lang);
}

/**
 * "Đã bàn giao dd/MM/yyyy" once handed over, "Chưa bàn giao" for an active token still with the
 * office; "" when handing over does not apply (a blank, lost or taken-back token, a SIM, a key store).
 */
export function handoverText(d: Pick<KeyDevice, 'kind' | 'state' | 'handed_over_at'>, lang: Lang): string {
  const vi = lang === 'vi';
  if (d.handed_over_at) {
    const date = formatDate(d.handed_over_at);
    return vi ? `Đã bàn giao ${date}` : `Handed over ${date}`;
  }
  if (d.kind === 'TOKEN' && d.state === 'active') return vi ? 'Chưa bàn giao' : 'Not handed over yet';
  return '';
}
