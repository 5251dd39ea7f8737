// Pure helpers for rounds, batches and the aggregator's compile screen (tested in
// batchHelpers.test.ts): deadline countdown, grouping by organization, export file names, and
// reading which requests blocked a batch submission.
import type { Batch, CertRequest, Finding, Problem, Round } from '../../api/types';
import { parseVnDate } from '../../lib/format';

const DAY = 86_400_000;

export type DeadlineStatus = { overdue: true; daysLate: number } | { overdue: false; daysLeft: number } | null;

/**
 * A round's deadline is a dd/MM/yyyy day that counts until its end (midnight in Vietnam).
 * daysLeft 0 means "today is the last day"; null when the date is unreadable.
 */
export function deadlineStatus(deadline: string, now: Date = new Date()): DeadlineStatus {
  const start = parseVnDate(deadline);
  if (!start) return null;
  const end = start.getTime() + DAY;
  if (now.getTime() >= end) return { overdue: true, daysLate: Math.floor((now.getTime() - end) / DAY) + 1 };
  return { overdue: false, daysLeft: Math.floor((end - now.getTime()) / DAY) };
}

/** The round an aggregator most likely compiles for: the open one closing first, else the latest. */
export function currentRound(rounds: readonly Round[], now: Date = new Date()): Round | undefined {
  const open = rounds
    .filter((r) => deadlineStatus(r.deadline, now)?.overdue === false)
    .sort((a, b) => (parseVnDate(a.deadline)?.getTime() ?? 0) - (parseVnDate(b.deadline)?.getTime() ?? 0));
  if (open.length) return open[0];
  const late = rounds.filter((r) => r.allow_late);
  const pool = late.length ? late : [...rounds];
  return pool.sort((a, b) => (parseVnDate(b.deadline)?.getTime() ?? 0) - (parseVnDate(a.deadline)?.getTime() ?? 0))[0];
}

/** Submitted requests that no batch holds yet: what an aggregator can still compile. */
export function unbatched<T extends Pick<CertRequest, 'state' | 'batch_id'>>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.state === 'submitted' && (r.batch_id === null || r.batch_id === undefined));
}

export interface OrgGroup<T> {
  org_id: number;
  org_name: string;
  requests: T[];
}

/** Requests grouped by organization, groups by name (Vietnamese collation), requests by number. */
export function groupByOrg<T extends Pick<CertRequest, 'id' | 'org_id'>>(
  requests: readonly T[],
  orgNames: ReadonlyMap<number, string>,
): OrgGroup<T>[] {
  const groups = new Map<number, OrgGroup<T>>();
  for (const r of requests) {
    let g = groups.get(r.org_id);
    if (!g) {
      g = { org_id: r.org_id, org_name: orgNames.get(r.org_id) ?? `#${r.org_id}`, requests: [] };
      groups.set(r.org_id, g);
    }
    g.requests.push(r);
  }
  const out = [...groups.values()];
  for (const g of out) g.requests.sort((a, b) => a.id - b.id);
  return out.sort((a, b) => a.org_name.localeCompare(b.org_name, 'vi') || a.org_id - b.org_id);
}

function safeName(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * "Danh sách đề nghị số 12 - Sở Giáo dục và Đào tạo - 21-11-2025.xlsx": Vietnamese, with the
 * characters file systems refuse replaced and the length kept reasonable.
 */
export function exportFilename(
  batch: Pick<Batch, 'id' | 'org_name' | 'round_name'>,
  format: 'xlsx' | 'pdf',
  now: Date = new Date(),
): string {
  const vn = new Date(now.getTime() + 7 * 3600 * 1000);
  const dd = String(vn.getUTCDate()).padStart(2, '0');
  const mm = String(vn.getUTCMonth() + 1).padStart(2, '0');
  const parts = [`Danh sách đề nghị số ${batch.id}`];
  const org = safeName(batch.org_name ?? '');
  if (org) parts.push(org.length > 80 ? org.slice(0, 80).trim() : org);
  parts.push(`${dd}-${mm}-${vn.getUTCFullYear()}`);
  return `${parts.join(' - ')}.${format}`;
}

/**
 * The request numbers a refused batch submission names. The server lists them at the end of
 * its message ("…: 3, 5"); findings that name a request ("requests[3].email", "request 3") count too.
 */
export function blockedRequestIds(problem: Problem, batchRequestIds: readonly number[] = []): number[] {
  const ids = new Set<number>();
  for (const f of problem.findings ?? []) {
    if (typeof f.request_id === 'number') {
      ids.add(f.request_id);
      continue;
    }
    const m = /(?:request[s]?[[\s._#-]*)(\d+)/i.exec(f.field);
    if (m) ids.add(Number(m[1]));
  }
  for (const text of [problem.detail_en, problem.title_en, problem.detail, problem.title]) {
    if (!text) continue;
    const tail = /:\s*([\d,\s]+)(?:\([^)]*\))?\s*$/.exec(text);
    if (!tail) continue;
    for (const n of tail[1].split(/[,\s]+/)) if (n) ids.add(Number(n));
    break;
  }
  const known = new Set(batchRequestIds);
  const out = [...ids].filter((n) => Number.isInteger(n) && n > 0 && (known.size === 0 || known.has(n)));
  return out.sort((a, b) => a - b);
}

/** The findings a refused batch submission gives for one of its requests (422, `request_id`). */
export function refusalFindings(problem: Problem, requestId: number): Finding[] {
  return (problem.findings ?? []).filter((f) => f.request_id === requestId);
}

