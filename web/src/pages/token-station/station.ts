// The token station's choices, kept apart from the screen so they can be tested: which action a
// waiting request needs, which tokens may be picked for it and which one is picked first, whether
// an enrolment may still be abandoned, and the names of the enrolment stages in both languages.
import type { Lang } from '../../lib/format';
import { labelFrom } from '../../lib/labels';
import type { StationAction, StationSlot, WaitingRequest } from './types';

type Pair = readonly [vi: string, en: string];

export const ENROLMENT_STAGES: Record<string, Pair> = {
  initializing: ['Đang khởi tạo thiết bị', 'Initializing the token'],
  initialized: ['Đã khởi tạo, chưa cấp chứng thư', 'Initialized, certificate not issued'],
  issued: ['Đã cấp chứng thư, chưa ghi vào thiết bị', 'Certificate issued, not written yet'],
  written: ['Đã ghi chứng thư vào thiết bị', 'Certificate written to the token'],
  abandoned: ['Đã bỏ dở', 'Abandoned'],
};

export const enrolmentStageLabel = (s: string, l: Lang) => labelFrom(ENROLMENT_STAGES, s, l);

/** recover_device resets the user PIN on the holder's token; new and reissue enrol a token. */
export function actionOf(r: Pick<WaitingRequest, 'type'>): StationAction {
  return r.type === 'recover_device' ? 'reset-pin' : 'enroll';
}

/** An enrolment begun and not yet issued may be abandoned (the token is kept as a blank one). */
export function canAbandon(r: Pick<WaitingRequest, 'enrolment'>): boolean {
  const stage = r.enrolment?.stage;
  return stage === 'initializing' || stage === 'initialized';
}

/** The token an unfinished enrolment is on; none once it is abandoned. */
export function enrolmentDevice(r: Pick<WaitingRequest, 'enrolment'>): string | undefined {
  const e = r.enrolment;
  if (!e || e.stage === 'abandoned' || !e.device_serial) return undefined;
  return e.device_serial;
}

/** A slot holding a readable token: the ones that may be picked. */
export function usable(s: StationSlot): boolean {
  return s.token_present && !s.error;
}

/** Never initialized (a factory-new token), or formatted blank in the register (reusable). */
export function isBlank(s: StationSlot): boolean {
  return usable(s) && (s.initialized === false || s.device_state === 'formatted');
}

/**
 * The slot picked first for a request: new/reissue — the token of its enrolment in progress,
 * else a never-initialized token, else one formatted blank; recover_device — the token whose
 * serial is one of the holder's registered devices, else any token present.
 * `holderDevices` are the serials of the holder's devices, when known.
 */
export function defaultSlot(r: WaitingRequest, slots: StationSlot[], holderDevices: readonly string[] = []): number | undefined {
  const present = slots.filter(usable);
  const bySerial = (serial: string) => present.find((s) => s.serial === serial);
  if (actionOf(r) === 'enroll') {
    const ongoing = enrolmentDevice(r);
    if (ongoing) return bySerial(ongoing)?.slot_id;
    const fresh = present.find((s) => s.initialized === false) ?? present.find(isBlank);
    return fresh?.slot_id;
  }
  for (const serial of holderDevices) {
    const s = bySerial(serial);
    if (s) return s.slot_id;
  }
  return present[0]?.slot_id;
}

/** How a token is named in the slot picker: "Khe 3 — 1a2b3c (Nhãn) · trắng". */
export function slotLabel(s: StationSlot, lang: Lang): string {
  const vi = lang === 'vi';
  const name = [s.serial, s.label ? `(${s.label})` : ''].filter(Boolean).join(' ');
  const blank = s.initialized === false ? (vi ? 'chưa khởi tạo' : 'not initialized') : '';
  const slot = vi ? `Khe ${s.slot_id}` : `Slot ${s.slot_id}`;
  return [slot, [name, blank].filter(Boolean).join(' · ')].filter(Boolean).join(' — ');
}

/** The PIN in groups of four for reading aloud ("1234 5678"); the digits themselves are kept. */
export function pinGroups(pin: string): string {
  return pin.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The longest note the server keeps with an abandoned enrolment. */
export const ABANDON_NOTE_MAX = 2000;

/** The body of POST /api/v1/token-station/abandon: the note trimmed, left out when empty. */
export function abandonBody(requestId: number, note: string): { request_id: number; note?: string } {
  const n = note.trim();
  return n ? { request_id: requestId, note: n } : { request_id: requestId };
}

/** The file name of the Mẫu 07 handover record, as the server names it. */
export const letterFileName = (requestId: number) => `mau-07-${requestId}.pdf`;
