import { describe, expect, it } from 'vitest';
import type { Round } from '../../api/types';
import {
  blockedRequestIds,
  refusalFindings,
  currentRound,
  deadlineStatus,
  exportFilename,
  groupByOrg,
  unbatched,
} from './batchHelpers';

describe('deadlineStatus', () => {
  // 10:00 in Vietnam on 20/11/2025.
  const now = new Date('2025-11-20T03:00:00Z');
  it('counts the deadline day itself as open', () => {
    expect(deadlineStatus('20/11/2025', now)).toEqual({ overdue: false, daysLeft: 0 });
    expect(deadlineStatus('21/11/2025', now)).toEqual({ overdue: false, daysLeft: 1 });
    expect(deadlineStatus('30/11/2025', now)).toEqual({ overdue: false, daysLeft: 10 });
  });
  it('is overdue from midnight after the deadline', () => {
    expect(deadlineStatus('19/11/2025', now)).toEqual({ overdue: true, daysLate: 1 });
    expect(deadlineStatus('19/11/2025', new Date('2025-11-19T17:00:00Z'))).toEqual({ overdue: true, daysLate: 1 });
    expect(deadlineStatus('19/11/2025', new Date('2025-11-19T16:59:59Z'))).toEqual({ overdue: false, daysLeft: 0 });
    expect(deadlineStatus('10/11/2025', now)).toEqual({ overdue: true, daysLate: 10 });
  });
  it('is null for an unreadable date', () => {
    expect(deadlineStatus('2025-11-20', now)).toBeNull();
  });
});

describe('currentRound', () => {
  const now = new Date('2025-11-20T03:00:00Z');
  const r = (id: number, deadline: string, allow_late = false): Round => ({ id, name: `Đợt ${id}`, deadline, allow_late, org_id: 1 });
  it('picks the open round closing first', () => {
    expect(currentRound([r(1, '30/12/2025'), r(2, '25/11/2025'), r(3, '01/11/2025')], now)?.id).toBe(2);
  });
  it('falls back to the latest round accepting late entries, then the latest', () => {
    expect(currentRound([r(1, '01/11/2025', true), r(2, '10/11/2025')], now)?.id).toBe(1);
    expect(currentRound([r(1, '01/11/2025'), r(2, '10/11/2025')], now)?.id).toBe(2);
    expect(currentRound([], now)).toBeUndefined();
  });
});

describe('grouping', () => {
  const names = new Map([
    [8, 'Trường THPT Chuyên'],
    [9, 'Trường THCS An Bình'],
  ]);
  const reqs = [
    { id: 5, org_id: 8, state: 'submitted', batch_id: null },
    { id: 2, org_id: 9, state: 'submitted', batch_id: null },
    { id: 3, org_id: 8, state: 'submitted', batch_id: 4 },
    { id: 1, org_id: 8, state: 'forwarded', batch_id: null },
    { id: 4, org_id: 12, state: 'submitted', batch_id: null },
  ];
  it('keeps only submitted requests outside batches', () => {
    expect(unbatched(reqs).map((r) => r.id)).toEqual([5, 2, 4]);
  });
  it('groups by organization, sorted by name in Vietnamese order', () => {
    const g = groupByOrg(unbatched(reqs), names);
    expect(g.map((x) => [x.org_name, x.requests.map((r) => r.id)])).toEqual([
      ['#12', [4]],
      ['Trường THCS An Bình', [2]],
      ['Trường THPT Chuyên', [5]],
    ]);
  });
});

describe('exportFilename', () => {
  const now = new Date('2025-11-20T18:30:00Z'); // 21/11/2025 01:30 in Vietnam
  it('names the batch, the organization and the Vietnamese date', () => {
    expect(exportFilename({ id: 12, org_name: 'Sở Giáo dục và Đào tạo' }, 'xlsx', now)).toBe(
      'Danh sách đề nghị số 12 - Sở Giáo dục và Đào tạo - 21-11-2025.xlsx',
    );
  });
  it('replaces characters file systems refuse and works without a name', () => {
    expect(exportFilename({ id: 3, org_name: 'Sở GD/ĐT: "Bắc  Ninh"' }, 'pdf', now)).toBe(
      'Danh sách đề nghị số 3 - Sở GD-ĐT- -Bắc Ninh- - 21-11-2025.pdf',
    );
    expect(exportFilename({ id: 3 }, 'pdf', now)).toBe('Danh sách đề nghị số 3 - 21-11-2025.pdf');
  });
});

describe('blockedRequestIds', () => {
  it('reads the numbers the server lists at the end of its message', () => {
    expect(
      blockedRequestIds({
        title: 'Các yêu cầu còn lỗi, hãy sửa hoặc trả lại trước khi gửi: 3, 5',
        title_en: 'These requests have errors; fix or return them before submitting: 3, 5',
        detail_en: 'These requests have errors; fix or return them before submitting: 3, 5 (BATCH_ID)',
      }),
    ).toEqual([3, 5]);
  });
  it('reads request numbers from findings and keeps only the batch’s requests', () => {
    expect(
      blockedRequestIds(
        {
          title_en: 'Invalid',
          findings: [
            { field: 'requests[7].email', code: 'E', severity: 'error', message_vi: '', message_en: '' },
            { field: 'request 9', code: 'E', severity: 'error', message_vi: '', message_en: '' },
          ],
        },
        [7, 8],
      ),
    ).toEqual([7]);
  });
  it('finds nothing in an unrelated message', () => {
    expect(blockedRequestIds({ title_en: 'The batch has no request to submit' })).toEqual([]);
  });
});

describe('refusal findings (422 with request_id)', () => {
  const f = (request_id: number, field: string) => ({
    request_id,
    field,
    code: 'certificate_not_usable',
    severity: 'error',
    message_vi: 'Chứng thư số không còn dùng được',
    message_en: 'The certificate can no longer be used',
  });
  const problem = { title: 'Các yêu cầu còn lỗi: 9', findings: [f(9, 'cert_serial'), f(12, 'email'), f(9, 'ground')] };
  it('names every blocking request from its findings', () => {
    expect(blockedRequestIds(problem, [7, 9, 12])).toEqual([9, 12]);
  });
  it('gives each request its own findings', () => {
    expect(refusalFindings(problem, 9).map((x) => x.field)).toEqual(['cert_serial', 'ground']);
    expect(refusalFindings(problem, 7)).toEqual([]);
  });
});
