// Shapes of the token station's answers (GET /api/v1/token-station, POST …/enroll, …/reset-pin,
// …/abandon; see GET /api/v1/openapi.json and the server's routes_api_token_station.cpp).
import type { RequestType } from '../../api/types';

/** How far an enrolment on a token got (registry/token_enrolments.h). */
export type EnrolmentStage = 'initializing' | 'initialized' | 'issued' | 'written' | 'abandoned';

/** An approved request waiting for a device: new/reissue need enrolment, recover_device a PIN reset. */
export interface WaitingRequest {
  request_id: number;
  type: RequestType | string;
  subscriber_id: number;
  holder: string;
  /** The certificate the request concerns (recover_device: the one on the holder's token); may be empty. */
  cert_serial: string;
  /** The enrolment begun for this request, if any (a newer server may send a stage unknown here). */
  enrolment: null | { stage: EnrolmentStage | string; device_serial: string };
}

/** A slot of the PKCS#11 module as `token list --json` prints it; token fields are null without a token. */
export interface StationSlot {
  slot_id: number;
  description: string;
  token_present: boolean;
  serial: string | null;
  label: string | null;
  manufacturer: string | null;
  model: string | null;
  initialized: boolean | null;
  user_pin_initialized: boolean | null;
  user_pin_locked: boolean | null;
  user_pin_count_low: boolean | null;
  so_pin_locked: boolean | null;
  /** Why the token could not be read, if it could not. */
  error: string | null;
  /** The device register's state of this token (null when the register does not know it). */
  device_state: string | null;
}

export interface StationOverview {
  requests: WaitingRequest[];
  slots: StationSlot[];
  /** Why the module (the tokens' middleware) cannot be read; the waiting list still answers. */
  module_error: null | { title: string; title_en: string };
}

/** The answer of enroll and reset-pin. The PIN is stored nowhere: it lives in the page's memory only. */
export interface StationOutcome {
  request_id: number;
  device_serial: string;
  certificate_serial: string;
  user_pin: string;
  /** An interrupted enrolment was taken up again. */
  resumed: boolean;
}

export type StationAction = 'enroll' | 'reset-pin';
