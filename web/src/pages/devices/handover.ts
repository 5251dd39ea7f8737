// Handing a token to its holder (POST /api/v1/devices/{serial}/handover), kept apart from the
// screens so it can be tested: who may record it and when, the request's body, and the device
// list's handover filter.
import type { Role } from '../../api/types';
import type { KeyDevice } from './types';

/** The roles with device.handover (src/registry/access_policy.cpp): the registration office and the CA. */
export const HANDOVER_ROLES: readonly Role[] = ['ra_officer', 'ca_operator'];

/** The longest receiver's name and note the server takes. */
export const RECEIVED_BY_MAX = 200;
export const HANDOVER_NOTE_MAX = 500;

/**
 * Whether the user may record the handover now: a role with device.handover, and an active
 * device with a holder not handed over since its last enrolment (the server refuses any other
 * with a 409).
 */
export function canRecordHandover(
  role: Role | string | null | undefined,
  d: Pick<KeyDevice, 'state' | 'subscriber_id' | 'handed_over_at'>,
): boolean {
  if (!role || !(HANDOVER_ROLES as readonly string[]).includes(role)) return false;
  return d.state === 'active' && !!d.subscriber_id && !d.handed_over_at;
}

/** The body of the handover: both texts trimmed, the note left out when empty. */
export function handoverBody(receivedBy: string, note: string): { received_by: string; note?: string } {
  const n = note.trim();
  return n ? { received_by: receivedBy.trim(), note: n } : { received_by: receivedBy.trim() };
}

/** The device list's handover filter; none shows every device. */
export type HandoverFilter = 'pending' | 'done';

/**
 * pending ("Chưa bàn giao"): an active token not handed over since its last enrolment;
 * done ("Đã bàn giao"): handed over, whatever has become of it since.
 */
export function matchesHandover(
  filter: HandoverFilter | string | null | undefined,
  d: Pick<KeyDevice, 'kind' | 'state' | 'handed_over_at'>,
): boolean {
  switch (filter) {
    case 'pending':
      return d.kind === 'TOKEN' && d.state === 'active' && !d.handed_over_at;
    case 'done':
      return !!d.handed_over_at;
    default:
      return true;
  }
}
