import { describe, expect, it } from 'vitest';
import { matchesQuery } from './matchesQuery';

describe('matchesQuery', () => {
  it('ignores diacritics and case and needs every word', () => {
    expect(matchesQuery('nguyen an', 'Nguyễn Văn An')).toBe(true);
    expect(matchesQuery('dang', 'Đặng Thị Hoa')).toBe(true);
    expect(matchesQuery('nguyen binh', 'Nguyễn Văn An')).toBe(false);
  });
  it('searches several texts and numbers, and an empty query matches', () => {
    expect(matchesQuery('0271', 'An', '027100001234')).toBe(true);
    expect(matchesQuery('12', 12)).toBe(true);
    expect(matchesQuery('  ', 'x')).toBe(true);
  });
});
