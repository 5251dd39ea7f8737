import { describe, expect, it } from 'vitest';
import { resultRows, resultsOf, summarize } from './batchResults';

const answer = {
  results: [
    { request_id: 7, ok: true, state: 'approved' },
    {
      request_id: 3,
      ok: false,
      status: 422,
      title: 'Yêu cầu còn lỗi',
      title_en: 'The request has errors',
      detail: 'Yêu cầu còn lỗi (findings)',
      detail_en: 'The request has errors (findings)',
      findings: [{ field: 'email', code: 'EMAIL_DOMAIN', severity: 'error', message_vi: 'Sai miền', message_en: 'Wrong domain' }],
    },
    { request_id: 5, ok: true, state: 'forwarded' },
    { request_id: 4, ok: false, title: 'Không có quyền', title_en: 'Forbidden' },
  ],
};

describe('resultsOf', () => {
  it('reads the server shape, a bare array, and ignores junk', () => {
    expect(resultsOf(answer).length).toBe(4);
    expect(resultsOf(answer.results).length).toBe(4);
    expect(resultsOf({ results: [null, { ok: true }] })).toEqual([]);
    expect(resultsOf(undefined)).toEqual([]);
  });
});

describe('resultRows', () => {
  it('lists refused requests first with the message in the chosen language', () => {
    const rows = resultRows(resultsOf(answer), 'vi');
    expect(rows.map((r) => r.request_id)).toEqual([3, 4, 5, 7]);
    expect(rows[0].message).toBe('Yêu cầu còn lỗi');
    expect(rows[0].findings[0].field).toBe('email');
    expect(rows[1].message).toBe('Không có quyền');
    expect(rows[3]).toMatchObject({ ok: true, state: 'approved', message: '', findings: [] });
  });
  it('joins title and detail when they differ, in English too', () => {
    const rows = resultRows([{ request_id: 1, ok: false, title_en: 'Conflict', detail_en: 'Already approved by you' }], 'en');
    expect(rows[0].message).toBe('Conflict: Already approved by you');
  });
});

describe('summarize', () => {
  it('counts outcomes and the states reached', () => {
    expect(summarize(resultsOf(answer))).toEqual({ total: 4, ok: 2, refused: 2, byState: { approved: 1, forwarded: 1 } });
  });
});
