import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../api/types';
import {
  appendPage,
  countsAfterRetry,
  mailTime,
  nextAfter,
  outboxQuery,
  parseStateFilter,
  replaceRow,
} from './outbox';

const mail = (id: number, over: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id,
  kind: 'request.returned',
  recipient: `u${id}@bacninh.gov.vn`,
  subject: `Thư ${id}`,
  state: 'sent',
  attempts: 1,
  created_at: '2025-03-01T01:00:00Z',
  sent_at: '2025-03-01T01:00:05Z',
  ...over,
});

describe('outboxQuery', () => {
  it('asks for the first page without `after`, then after the last id', () => {
    expect(outboxQuery({}, undefined, 50)).toEqual({ state: undefined, recipient: undefined, after: undefined, limit: 50 });
    expect(outboxQuery({ state: 'failed' }, 120, 50)).toMatchObject({ state: 'failed', after: 120, limit: 50 });
  });
  it('trims and lowercases the recipient, as the server stores it', () => {
    expect(outboxQuery({ recipient: '  Cuong.NH23@BacNinh.gov.vn ' }, undefined).recipient).toBe('cuong.nh23@bacninh.gov.vn');
  });
});

describe('parseStateFilter', () => {
  it('keeps the three states and drops anything else', () => {
    expect(parseStateFilter('failed')).toBe('failed');
    expect(parseStateFilter('queued')).toBe('queued');
    expect(parseStateFilter('FAILED')).toBeUndefined();
    expect(parseStateFilter(null)).toBeUndefined();
    expect(parseStateFilter('')).toBeUndefined();
  });
});

describe('paging by `after`', () => {
  it('starts without `after` and continues from the highest id shown', () => {
    expect(nextAfter([])).toBeUndefined();
    expect(nextAfter([mail(3), mail(9), mail(7)])).toBe(9);
  });

  it('appends a page and says more may follow while pages come back full', () => {
    const first = appendPage(undefined, [mail(1), mail(2)], 2);
    expect(first.items.map((m) => m.id)).toEqual([1, 2]);
    expect(first.hasMore).toBe(true);
    const second = appendPage(first, [mail(5)], 2);
    expect(second.items.map((m) => m.id)).toEqual([1, 2, 5]);
    expect(second.hasMore).toBe(false);
    expect(nextAfter(second.items)).toBe(5);
  });

  it('an empty last page ends the list without losing rows', () => {
    const rows = appendPage(appendPage(undefined, [mail(1), mail(2)], 2), [], 2);
    expect(rows.items).toHaveLength(2);
    expect(rows.hasMore).toBe(false);
  });

  it('lists a mail once when a page repeats it, with its newer state', () => {
    const first = appendPage(undefined, [mail(1), mail(2, { state: 'queued' })], 2);
    const again = appendPage(first, [mail(2, { state: 'sent' }), mail(3)], 2);
    expect(again.items.map((m) => [m.id, m.state])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'sent'],
    ]);
  });
});

describe('retry', () => {
  it('replaces the retried row in place', () => {
    const rows = appendPage(undefined, [mail(1), mail(2, { state: 'failed', last_error: '550' })], 50);
    const after = replaceRow(rows, mail(2, { state: 'queued', next_attempt: '2025-03-01T02:00:00Z' }));
    expect(after.items.map((m) => m.state)).toEqual(['sent', 'queued']);
    expect(after.hasMore).toBe(false);
  });

  it('moves one mail from failed to queued in the counts, never below zero', () => {
    expect(countsAfterRetry({ queued: 0, sent: 4, failed: 2, events_pending: 1 })).toEqual({ queued: 1, sent: 4, failed: 1, events_pending: 1 });
    expect(countsAfterRetry({ queued: 0, sent: 0, failed: 0, events_pending: 0 }).failed).toBe(0);
  });
});

describe('mailTime', () => {
  it('shows when a sent mail left and when a queued one is tried next; nothing for a failed one', () => {
    expect(mailTime(mail(1))).toEqual({ what: 'sent', at: '2025-03-01T01:00:05Z' });
    expect(mailTime(mail(2, { state: 'queued', sent_at: undefined, next_attempt: '2025-03-01T02:00:00Z' }))).toEqual({
      what: 'next',
      at: '2025-03-01T02:00:00Z',
    });
    expect(mailTime(mail(3, { state: 'failed', sent_at: undefined }))).toBeNull();
  });
});
