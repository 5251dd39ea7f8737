import { describe, expect, it } from 'vitest';
import { matchesQuery, pageTotal } from './paging';

describe('pageTotal', () => {
  it('keeps one more page reachable while pages are full', () => {
    expect(pageTotal(0, 20, 20)).toBe(40);
    expect(pageTotal(40, 20, 20)).toBe(80);
  });
  it('is exact on the last page', () => {
    expect(pageTotal(40, 7, 20)).toBe(47);
    expect(pageTotal(0, 0, 20)).toBe(0);
  });
});

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
