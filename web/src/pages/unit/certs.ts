// Certificates without React: expiry colours (30/60/90 days), file names for downloads, and
// which requests make sense for a person.
import type { Certificate, RequestType } from '../../api/types';
import { daysUntil } from '../../lib/format';

/** Red under 30 days, orange under 60, gold under 90; nothing otherwise (and when past). */
export function expiryColor(days: number | null): 'red' | 'orange' | 'gold' | undefined {
  if (days === null) return undefined;
  if (days < 30) return 'red';
  if (days < 60) return 'orange';
  if (days < 90) return 'gold';
  return undefined;
}

/** "còn 12 ngày" / "12 days left", or "đã hết hạn" / "expired". */
export function daysLeftText(days: number | null, lang: 'vi' | 'en'): string {
  if (days === null) return '';
  if (days < 0) return lang === 'vi' ? 'đã hết hạn' : 'expired';
  return lang === 'vi' ? `còn ${days} ngày` : `${days} day${days === 1 ? '' : 's'} left`;
}

/** A certificate file name: serial + .pem or .crt. */
export function certFileName(serial: string, ext: 'pem' | 'crt'): string {
  const s = serial.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  return `${s || 'certificate'}.${ext}`;
}

/** The PEM as DER bytes for a .crt download (binary); null when the PEM is unreadable. */
export function pemToDer(pem: string): Uint8Array | null {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) return null;
  const b64 = m[1].replace(/\s+/g, '');
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** A certificate counts as current when valid and not past its end. */
export function isCurrent(c: Pick<Certificate, 'status' | 'not_after'>, now: Date = new Date()): boolean {
  const d = daysUntil(c.not_after, now);
  return c.status === 'valid' && d !== null && d >= 0;
}

/**
 * A certificate in force: valid or on hold and not past its end. While a person holds one, their
 * data changes only through a change_info request (PUT /api/v1/subscribers/{id} answers 409).
 */
export function hasCertInForce(certs: readonly Pick<Certificate, 'status' | 'not_after'>[], now: Date = new Date()): boolean {
  return certs.some((c) => {
    const d = daysUntil(c.not_after, now);
    return (c.status === 'valid' || c.status === 'hold') && d !== null && d >= 0;
  });
}

/** Requests for the person as a whole: new when no current certificate, a mailbox when none yet. */
export function personRequestTypes(
  certs: readonly Pick<Certificate, 'status' | 'not_after'>[],
  mailboxProvisioned: boolean,
  now: Date = new Date(),
): RequestType[] {
  const out: RequestType[] = [];
  if (!certs.some((c) => isCurrent(c, now))) out.push('new');
  if (!mailboxProvisioned) out.push('mailbox');
  return out;
}
