// Shapes of the device register's answers (GET /api/v1/devices, /api/v1/devices/{serial}, POST
// /api/v1/devices/{serial}/state; see GET /api/v1/openapi.json).
import type { Device } from '../../api/types';

export type DeviceState =
  | 'formatted'
  | 'active'
  | 'locked'
  | 'temporarily_lost'
  | 'permanently_lost'
  | 'damaged'
  | 'terminated';

/** What a state change does to the certificates whose keys are on the device. */
export type CertificateEffect = 'none' | 'hold' | 'release' | 'revoke';

/** A change the signed-in user may make now (the server has applied the role's rights). */
export interface DeviceChange {
  from: DeviceState;
  to: DeviceState;
  to_label_vi: string;
  effect: CertificateEffect;
  /** For revoke: the RFC 5280 reason name (keyCompromise, cessationOfOperation, …). */
  reason?: string;
}

export interface KeyDevice {
  id: number;
  kind: Device | string;
  /** The token's serial as pkcs11-tool -L prints it. */
  serial: string;
  model: string;
  manufacturer: string;
  label: string;
  /** The holder; null for a blank (formatted) token given to nobody. */
  subscriber_id: number | null;
  org_id: number | null;
  /** A newer server may send a state this portal does not know yet. */
  state: DeviceState | string;
  /** When the token was handed to its holder since its last enrolment (ISO 8601); null: not yet. */
  handed_over_at: string | null;
  created_at: string;
  updated_at: string;
  changes: DeviceChange[];
}

export interface DeviceEvent {
  at: string;
  actor: string;
  /** null for the first event (enrolment). */
  from: DeviceState | string | null;
  to: DeviceState | string;
  request_id: number | null;
  /**
   * What happened: a custody step (receive, enrol, register, format, handover, reset_pin, found…)
   * or, for a state change, the state's name; "" in events older than the field.
   */
  action: string;
  note: string;
}

/** One device with its history (oldest first) and the certificates whose keys were made on it. */
export interface DeviceDetail extends KeyDevice {
  events: DeviceEvent[];
  certificates: string[];
}
