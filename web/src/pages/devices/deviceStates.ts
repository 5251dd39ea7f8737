// The device states (SPEC §6, the server's registry/device_transitions.cpp) in both languages,
// the button each allowed change gets, and what a change does to the certificates on the device,
// said before the user confirms it.
import type { Lang } from '../../lib/format';
import { labelFrom, revokeReasonLabel } from '../../lib/labels';
import type { DeviceChange } from './types';

type Pair = readonly [vi: string, en: string];

export const DEVICE_STATES: Record<string, Pair> = {
  formatted: ['Đã khởi tạo trắng', 'Blank (formatted)'],
  active: ['Đang sử dụng', 'In use'],
  locked: ['Bị khóa', 'Locked'],
  temporarily_lost: ['Bị mất tạm thời', 'Temporarily lost'],
  permanently_lost: ['Bị mất hẳn', 'Permanently lost'],
  damaged: ['Bị hỏng', 'Damaged'],
  terminated: ['Đã thu hồi, ngừng dùng', 'Taken back, out of use'],
};

export const DEVICE_STATE_COLORS: Record<string, string> = {
  formatted: 'default',
  active: 'green',
  locked: 'orange',
  temporarily_lost: 'gold',
  permanently_lost: 'red',
  damaged: 'volcano',
  terminated: 'default',
};

export const deviceStateLabel = (s: string, l: Lang) => labelFrom(DEVICE_STATES, s, l);

/** The button of a change: "Báo mất tạm thời", "Đã tìm thấy", "Thu hồi thiết bị", … */
export function changeLabel(c: Pick<DeviceChange, 'from' | 'to' | 'to_label_vi'>, lang: Lang): string {
  const pick = (p: Pair) => (lang === 'vi' ? p[0] : p[1]);
  switch (c.to) {
    case 'temporarily_lost':
      return pick(['Báo mất tạm thời', 'Report temporarily lost']);
    case 'permanently_lost':
      return pick(['Báo mất hẳn', 'Report permanently lost']);
    case 'damaged':
      return pick(['Báo hỏng', 'Report damaged']);
    case 'locked':
      return pick(['Báo bị khóa', 'Report locked']);
    case 'terminated':
      return pick(['Thu hồi thiết bị', 'Take the device back']);
    case 'formatted':
      return pick(['Khởi tạo trắng lại', 'Format as blank']);
    case 'active':
      if (c.from === 'temporarily_lost') return pick(['Đã tìm thấy', 'Report found']);
      if (c.from === 'locked') return pick(['Mở khóa', 'Unlock']);
      return pick(['Đưa vào sử dụng', 'Put back in use']);
    default:
      return lang === 'vi' ? `Chuyển sang "${c.to_label_vi || c.to}"` : `Change to "${c.to}"`;
  }
}

/** What the change does to the device's certificates, for the confirmation. */
export function effectText(c: Pick<DeviceChange, 'effect' | 'reason'>, lang: Lang): string {
  const vi = lang === 'vi';
  switch (c.effect) {
    case 'hold':
      return vi
        ? 'Chứng thư số trên thiết bị sẽ bị tạm dừng (certificateHold) cho đến khi thiết bị được báo tìm thấy.'
        : 'The certificates on the device will be put on hold (certificateHold) until the device is reported found.';
    case 'release':
      return vi
        ? 'Chứng thư số đang tạm dừng trên thiết bị sẽ tiếp tục hiệu lực (removeFromCRL).'
        : 'The certificates on hold on the device will be valid again (removeFromCRL).';
    case 'revoke': {
      const reason = c.reason ? revokeReasonLabel(c.reason, lang) : vi ? 'không nêu lý do' : 'unspecified';
      return vi
        ? `Chứng thư số trên thiết bị sẽ bị thu hồi với lý do ${reason}, không thể hoàn tác.`
        : `The certificates on the device will be revoked, reason ${reason}; this cannot be undone.`;
    }
    default:
      return vi ? 'Chứng thư số trên thiết bị không thay đổi.' : 'The certificates on the device stay as they are.';
  }
}

/** The alert kind of the effect: a revocation cannot be undone, a hold stops signing. */
export function effectSeverity(c: Pick<DeviceChange, 'effect'>): 'error' | 'warning' | 'info' {
  if (c.effect === 'revoke') return 'error';
  if (c.effect === 'hold') return 'warning';
  return 'info';
}

/** The longest note the server keeps with a change. */
export const NOTE_MAX = 500;

/** The body of POST /api/v1/devices/{serial}/state: the note trimmed, left out when empty. */
export function stateChangeBody(to: string, note: string): { state: string; note?: string } {
  const n = note.trim();
  return n ? { state: to, note: n } : { state: to };
}
