import { describe, expect, it } from 'vitest';
import {
  caExpiryWarning,
  crlStale,
  formatDaysLeft,
  isExpired,
  normalizeSerial,
  ocspFreshness,
  ocspSignerWarning,
  revokeBody,
} from './revoke';

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

describe('days left', () => {
  const now = new Date('2026-11-21T09:00:00Z');
  it('a certificate has expired past not_after, even when the truncated days left are 0', () => {
    expect(isExpired(12, '2026-12-03T10:00:00Z', now)).toBe(false);
    expect(isExpired(0, '2026-11-21T20:00:00Z', now)).toBe(false);
    expect(isExpired(0, '2026-11-21T08:00:00Z', now)).toBe(true);
    expect(isExpired(-3, '2026-11-18T08:00:00Z', now)).toBe(true);
  });
  it('says how many days are left, or that it has expired', () => {
    expect(formatDaysLeft(1234, false, 'vi')).toBe('còn 1.234 ngày');
    expect(formatDaysLeft(1234, false, 'en')).toBe('1,234 days left');
    expect(formatDaysLeft(1, false, 'en')).toBe('1 day left');
    expect(formatDaysLeft(0, false, 'vi')).toBe('còn dưới 1 ngày');
    expect(formatDaysLeft(0, false, 'en')).toBe('less than a day left');
    expect(formatDaysLeft(-2, true, 'vi')).toBe('đã hết hạn');
    expect(formatDaysLeft(-2, true, 'en')).toBe('expired');
  });
  it('warns of a CA near its end or past it', () => {
    expect(caExpiryWarning('issuing-2026', 90, false, 180, 'vi')).toBe(
      'CA "issuing-2026" sắp hết hạn: còn 90 ngày (ngưỡng cảnh báo 180 ngày). Cần chuẩn bị CA mới.',
    );
    expect(caExpiryWarning('issuing-2026', 90, false, 180, 'en')).toBe(
      'CA "issuing-2026" expires soon: 90 days left (warning at 180 days). Prepare its successor.',
    );
    expect(caExpiryWarning('root', -1, true, 180, 'vi')).toBe('CA "root" đã hết hạn. Cần thay bằng CA mới.');
  });
  it('warns of an OCSP signer the automatic renewal missed', () => {
    expect(ocspSignerWarning(12, false, 'vi')).toBe('Chứng thư ký OCSP chưa được gia hạn tự động: còn 12 ngày.');
    expect(ocspSignerWarning(12, false, 'en')).toBe('The OCSP signing certificate was not renewed automatically: 12 days left.');
    expect(ocspSignerWarning(-1, true, 'vi')).toBe('Chứng thư ký OCSP chưa được gia hạn tự động và đã hết hạn.');
  });
  it('writes Vietnamese in NFC', () => {
    for (const text of [formatDaysLeft(5, false, 'vi'), caExpiryWarning('x', 5, false, 180, 'vi'), ocspSignerWarning(5, false, 'vi')]) {
      expect(text).toBe(text.normalize('NFC'));
    }
  });
});
