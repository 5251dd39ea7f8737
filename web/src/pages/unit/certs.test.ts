import { describe, expect, it } from 'vitest';
import { certFileName, daysLeftText, expiryColor, hasCertInForce, isCurrent, pemToDer, personRequestTypes } from './certs';

const now = new Date('2026-11-21T00:00:00Z');

describe('expiry', () => {
  it('colours 30/60/90 days', () => {
    expect(expiryColor(5)).toBe('red');
    expect(expiryColor(-3)).toBe('red');
    expect(expiryColor(45)).toBe('orange');
    expect(expiryColor(89)).toBe('gold');
    expect(expiryColor(90)).toBeUndefined();
    expect(expiryColor(null)).toBeUndefined();
  });
  it('says the days left in both languages', () => {
    expect(daysLeftText(12, 'vi')).toBe('còn 12 ngày');
    expect(daysLeftText(1, 'en')).toBe('1 day left');
    expect(daysLeftText(-1, 'vi')).toBe('đã hết hạn');
  });
});

describe('files', () => {
  it('names certificate files by serial', () => {
    expect(certFileName('ab:cd 12', 'pem')).toBe('ABCD12.pem');
    expect(certFileName('', 'crt')).toBe('certificate.crt');
  });
  it('turns a PEM into DER bytes', () => {
    const der = pemToDer('-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n');
    expect(der && Array.from(der)).toEqual([1, 2, 3]);
    expect(pemToDer('nothing')).toBeNull();
  });
});

describe('requests for a person', () => {
  it('offers a new certificate only without a current one, a mailbox only without one', () => {
    const valid = { status: 'valid', not_after: '2028-01-01T00:00:00Z' };
    const old = { status: 'valid', not_after: '2025-01-01T00:00:00Z' };
    expect(isCurrent(valid, now)).toBe(true);
    expect(isCurrent(old, now)).toBe(false);
    expect(personRequestTypes([valid], false, now)).toEqual(['mailbox']);
    expect(personRequestTypes([old, { status: 'revoked', not_after: '2029-01-01T00:00:00Z' }], true, now)).toEqual(['new']);
  });
});

describe('a certificate in force', () => {
  const later = '2027-06-01T00:00:00Z';
  const past = '2026-11-01T00:00:00Z';
  it('is valid or on hold, and not past its end', () => {
    expect(hasCertInForce([{ status: 'valid', not_after: later }], now)).toBe(true);
    expect(hasCertInForce([{ status: 'hold', not_after: later }], now)).toBe(true);
    expect(hasCertInForce([{ status: 'valid', not_after: past }], now)).toBe(false);
    expect(hasCertInForce([{ status: 'revoked', not_after: later }, { status: 'expired', not_after: past }], now)).toBe(false);
    expect(hasCertInForce([], now)).toBe(false);
  });
});
