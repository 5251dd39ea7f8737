// Pure helpers of the outbox screen. GET /api/v1/outbox answers oldest first and pages by id:
// `after` is the last id seen, and a page shorter than `limit` is the last one.
import type { Query } from '../../api/client';
import type { MailState, OutboxMessage, OutboxPage } from '../../api/types';
import { replaceById } from '../../lib/rows';

export const OUTBOX_PAGE_SIZE = 50;

export type Counts = OutboxPage['counts'];

export interface OutboxFilter {
  state?: MailState;
  recipient?: string;
}

/** The mails shown so far, in id order, and whether the server may have more. */
export interface OutboxRows {
  items: OutboxMessage[];
  hasMore: boolean;
}

export const MAIL_STATE_FILTERS: readonly MailState[] = ['queued', 'sent', 'failed'];

/** A `state` from the URL when it is one the API takes. */
export function parseStateFilter(v: string | null): MailState | undefined {
  return MAIL_STATE_FILTERS.find((s) => s === v);
}

/** The query for the page after id `after` (undefined: the first page). */
export function outboxQuery(f: OutboxFilter, after: number | undefined, limit: number = OUTBOX_PAGE_SIZE): Query {
  return { state: f.state, recipient: f.recipient?.trim().toLowerCase(), after, limit };
}

/** The `after` for the next page: the highest id shown; undefined before the first page. */
export function nextAfter(items: readonly OutboxMessage[]): number | undefined {
  if (items.length === 0) return undefined;
  return items.reduce((max, m) => (m.id > max ? m.id : max), items[0].id);
}

/**
 * The rows once `page` arrived: appended in id order; a mail already shown is replaced rather
 * than listed twice. A full page means there may be more.
 */
export function appendPage(rows: OutboxRows | undefined, page: readonly OutboxMessage[], limit: number): OutboxRows {
  const byId = new Map((rows?.items ?? []).map((m) => [m.id, m]));
  for (const m of page) byId.set(m.id, m);
  const items = [...byId.values()].sort((a, b) => a.id - b.id);
  return { items, hasMore: page.length >= limit };
}

/** The rows with `m` in place of the mail with the same id. */
export function replaceRow(rows: OutboxRows, m: OutboxMessage): OutboxRows {
  return { ...rows, items: replaceById(rows.items, m) };
}

/** The counts once a failed mail is queued again. */
export function countsAfterRetry(c: Counts): Counts {
  return { ...c, failed: Math.max(0, c.failed - 1), queued: c.queued + 1 };
}

/** The time worth showing: when it was sent, or when the next try is due; null for a failed mail. */
export function mailTime(m: OutboxMessage): { what: 'sent' | 'next'; at: string } | null {
  if (m.state === 'sent' && m.sent_at) return { what: 'sent', at: m.sent_at };
  if (m.state === 'queued' && m.next_attempt) return { what: 'next', at: m.next_attempt };
  return null;
}
