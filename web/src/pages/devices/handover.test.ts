import { describe, expect, it } from 'vitest';
import type { Role } from '../../api/types';
import { handoverText } from './deviceActions';
import { HANDOVER_ROLES, canRecordHandover, handoverBody, matchesHandover } from './handover';

const ALL_ROLES: Role[] = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];
const waiting = { kind: 'TOKEN', state: 'active', subscriber_id: 7, handed_over_at: null };
const handed = { ...waiting, handed_over_at: '2026-12-06T17:30:00Z' };

describe('canRecordHandover', () => {
  it('lets only the registration office and the CA operator record it', () => {
    for (const role of ALL_ROLES) expect(canRecordHandover(role, waiting), role).toBe(HANDOVER_ROLES.includes(role));
    expect(canRecordHandover('ra_officer', waiting)).toBe(true);
    expect(canRecordHandover('ca_operator', waiting)).toBe(true);
    expect(canRecordHandover(undefined, waiting)).toBe(false);
    expect(canRecordHandover(null, waiting)).toBe(false);
    expect(canRecordHandover('', waiting)).toBe(false);
  });

  it('only for an active device with a holder, not yet handed over', () => {
    expect(canRecordHandover('ra_officer', handed)).toBe(false);
    expect(canRecordHandover('ra_officer', { ...waiting, subscriber_id: null })).toBe(false);
    for (const state of ['formatted', 'locked', 'temporarily_lost', 'permanently_lost', 'damaged', 'terminated', 'recycled']) {
      expect(canRecordHandover('ca_operator', { ...waiting, state }), state).toBe(false);
    }
  });
});

describe('handoverBody', () => {
  it('trims both texts and leaves an empty note out', () => {
    expect(handoverBody('  Nguyễn Văn An ', ' BB-2026/015 ')).toEqual({ received_by: 'Nguyễn Văn An', note: 'BB-2026/015' });
    expect(handoverBody('Nguyễn Văn An', '   ')).toEqual({ received_by: 'Nguyễn Văn An' });
    expect(handoverBody('Nguyễn Văn An', '')).not.toHaveProperty('note');
  });
});

describe('matchesHandover', () => {
  const devices = [
    { serial: 'waiting', ...waiting },
    { serial: 'handed', ...handed },
    { serial: 'handed-then-lost', ...handed, state: 'temporarily_lost' },
    { serial: 'blank', kind: 'TOKEN', state: 'formatted', handed_over_at: null },
    { serial: 'locked', kind: 'TOKEN', state: 'locked', handed_over_at: null },
    { serial: 'sim', kind: 'SIM', state: 'active', handed_over_at: null },
  ];
  const pick = (f?: string) => devices.filter((d) => matchesHandover(f, d)).map((d) => d.serial);

  it('keeps every device without a filter', () => {
    expect(pick(undefined)).toHaveLength(devices.length);
    expect(pick('')).toHaveLength(devices.length);
  });

  it('"Chưa bàn giao": the active tokens not handed over', () => {
    expect(pick('pending')).toEqual(['waiting']);
  });

  it('"Đã bàn giao": the handed-over devices, whatever became of them since', () => {
    expect(pick('done')).toEqual(['handed', 'handed-then-lost']);
  });

  it('agrees with the text the list shows', () => {
    for (const d of devices) {
      const text = handoverText(d, 'vi');
      expect(matchesHandover('pending', d), d.serial).toBe(text === 'Chưa bàn giao');
      expect(matchesHandover('done', d), d.serial).toBe(text.startsWith('Đã bàn giao'));
    }
  });
});
