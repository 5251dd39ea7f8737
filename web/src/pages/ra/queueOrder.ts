// The registration office's review queue: which requests come first and the quick filters.
// Pure functions (no React) so the order is tested on its own (queueOrder.test.ts).
import type { CertRequest, Finding } from '../../api/types';
import { parseInstant } from '../../lib/format';

/** A request as the list answers it, with the decision deadline the server adds once forwarded. */
export type QueueRequest = CertRequest & { due_at?: string; due_date?: string; decided_at?: string };

export type QueueFilter = 'all' | 'overdue' | 'second';

function arrivedAt(r: Pick<CertRequest, 'submitted_at' | 'created_at'>): number {
  const d = parseInstant(r.submitted_at) ?? parseInstant(r.created_at);
  return d ? d.getTime() : Number.POSITIVE_INFINITY;
}

/**
 * Overdue requests first, then the oldest submission first (a request without a submission time
 * goes last), then the lower number first so the order is stable. Returns a new array.
 */
export function queueOrder<T extends Pick<CertRequest, 'id' | 'overdue' | 'submitted_at' | 'created_at'>>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    const ta = arrivedAt(a);
    const tb = arrivedAt(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.id - b.id;
  });
}

/** A two-person request that one officer has approved and that waits for a second one. */
export function awaitingSecondApproval(r: Pick<CertRequest, 'state' | 'approvals'>): boolean {
  return r.state === 'forwarded' && (r.approvals?.length ?? 0) > 0;
}

export function errorCount(findings: readonly Finding[] | undefined): number {
  return (findings ?? []).filter((f) => f.severity === 'error').length;
}

/** The quick filters above the queue; `type` '' means every type. */
export function filterQueue<T extends QueueRequest>(items: readonly T[], filter: QueueFilter, type = ''): T[] {
  return items.filter((r) => {
    if (type && r.type !== type) return false;
    if (filter === 'overdue') return r.overdue;
    if (filter === 'second') return awaitingSecondApproval(r);
    return true;
  });
}

/** How many requests each quick filter would show, for the counts on the filter buttons. */
export function queueCounts(items: readonly QueueRequest[]): Record<QueueFilter, number> {
  return {
    all: items.length,
    overdue: items.filter((r) => r.overdue).length,
    second: items.filter(awaitingSecondApproval).length,
  };
}

export type DueStatus =
  | { kind: 'none' }
  | { kind: 'overdue'; date: string }
  | { kind: 'due'; date: string; days: number };

/**
 * The decision deadline of a forwarded request: overdue (the server's flag), due in N whole
 * days, or none when the request has no deadline yet.
 */
export function dueStatus(r: Pick<QueueRequest, 'overdue' | 'due_at' | 'due_date'>, now: Date = new Date()): DueStatus {
  const due = parseInstant(r.due_at);
  const date = r.due_date ?? '';
  if (r.overdue) return { kind: 'overdue', date };
  if (!due) return { kind: 'none' };
  if (due.getTime() <= now.getTime()) return { kind: 'overdue', date };
  return { kind: 'due', date, days: Math.floor((due.getTime() - now.getTime()) / 86_400_000) };
}
