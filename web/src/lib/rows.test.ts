import { describe, expect, it } from 'vitest';
import { replaceById } from './rows';

describe('replaceById', () => {
  const rows = [
    { id: 1, email: 'a@bacninh.gov.vn' as string | null },
    { id: 2, email: null },
  ];

  it('puts the answered row in place, keeping the order', () => {
    const out = replaceById(rows, { id: 1, email: null });
    expect(out).toEqual([
      { id: 1, email: null },
      { id: 2, email: null },
    ]);
    expect(out[1]).toBe(rows[1]);
    expect(rows[0].email).toBe('a@bacninh.gov.vn');
  });

  it('leaves the rows as they were when none has the id', () => {
    expect(replaceById(rows, { id: 9, email: 'x@bacninh.gov.vn' })).toEqual(rows);
  });
});
