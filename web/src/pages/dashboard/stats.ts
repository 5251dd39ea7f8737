// Pure logic for the dashboard: GET /api/v1/statistics turned into KPI figures and chart series,
// round deadlines into countdowns, long Vietnamese organization names into chart-label lines.
import type { Certificate, Statistics } from '../../api/types';
import { daysUntil, parseInstant, parseVnDate, type Lang } from '../../lib/format';
import { FINAL_STATES, STATE_COLORS, stateLabel } from '../../lib/labels';

export interface Kpis {
  valid: number;
  expiring30: number;
  expiring60: number;
  expiring90: number;
  open: number;
  overdue: number;
}

export interface SeriesPoint {
  key: string;
  label: string;
  value: number;
  color?: string;
}

const n = (v: number | undefined | null): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Open requests: every state that is not final (the server counts requests_by_age the same way). */
export function openRequests(byState: Record<string, number> | undefined): number {
  let sum = 0;
  for (const [state, count] of Object.entries(byState ?? {})) {
    if (!FINAL_STATES.includes(state)) sum += n(count);
  }
  return sum;
}

export function kpis(s: Statistics): Kpis {
  const exp = s.certificates_expiring ?? {};
  return {
    valid: n(s.certificates_by_status?.valid),
    expiring30: n(exp['30']),
    expiring60: n(exp['60']),
    expiring90: n(exp['90']),
    open: openRequests(s.requests_by_state),
    overdue: n(s.requests_overdue),
  };
}

export function expiringSeries(s: Statistics, lang: Lang): SeriesPoint[] {
  const exp = s.certificates_expiring ?? {};
  return ['30', '60', '90'].map((d) => ({
    key: d,
    label: lang === 'vi' ? `≤ ${d} ngày` : `≤ ${d} days`,
    value: n(exp[d]),
    color: d === '30' ? '#cf1322' : d === '60' ? '#d46b08' : '#d4b106',
  }));
}

/** Workflow order, so the chart reads like the process; unknown states go last. */
export const STATE_ORDER = ['draft', 'submitted', 'returned', 'forwarded', 'approved', 'failed', 'completed', 'rejected', 'cancelled'];

/** antd preset colour names (labels.ts) as the hex values charts need. */
const PRESET_HEX: Record<string, string> = {
  default: '#8c8c8c',
  blue: '#1677ff',
  orange: '#d46b08',
  geekblue: '#2f54eb',
  cyan: '#08979c',
  green: '#389e0d',
  red: '#cf1322',
  volcano: '#d4380d',
};

export function stateSeries(s: Statistics, lang: Lang): SeriesPoint[] {
  const entries = Object.entries(s.requests_by_state ?? {}).filter(([, v]) => n(v) > 0);
  const rank = (k: string) => {
    const i = STATE_ORDER.indexOf(k);
    return i < 0 ? STATE_ORDER.length : i;
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  return entries.map(([k, v]) => ({
    key: k,
    label: stateLabel(k, lang),
    value: n(v),
    color: PRESET_HEX[STATE_COLORS[k] ?? 'default'] ?? PRESET_HEX.default,
  }));
}

export const AGE_BUCKETS = ['0-3', '4-7', '8-14', '15+'];

/** Open requests by age; null when the server does not send requests_by_age yet. */
export function ageSeries(s: Statistics, lang: Lang): SeriesPoint[] | null {
  const age = s.requests_by_age;
  if (!age || typeof age !== 'object') return null;
  return AGE_BUCKETS.map((b) => ({
    key: b,
    label: `${b.replace('-', '–')} ${lang === 'vi' ? 'ngày' : 'days'}`,
    value: n(age[b]),
    color: b === '15+' ? '#cf1322' : b === '8-14' ? '#d46b08' : '#1677ff',
  }));
}

export interface OrgPoint {
  orgId: number;
  name: string;
  valid: number;
  expiring90: number;
}

/** The organizations with the most valid certificates, most first; null when not served yet. */
export function orgSeries(s: Statistics, top = 10): OrgPoint[] | null {
  const rows = s.certificates_by_org;
  if (!Array.isArray(rows)) return null;
  return [...rows]
    .sort((a, b) => n(b.valid) - n(a.valid) || a.org_name.localeCompare(b.org_name, 'vi'))
    .slice(0, top)
    .map((r) => ({ orgId: r.org_id, name: r.org_name, valid: n(r.valid), expiring90: n(r.expiring_90) }));
}

/**
 * Splits a label into lines of at most `width` characters at spaces, at most `maxLines` lines
 * (the last one ends with "…" when the text is longer). A word longer than the width is cut.
 */
export function wrapLabel(text: string, width: number, maxLines = 3): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (let w of words) {
    while (w.length > width) {
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = (last.length >= width ? last.slice(0, width - 1) : last) + '…';
  return kept;
}

export interface Countdown {
  /** Whole days left (0 on the last day); negative once past. */
  days: number;
  hours: number;
  past: boolean;
}

/**
 * Time left until a round's deadline. The API gives the last day as dd/MM/yyyy, "until its end"
 * in Vietnam, i.e. until 24:00 of that day; an ISO timestamp is taken as the exact end.
 */
export function roundCountdown(deadline: string, now: Date = new Date()): Countdown | null {
  const day = parseVnDate(deadline);
  const end = day ? new Date(day.getTime() + 86_400_000) : parseInstant(deadline);
  if (!end) return null;
  const ms = end.getTime() - now.getTime();
  if (ms <= 0) return { days: Math.ceil(ms / 86_400_000), hours: 0, past: true };
  const hoursTotal = Math.floor(ms / 3_600_000);
  return { days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24, past: false };
}

/** The valid certificates ending soonest (expired ones left out), at most `top`. */
export function expiringSoon(certs: Certificate[], top = 5, now: Date = new Date()): Certificate[] {
  return certs
    .filter((c) => c.status === 'valid' && (daysUntil(c.not_after, now) ?? -1) >= 0)
    .sort((a, b) => (parseInstant(a.not_after)?.getTime() ?? 0) - (parseInstant(b.not_after)?.getTime() ?? 0))
    .slice(0, top);
}
