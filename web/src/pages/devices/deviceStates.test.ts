import { describe, expect, it } from 'vitest';
import { DEVICE_STATES, DEVICE_STATE_COLORS, changeLabel, deviceStateLabel, effectSeverity, effectText, stateChangeBody } from './deviceStates';
import type { DeviceState } from './types';

describe('device states', () => {
  // Every state the server has (a Record over DeviceState: tsc fails when one is added).
  const ALL: Record<DeviceState, string> = {
    formatted: 'đã khởi tạo trắng',
    active: 'đang sử dụng',
    locked: 'bị khóa',
    temporarily_lost: 'bị mất tạm thời',
    permanently_lost: 'bị mất hẳn',
    damaged: 'bị hỏng',
    terminated: 'đã thu hồi, ngừng dùng',
  };

  it("names each state as the server's to_label_vi does, in NFC, with a colour", () => {
    for (const [state, vi] of Object.entries(ALL)) {
      expect(deviceStateLabel(state, 'vi').toLowerCase(), state).toBe(vi);
      expect(deviceStateLabel(state, 'vi'), state).toBe(deviceStateLabel(state, 'vi').normalize('NFC'));
      expect(DEVICE_STATE_COLORS[state], state).toBeDefined();
    }
    expect(Object.keys(DEVICE_STATES).sort()).toEqual(Object.keys(ALL).sort());
  });

  it('shows an unknown state by its code', () => {
    expect(deviceStateLabel('recycled', 'en')).toBe('recycled');
  });
});

describe('changeLabel', () => {
  const label = (from: DeviceState, to: DeviceState, lang: 'vi' | 'en' = 'vi') => changeLabel({ from, to, to_label_vi: '' }, lang);

  it.each<[DeviceState, DeviceState, string]>([
    ['active', 'temporarily_lost', 'Báo mất tạm thời'],
    ['locked', 'temporarily_lost', 'Báo mất tạm thời'],
    ['active', 'permanently_lost', 'Báo mất hẳn'],
    ['temporarily_lost', 'active', 'Đã tìm thấy'],
    ['locked', 'active', 'Mở khóa'],
    ['active', 'damaged', 'Báo hỏng'],
    ['active', 'locked', 'Báo bị khóa'],
    ['active', 'terminated', 'Thu hồi thiết bị'],
    ['damaged', 'formatted', 'Khởi tạo trắng lại'],
  ])('%s → %s is "%s"', (from, to, text) => {
    expect(label(from, to)).toBe(text);
  });

  it('has English names, and falls back to the server label for a state it does not know', () => {
    expect(label('temporarily_lost', 'active', 'en')).toBe('Report found');
    expect(changeLabel({ from: 'active', to: 'recycled' as DeviceState, to_label_vi: 'đã tái chế' }, 'vi')).toBe('Chuyển sang "đã tái chế"');
  });
});

describe('effectText', () => {
  it('says a permanent loss revokes with the reason and cannot be undone', () => {
    const vi = effectText({ effect: 'revoke', reason: 'keyCompromise' }, 'vi');
    expect(vi).toContain('thu hồi');
    expect(vi).toContain('(keyCompromise), không thể hoàn tác');
    expect(effectText({ effect: 'revoke', reason: 'keyCompromise' }, 'en')).toContain('cannot be undone');
    expect(effectSeverity({ effect: 'revoke' })).toBe('error');
  });

  it('says a temporary loss holds and a found device releases', () => {
    expect(effectText({ effect: 'hold' }, 'vi')).toContain('tạm dừng');
    expect(effectSeverity({ effect: 'hold' })).toBe('warning');
    expect(effectText({ effect: 'release' }, 'vi')).toContain('tiếp tục hiệu lực');
    expect(effectText({ effect: 'none' }, 'vi')).toContain('không thay đổi');
    expect(effectSeverity({ effect: 'none' })).toBe('info');
  });
});

describe('stateChangeBody', () => {
  it('sends the note trimmed, and none when empty', () => {
    expect(stateChangeBody('temporarily_lost', '  để quên ở phòng họp ')).toEqual({ state: 'temporarily_lost', note: 'để quên ở phòng họp' });
    expect(stateChangeBody('active', '   ')).toEqual({ state: 'active' });
  });
});
