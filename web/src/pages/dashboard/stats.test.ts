import { describe, expect, it } from 'vitest';
import type { Certificate, Statistics } from '../../api/types';
import { ageSeries, expiringSeries, expiringSoon, kpis, openRequests, orgSeries, roundCountdown, stateSeries, wrapLabel } from './stats';

const base: Statistics = {
  requests_by_state: { approved: 1, draft: 2, forwarded: 1, rejected: 1, returned: 1, submitted: 2, completed: 5 },
  requests_by_type: { new: 8 },
  requests_overdue: 3,
  certificates_by_status: { hold: 1, revoked: 2, valid: 57 },
  certificates_expiring: { '30': 1, '60': 4, '90': 9 },
};

describe('kpis', () => {
  it('counts open requests as every non-final state', () => {
    expect(openRequests(base.requests_by_state)).toBe(7);
    expect(openRequests(undefined)).toBe(0);
  });
  it('reads the figures, zero when a key is missing', () => {
    expect(kpis(base)).toEqual({ valid: 57, expiring30: 1, expiring60: 4, expiring90: 9, open: 7, overdue: 3 });
    const empty = { ...base, certificates_by_status: {}, certificates_expiring: {}, requests_by_state: {} };
    expect(kpis(empty)).toEqual({ valid: 0, expiring30: 0, expiring60: 0, expiring90: 0, open: 0, overdue: 3 });
  });
});

describe('series', () => {
  it('expiring in 30/60/90 days with labels in both languages', () => {
    expect(expiringSeries(base, 'vi').map((p) => [p.label, p.value])).toEqual([
      ['≤ 30 ngày', 1],
      ['≤ 60 ngày', 4],
      ['≤ 90 ngày', 9],
    ]);
    expect(expiringSeries(base, 'en')[2].label).toBe('≤ 90 days');
  });
  it('states in workflow order, zeros dropped, unknown states last', () => {
    const s = { ...base, requests_by_state: { ...base.requests_by_state, weird: 2, cancelled: 0 } };
    expect(stateSeries(s, 'vi').map((p) => p.key)).toEqual([
      'draft',
      'submitted',
      'returned',
      'forwarded',
      'approved',
      'completed',
      'rejected',
      'weird',
    ]);
    expect(stateSeries(s, 'vi')[0].label).toBe('Nháp');
    expect(stateSeries(s, 'en')[0].label).toBe('Draft');
    expect(stateSeries(s, 'vi')[0].color).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('age buckets in order, or null when the server has none', () => {
    expect(ageSeries(base, 'vi')).toBeNull();
    const s = { ...base, requests_by_age: { '15+': 2, '0-3': 5, '8-14': 1 } };
    expect(ageSeries(s, 'vi')?.map((p) => [p.label, p.value])).toEqual([
      ['0–3 ngày', 5],
      ['4–7 ngày', 0],
      ['8–14 ngày', 1],
      ['15+ ngày', 2],
    ]);
  });
  it('top organizations by valid certificates, or null when not served', () => {
    expect(orgSeries(base)).toBeNull();
    const rows = Array.from({ length: 14 }, (_, i) => ({ org_id: i + 1, org_name: `Sở ${i + 1}`, valid: i % 5, expiring_90: 0 }));
    const top = orgSeries({ ...base, certificates_by_org: rows }, 10)!;
    expect(top).toHaveLength(10);
    expect(top[0].valid).toBe(4);
    expect(top.every((p, i) => i === 0 || top[i - 1].valid >= p.valid)).toBe(true);
    expect(orgSeries({ ...base, certificates_by_org: [] })).toEqual([]);
  });
});

describe('wrapLabel', () => {
  it('wraps at spaces within the width', () => {
    expect(wrapLabel('Trường THPT Thuận Thành số 1', 14)).toEqual(['Trường THPT', 'Thuận Thành số', '1']);
    expect(wrapLabel('Sở Tài chính', 20)).toEqual(['Sở Tài chính']);
  });
  it('cuts long words and ends with an ellipsis past the last line', () => {
    expect(wrapLabel('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const lines = wrapLabel('Công ty cổ phần Viễn thông Kinh Bắc chi nhánh số hai', 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
  });
});

describe('roundCountdown', () => {
  it('counts to the end of the last day in Vietnam', () => {
    // 21/12/2026 ends at 2026-12-21T17:00Z.
    const c = roundCountdown('21/12/2026', new Date('2026-11-21T09:00:00Z'))!;
    expect(c).toEqual({ days: 30, hours: 8, past: false });
    expect(roundCountdown('21/12/2026', new Date('2026-12-21T16:30:00Z'))).toEqual({ days: 0, hours: 0, past: false });
    expect(roundCountdown('21/12/2026', new Date('2026-12-23T17:00:00Z'))?.past).toBe(true);
    expect(roundCountdown('garbage')).toBeNull();
  });
});

describe('expiringSoon', () => {
  const cert = (serial: string, not_after: string, status = 'valid'): Certificate => ({
    serial,
    subject: '',
    common_name: serial,
    email: '',
    not_before: '2024-01-01T00:00:00Z',
    not_after,
    profile: 'individual',
    status,
  });
  it('keeps valid, not yet expired ones, soonest first', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const out = expiringSoon(
      [
        cert('A', '2027-05-01T00:00:00Z'),
        cert('B', '2026-12-01T00:00:00Z'),
        cert('C', '2026-11-01T00:00:00Z'),
        cert('D', '2026-11-25T00:00:00Z', 'revoked'),
        cert('E', '2026-11-30T00:00:00Z'),
      ],
      2,
      now,
    );
    expect(out.map((c) => c.serial)).toEqual(['E', 'B']);
  });
});
