// Pure helpers of the CA operations screen: serial input, the revoke body, and how fresh the CRLs
// and OCSP answers are (the RFC 5280 revocation reasons are named in lib/labels).
import { parseInstant } from '../../lib/format';

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
