// Pure helpers of the audit viewer: the filter form as API query and the details of an entry as
// readable JSON.

export interface AuditFilters {
  actor?: string;
  action?: string;
  object_type?: string;
  object_id?: string;
}

/** Trimmed filters, empty ones left out (the API treats a given filter as "only this"). */
export function auditQuery(f: AuditFilters, limit: number, offset: number): Record<string, string | number> {
  const q: Record<string, string | number> = {};
  for (const key of ['actor', 'action', 'object_type', 'object_id'] as const) {
    const v = f[key]?.trim();
    if (v) q[key] = v;
  }
  q.limit = limit;
  q.offset = offset;
  return q;
}

/** Details as indented JSON; a string that holds JSON is parsed first; "" when there is nothing. */
export function prettyDetails(details: unknown): string {
  let v = details;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v as string;
    }
  }
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && Object.keys(v as object).length === 0) return '';
  return JSON.stringify(v, null, 2);
}

export type OutcomeKind = 'ok' | 'denied' | 'failed' | 'other';

export function outcomeKind(outcome: string): OutcomeKind {
  const o = outcome.toLowerCase();
  if (o === 'ok' || o === 'success') return 'ok';
  if (o === 'denied' || o === 'forbidden') return 'denied';
  if (o === 'failed' || o === 'error' || o === 'refused') return 'failed';
  return 'other';
}
