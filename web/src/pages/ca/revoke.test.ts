import { describe, expect, it } from 'vitest';
import { crlStale, normalizeSerial, ocspFreshness, revokeBody } from './revoke';

describe('revocation input', () => {
  it('normalizes serials typed with spaces, colons or lower case', () => {
    expect(normalizeSerial('bac1 8e4b:48c0')).toBe('BAC18E4B48C0');
    expect(normalizeSerial('  ')).toBeNull();
    expect(normalizeSerial('XYZ')).toBeNull();
    expect(normalizeSerial('A'.repeat(65))).toBeNull();
  });
  it('sends the invalidity date only when meaningful', () => {
    expect(revokeBody('keyCompromise', '20/11/2026')).toEqual({ reason: 'keyCompromise', invalidity_date: '20/11/2026' });
    expect(revokeBody('keyCompromise', '')).toEqual({ reason: 'keyCompromise' });
    expect(revokeBody('removeFromCRL', '20/11/2026')).toEqual({ reason: 'removeFromCRL' });
  });
});

describe('freshness', () => {
  const now = new Date('2026-11-21T09:00:00Z');
  it('a CRL is stale past its nextUpdate', () => {
    expect(crlStale('2026-11-22T09:00:00Z', now)).toBe(false);
    expect(crlStale('2026-11-21T08:59:59Z', now)).toBe(true);
  });
  it('OCSP answers are old past their validity', () => {
    expect(ocspFreshness(null, 3600, now)).toBe('none');
    expect(ocspFreshness('2026-11-21T08:30:00Z', 3600, now)).toBe('fresh');
    expect(ocspFreshness('2026-11-21T07:30:00Z', 3600, now)).toBe('old');
  });
});
