import { describe, expect, it } from 'vitest';
import {
  ENROLMENT_STAGES,
  abandonBody,
  actionOf,
  canAbandon,
  defaultSlot,
  enrolmentStageLabel,
  isBlank,
  letterFileName,
  pinGroups,
  slotLabel,
} from './station';
import type { EnrolmentStage, StationSlot, WaitingRequest } from './types';

const slot = (slot_id: number, over: Partial<StationSlot> = {}): StationSlot => ({
  slot_id,
  description: 'SoftHSM slot',
  token_present: true,
  serial: `SER${slot_id}`,
  label: `nhan-${slot_id}`,
  manufacturer: 'SoftHSM project',
  model: 'SoftHSM v2',
  initialized: true,
  user_pin_initialized: true,
  user_pin_locked: false,
  user_pin_count_low: false,
  so_pin_locked: false,
  error: null,
  device_state: 'active',
  ...over,
});

const request = (over: Partial<WaitingRequest> = {}): WaitingRequest => ({
  request_id: 42,
  type: 'new',
  subscriber_id: 7,
  holder: 'Nguyễn Văn An',
  cert_serial: '',
  enrolment: null,
  ...over,
});

const blank = slot(9, { serial: 'BLANK9', label: '', initialized: false, user_pin_initialized: false, device_state: null });
const formatted = slot(5, { device_state: 'formatted' });
const empty = slot(1, { token_present: false, serial: null, label: null, initialized: null, device_state: null });
const broken = slot(2, { initialized: false, error: 'CKR_DEVICE_ERROR' });

describe('actionOf', () => {
  it('enrols for a new or reissued certificate and resets the PIN for a device recovery', () => {
    expect(actionOf({ type: 'new' })).toBe('enroll');
    expect(actionOf({ type: 'reissue' })).toBe('enroll');
    expect(actionOf({ type: 'recover_device' })).toBe('reset-pin');
  });
});

describe('canAbandon', () => {
  it.each<[EnrolmentStage, boolean]>([
    ['initializing', true],
    ['initialized', true],
    ['issued', false],
    ['written', false],
    ['abandoned', false],
  ])('an enrolment %s may be abandoned: %s', (stage, yes) => {
    expect(canAbandon({ enrolment: { stage, device_serial: 'X' } })).toBe(yes);
  });

  it('has nothing to abandon without an enrolment', () => {
    expect(canAbandon({ enrolment: null })).toBe(false);
  });
});

describe('defaultSlot', () => {
  const slots = [empty, broken, slot(3), formatted, blank];

  it('picks a never-initialized token for a new certificate, passing over empty and unreadable slots', () => {
    expect(defaultSlot(request(), slots)).toBe(9);
  });

  it('falls back to a token formatted blank in the register, and to none', () => {
    expect(defaultSlot(request({ type: 'reissue' }), [empty, slot(3), formatted])).toBe(5);
    expect(defaultSlot(request(), [empty, slot(3)])).toBeUndefined();
    expect(isBlank(broken)).toBe(false);
  });

  it('keeps to the token of an enrolment in progress, and none when that token is not plugged in', () => {
    const r = request({ enrolment: { stage: 'initialized', device_serial: 'SER3' } });
    expect(defaultSlot(r, slots)).toBe(3);
    expect(defaultSlot(r, [empty, blank])).toBeUndefined();
  });

  it('picks a blank token again once the enrolment is abandoned', () => {
    expect(defaultSlot(request({ enrolment: { stage: 'abandoned', device_serial: 'SER3' } }), slots)).toBe(9);
  });

  it("picks the holder's own token for a device recovery, else any token present", () => {
    const r = request({ type: 'recover_device', cert_serial: 'AB12' });
    expect(defaultSlot(r, slots, ['ELSEWHERE', 'SER5'])).toBe(5);
    expect(defaultSlot(r, slots, ['ELSEWHERE'])).toBe(3);
    expect(defaultSlot(r, [empty])).toBeUndefined();
  });
});

describe('labels', () => {
  it('names every enrolment stage in both languages, NFC, and an unknown one by its code', () => {
    for (const stage of ['initializing', 'initialized', 'issued', 'written', 'abandoned']) {
      expect(ENROLMENT_STAGES[stage], stage).toBeDefined();
      const vi = enrolmentStageLabel(stage, 'vi');
      expect(vi).toBe(vi.normalize('NFC'));
      expect(enrolmentStageLabel(stage, 'en')).not.toBe(vi);
    }
    expect(enrolmentStageLabel('recycled', 'vi')).toBe('recycled');
  });

  it('names a slot by its number, serial and label, saying when the token is blank', () => {
    expect(slotLabel(slot(3), 'vi')).toBe('Khe 3 — SER3 (nhan-3)');
    expect(slotLabel(blank, 'vi')).toBe('Khe 9 — BLANK9 · chưa khởi tạo');
    expect(slotLabel(blank, 'en')).toBe('Slot 9 — BLANK9 · not initialized');
  });
});

describe('the PIN and the letter', () => {
  it('groups the PIN by four for reading, keeping every digit', () => {
    expect(pinGroups('12345678')).toBe('1234 5678');
    expect(pinGroups('123456')).toBe('1234 56');
    expect(pinGroups('12345678').replace(/\s/g, '')).toBe('12345678');
  });

  it('sends the abandon note trimmed, and none when empty', () => {
    expect(abandonBody(42, '  thiết bị lỗi khi cắm ')).toEqual({ request_id: 42, note: 'thiết bị lỗi khi cắm' });
    expect(abandonBody(42, '  ')).toEqual({ request_id: 42 });
  });

  it('names the record as the server does', () => {
    expect(letterFileName(42)).toBe('mau-07-42.pdf');
  });
});
