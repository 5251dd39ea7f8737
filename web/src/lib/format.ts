// Dates and numbers as Vietnamese officials write them: dd/MM/yyyy, times in Asia/Ho_Chi_Minh
// whatever the browser's zone, thousands with a dot in Vietnamese.

export const VN_ZONE = 'Asia/Ho_Chi_Minh';

export type Lang = 'vi' | 'en';

function parts(d: Date): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: VN_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** Parses an API timestamp (ISO 8601, UTC "…Z") or a dd/MM/yyyy date; null if neither. */
export function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const vn = parseVnDate(value);
  if (vn) return vn;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** dd/MM/yyyy in Vietnam's time zone; "" for an empty or unreadable value. */
export function formatDate(value: string | Date | null | undefined): string {
  const d = value instanceof Date ? value : parseInstant(value);
  if (!d) return '';
  if (typeof value === 'string' && parseVnDate(value)) return value.trim();
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatDateTime(value: string | Date | null | undefined, withSeconds = false): string {
  const d = value instanceof Date ? value : parseInstant(value);
  if (!d) return '';
  const p = parts(d);
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.day}/${p.month}/${p.year} ${time}`;
}

/**
 * A dd/MM/yyyy date that exists (leap years included), as midnight in Vietnam (17:00 UTC the
 * day before); null otherwise.
 */
export function parseVnDate(text: string): Date | null {
  const m = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return new Date(Date.UTC(year, month - 1, day) - 7 * 3600 * 1000);
}

/** Whole days from `now` until `value` (negative when past); null when unreadable. */
export function daysUntil(value: string | null | undefined, now: Date = new Date()): number | null {
  const d = parseInstant(value);
  if (!d) return null;
  return Math.floor((d.getTime() - now.getTime()) / 86_400_000);
}

/** Uppercase hex serial in groups of four for reading aloud over the phone. */
export function formatSerial(serial: string): string {
  const s = serial.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

export function formatNumber(n: number, lang: Lang = 'vi'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

export function formatBytes(n: number, lang: Lang = 'vi'): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 102.4) / 10, lang)} KB`;
  return `${formatNumber(Math.round(n / (1024 * 102.4)) / 10, lang)} MB`;
}

/** Removes Vietnamese diacritics (đ → d too) and lowercases, for client-side filtering. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
