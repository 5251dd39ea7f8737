import { describe, expect, it } from 'vitest';
import { daysUntil, fold, formatBytes, formatDate, formatDateTime, formatSerial, parseVnDate } from './format';

describe('formatDate', () => {
  it('shows UTC instants as the Vietnamese calendar day', () => {
    // 18:30 UTC is 01:30 the next day in Hà Nội.
    expect(formatDate('2026-11-20T18:30:00Z')).toBe('21/11/2026');
    expect(formatDate('2026-11-20T16:59:59Z')).toBe('20/11/2026');
  });
  it('keeps dd/MM/yyyy dates as written and rejects garbage', () => {
    expect(formatDate('07/11/1992')).toBe('07/11/1992');
    expect(formatDate('not a date')).toBe('');
    expect(formatDate(null)).toBe('');
  });
  it('formats times in Asia/Ho_Chi_Minh with a 24-hour clock', () => {
    expect(formatDateTime('2026-11-21T08:59:20Z')).toBe('21/11/2026 15:59');
    expect(formatDateTime('2026-11-21T08:59:20Z', true)).toBe('21/11/2026 15:59:20');
  });
});

describe('parseVnDate', () => {
  it('accepts real dates, leap days included', () => {
    expect(parseVnDate('29/02/2024')).not.toBeNull();
    expect(parseVnDate('31/12/1999')?.toISOString()).toBe('1999-12-30T17:00:00.000Z');
  });
  it('refuses impossible or misshapen dates', () => {
    for (const bad of ['29/02/2023', '31/04/2020', '00/01/2020', '1/1/2020', '2020-01-01', '12/13/2020']) {
      expect(parseVnDate(bad), bad).toBeNull();
    }
  });
});

describe('helpers', () => {
  it('counts days until a date', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    expect(daysUntil('2026-12-21T00:00:00Z', now)).toBe(30);
    expect(daysUntil('2026-11-20T00:00:00Z', now)).toBe(-1);
    expect(daysUntil('', now)).toBeNull();
  });
  it('groups serials', () => {
    expect(formatSerial('eab7c86951ddb9c5')).toBe('EAB7 C869 51DD B9C5');
  });
  it('folds Vietnamese diacritics', () => {
    expect(fold('Nguyễn Hữu Đức')).toBe('nguyen huu duc');
    expect(fold('NGUYỄN')).toBe(fold('nguyen'));
  });
  it('formats sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(2048, 'en')).toBe('2 KB');
  });
});
