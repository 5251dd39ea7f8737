import { describe, expect, it } from 'vitest';
import { DEVICE_ACTIONS, deviceActionLabel, handoverText } from './deviceActions';

describe('deviceActionLabel', () => {
  it.each([
    ['receive', 'formatted', 'Nhập kho'],
    ['enrol', 'active', 'Khởi tạo, cấp chứng thư'],
    ['handover', 'active', 'Bàn giao'],
    ['register', 'active', 'Ghi nhận'],
    ['format', 'formatted', 'Khởi tạo trắng'],
    ['found', 'active', 'Tìm thấy'],
    ['reset_pin', 'active', 'Đặt lại PIN'],
  ])('%s is "%s"', (action, to, vi) => {
    expect(deviceActionLabel(action, to, 'vi')).toBe(vi);
    expect(deviceActionLabel(action, to, 'en')).toBe(DEVICE_ACTIONS[action][1]);
  });

  it('says nothing for a state change, whose tags already say it, nor for an older event', () => {
    expect(deviceActionLabel('permanently_lost', 'permanently_lost', 'vi')).toBeNull();
    expect(deviceActionLabel('terminated', 'terminated', 'en')).toBeNull();
    expect(deviceActionLabel('', 'active', 'vi')).toBeNull();
    // A state name as the action of a change to another state is still a state change.
    expect(deviceActionLabel('locked', 'active', 'vi')).toBeNull();
  });

  it('shows an action it does not know by its code', () => {
    expect(deviceActionLabel('recycle', 'formatted', 'vi')).toBe('recycle');
  });

  it('writes the Vietnamese names in NFC', () => {
    for (const [vi] of Object.values(DEVICE_ACTIONS)) expect(vi).toBe(vi.normalize('NFC'));
  });
});

describe('handoverText', () => {
  it("gives the handover's date in Vietnam", () => {
    // 17:30 UTC on 6 December is 00:30 on 7 December in Hà Nội.
    const d = { kind: 'TOKEN', state: 'active', handed_over_at: '2026-12-06T17:30:00Z' };
    expect(handoverText(d, 'vi')).toBe('Đã bàn giao 07/12/2026');
    expect(handoverText(d, 'en')).toBe('Handed over 07/12/2026');
    // Still said once the token is reported lost.
    expect(handoverText({ ...d, state: 'temporarily_lost' }, 'vi')).toBe('Đã bàn giao 07/12/2026');
  });

  it('says an active token not yet handed over, and nothing where handing over does not apply', () => {
    expect(handoverText({ kind: 'TOKEN', state: 'active', handed_over_at: null }, 'vi')).toBe('Chưa bàn giao');
    expect(handoverText({ kind: 'TOKEN', state: 'active', handed_over_at: null }, 'en')).toBe('Not handed over yet');
    expect(handoverText({ kind: 'TOKEN', state: 'formatted', handed_over_at: null }, 'vi')).toBe('');
    expect(handoverText({ kind: 'SIM', state: 'active', handed_over_at: null }, 'vi')).toBe('');
  });
});
