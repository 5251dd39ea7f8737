import { describe, expect, it } from 'vitest';
import type { Finding } from '../../api/types';
import {
  awaitingSecondApproval,
  dueStatus,
  errorCount,
  filterQueue,
  queueCounts,
  queueOrder,
  type QueueRequest,
} from './queueOrder';

function req(id: number, over: Partial<QueueRequest> = {}): QueueRequest {
  return {
    id,
    type: 'new',
    type_vi: 'Cấp mới',
    form: 'Mẫu 01',
    state: 'forwarded',
    awaiting: '',
    org_id: 8,
    subscriber_id: id,
    batch_id: 1,
    cert_serial: '',
    result_serial: '',
    created_at: '2025-11-01T01:00:00Z',
    created_by: 'truong1',
    submitted_at: '2025-11-03T02:00:00Z',
    late: false,
    overdue: false,
    data: { ground: '', has_csr: false, mailbox: '', note: '', subject: {} as QueueRequest['data']['subject'] },
    findings: [],
    ...over,
  };
}

describe('queueOrder', () => {
  it('puts overdue requests first, then the oldest submission', () => {
    const items = [
      req(1, { submitted_at: '2025-11-05T02:00:00Z' }),
      req(2, { submitted_at: '2025-11-04T02:00:00Z', overdue: true }),
      req(3, { submitted_at: '2025-11-01T02:00:00Z' }),
      req(4, { submitted_at: '2025-11-02T02:00:00Z', overdue: true }),
    ];
    expect(queueOrder(items).map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });

  it('keeps ties stable by number and does not change its input', () => {
    const items = [req(9), req(3), req(5)];
    const copy = [...items];
    expect(queueOrder(items).map((r) => r.id)).toEqual([3, 5, 9]);
    expect(items).toEqual(copy);
  });

  it('uses the creation time when there is no submission time, and an unreadable time goes last', () => {
    const items = [
      req(1, { submitted_at: '', created_at: 'not a date' }),
      req(2, { submitted_at: '', created_at: '2025-10-01T00:00:00Z' }),
      req(3, { submitted_at: '2025-10-15T00:00:00Z' }),
    ];
    expect(queueOrder(items).map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it('compares instants, not strings (dd/MM/yyyy dates too)', () => {
    const items = [req(1, { submitted_at: '02/11/2025' }), req(2, { submitted_at: '2025-11-01T20:00:00Z' })];
    // 2025-11-01T20:00Z is 02/11 03:00 in Vietnam, after midnight of 02/11.
    expect(queueOrder(items).map((r) => r.id)).toEqual([1, 2]);
  });
});

describe('filters', () => {
  const items = [
    req(1, { overdue: true }),
    req(2, { approvals: ['tiepnhan1'], type: 'revoke' }),
    req(3, { type: 'revoke' }),
    req(4, { approvals: ['tiepnhan1'], state: 'approved' }),
  ];

  it('knows a request waiting for its second approval', () => {
    expect(awaitingSecondApproval(items[1])).toBe(true);
    expect(awaitingSecondApproval(items[2])).toBe(false);
    expect(awaitingSecondApproval(items[3])).toBe(false);
  });

  it('filters by quick filter and type', () => {
    expect(filterQueue(items, 'all').length).toBe(4);
    expect(filterQueue(items, 'overdue').map((r) => r.id)).toEqual([1]);
    expect(filterQueue(items, 'second').map((r) => r.id)).toEqual([2]);
    expect(filterQueue(items, 'all', 'revoke').map((r) => r.id)).toEqual([2, 3]);
    expect(queueCounts(items)).toEqual({ all: 4, overdue: 1, second: 1 });
  });

  it('counts only error findings', () => {
    const f = (severity: string): Finding => ({ field: 'email', code: 'X', severity, message_vi: '', message_en: '' });
    expect(errorCount([f('error'), f('warning'), f('error')])).toBe(2);
    expect(errorCount(undefined)).toBe(0);
  });
});

describe('dueStatus', () => {
  const now = new Date('2025-11-10T03:00:00Z');
  it('is overdue when the server says so or the instant has passed', () => {
    expect(dueStatus({ overdue: true, due_date: '07/11/2025' }, now)).toEqual({ kind: 'overdue', date: '07/11/2025' });
    expect(dueStatus({ overdue: false, due_at: '2025-11-09T17:00:00Z', due_date: '09/11/2025' }, now).kind).toBe('overdue');
  });
  it('counts whole days left', () => {
    expect(dueStatus({ overdue: false, due_at: '2025-11-12T17:00:00Z', due_date: '12/11/2025' }, now)).toEqual({
      kind: 'due',
      date: '12/11/2025',
      days: 2,
    });
    expect(dueStatus({ overdue: false }, now)).toEqual({ kind: 'none' });
  });
});
