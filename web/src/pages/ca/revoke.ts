// Pure helpers of the CA operations screen: serial input, the revoke body, how fresh the CRLs
// and OCSP answers are, and how long the CAs and the OCSP signer have left (the RFC 5280
// revocation reasons are named in lib/labels).
import { formatNumber, parseInstant, type Lang } from '../../lib/format';

/** An operator's serial (spaces, colons, lower case allowed) as the API's uppercase hex; null if not hex. */
export function normalizeSerial(input: string): string | null {
  const s = input.replace(/[\s:]/g, '').toUpperCase();
  if (!s || s.length > 64 || !/^[0-9A-F]+$/.test(s)) return null;
  return s;
}

export interface RevokeBody {
  reason: string;
  invalidity_date?: string;
}

/** The request body; the invalidity date (dd/MM/yyyy) only when given and the reason is not a release. */
export function revokeBody(reason: string, invalidityDate?: string | null): RevokeBody {
  const body: RevokeBody = { reason };
  const d = invalidityDate?.trim();
  if (d && reason !== 'removeFromCRL') body.invalidity_date = d;
  return body;
}

/** Whether a CRL is past its nextUpdate at `now` (the server also says so in `stale`). */
export function crlStale(nextUpdate: string, now: Date): boolean {
  const d = parseInstant(nextUpdate);
  return !d || d.getTime() < now.getTime();
}

export type Freshness = 'fresh' | 'old' | 'none';

/**
 * OCSP answers are pre-signed and valid for max_age_seconds: the last one produced more than that
 * ago means the responder has stopped refreshing ("old"); none yet is "none".
 */
export function ocspFreshness(lastProducedAt: string | null | undefined, maxAgeSeconds: number, now: Date): Freshness {
  const d = parseInstant(lastProducedAt ?? '');
  if (!d) return 'none';
  return now.getTime() - d.getTime() > maxAgeSeconds * 1000 ? 'old' : 'fresh';
}

/**
 * Whether a certificate has expired at `now`. The server's whole days left are truncated toward
 * zero, so 0 may mean just past: not_after settles it.
 */
export function isExpired(daysLeft: number, notAfter: string, now: Date): boolean {
  if (daysLeft < 0) return true;
  const d = parseInstant(notAfter);
  return d !== null && d.getTime() <= now.getTime();
}

/** "còn N ngày" / "N days left", less than a day, or "đã hết hạn" / "expired". */
export function formatDaysLeft(daysLeft: number, expired: boolean, lang: Lang): string {
  const vi = lang === 'vi';
  if (expired) return vi ? 'đã hết hạn' : 'expired';
  if (daysLeft < 1) return vi ? 'còn dưới 1 ngày' : 'less than a day left';
  if (daysLeft === 1) return vi ? 'còn 1 ngày' : '1 day left';
  const n = formatNumber(daysLeft, lang);
  return vi ? `còn ${n} ngày` : `${n} days left`;
}

/** The warning of a CA closer to its end than ca.expiry_warning_days (`warningDays`), or past it. */
export function caExpiryWarning(name: string, daysLeft: number, expired: boolean, warningDays: number, lang: Lang): string {
  const vi = lang === 'vi';
  if (expired) {
    return vi ? `CA "${name}" đã hết hạn. Cần thay bằng CA mới.` : `CA "${name}" has expired. Replace it with its successor.`;
  }
  const left = formatDaysLeft(daysLeft, false, lang);
  const w = formatNumber(warningDays, lang);
  return vi
    ? `CA "${name}" sắp hết hạn: ${left} (ngưỡng cảnh báo ${w} ngày). Cần chuẩn bị CA mới.`
    : `CA "${name}" expires soon: ${left} (warning at ${w} days). Prepare its successor.`;
}

/** The warning of an OCSP signer the automatic renewal (ca.ocsp_renew_days) has missed; the command to run follows it. */
export function ocspSignerWarning(daysLeft: number, expired: boolean, lang: Lang): string {
  const vi = lang === 'vi';
  if (expired) {
    return vi
      ? 'Chứng thư ký OCSP chưa được gia hạn tự động và đã hết hạn.'
      : 'The OCSP signing certificate was not renewed automatically and has expired.';
  }
  const left = formatDaysLeft(daysLeft, false, lang);
  return vi
    ? `Chứng thư ký OCSP chưa được gia hạn tự động: ${left}.`
    : `The OCSP signing certificate was not renewed automatically: ${left}.`;
}
