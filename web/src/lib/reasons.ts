// Reasons per field for a return, as the API takes them (field_reasons {field: reason}).
// Pure; tested in reasons.test.ts.
import type { Finding } from '../api/types';
import type { Lang } from './format';
import { findingText } from './validation';

export interface ReasonRow {
  field: string;
  reason: string;
}

/** {field: reason} from the rows, rows without a field or a reason dropped, reasons for one field joined. */
export function reasonsObject(rows: readonly Partial<ReasonRow>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const field = r.field?.trim();
    const reason = r.reason?.trim();
    if (!field || !reason) continue;
    out[field] = out[field] ? `${out[field]}; ${reason}` : reason;
  }
  return out;
}

/** One row per field the server found in error, with its message as the first draft of the reason. */
export function reasonsFromFindings(findings: readonly Finding[], lang: Lang): ReasonRow[] {
  const rows: ReasonRow[] = [];
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const text = findingText(f, lang);
    const same = rows.find((r) => r.field === f.field);
    if (same) same.reason = `${same.reason}; ${text}`;
    else rows.push({ field: f.field, reason: text });
  }
  return rows;
}
