// The answer of a whole-batch approve or return: one outcome per request. Normalized into rows
// for the result table and a summary line (tested in batchResults.test.ts).
import type { BatchActionResult, Finding } from '../../api/types';
import type { Lang } from '../../lib/format';

export interface ResultRow {
  key: number;
  request_id: number;
  ok: boolean;
  /** ok: the request's state after the step. */
  state: string;
  /** refused: title and detail in the chosen language. */
  message: string;
  findings: Finding[];
}

/** Accepts {results: [...]} (the server's shape) or a bare array. */
export function resultsOf(body: unknown): BatchActionResult[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { results?: unknown }).results)
      ? (body as { results: unknown[] }).results
      : [];
  return list.filter(
    (x): x is BatchActionResult =>
      !!x && typeof x === 'object' && typeof (x as BatchActionResult).request_id === 'number',
  );
}

function message(r: BatchActionResult, lang: Lang): string {
  const title = lang === 'vi' ? r.title || r.title_en : r.title_en || r.title;
  const detail = lang === 'vi' ? r.detail || r.detail_en : r.detail_en || r.detail;
  // The server's detail is often the title with the field in brackets: the title alone reads better.
  if (title && detail && detail.startsWith(title)) return title;
  if (title && detail) return `${title}: ${detail}`;
  return title || detail || '';
}

/** Refused requests first (they need attention), then by request number. */
export function resultRows(results: readonly BatchActionResult[], lang: Lang): ResultRow[] {
  return results
    .map((r) => ({
      key: r.request_id,
      request_id: r.request_id,
      ok: r.ok,
      state: r.ok ? (r.state ?? '') : '',
      message: r.ok ? '' : message(r, lang),
      findings: r.ok ? [] : (r.findings ?? []),
    }))
    .sort((a, b) => Number(a.ok) - Number(b.ok) || a.request_id - b.request_id);
}

export interface ResultSummary {
  total: number;
  ok: number;
  refused: number;
  /** ok outcomes by the state they reached (a two-person request stays "forwarded"). */
  byState: Record<string, number>;
}

export function summarize(results: readonly BatchActionResult[]): ResultSummary {
  const byState: Record<string, number> = {};
  let ok = 0;
  for (const r of results) {
    if (!r.ok) continue;
    ok += 1;
    const s = r.state ?? '';
    byState[s] = (byState[s] ?? 0) + 1;
  }
  return { total: results.length, ok, refused: results.length - ok, byState };
}
