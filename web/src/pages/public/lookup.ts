// Pure helpers of the public pages: what a search box holds (serial, e-mail or name words), the
// parts of an X.509 subject, and which file a user dropped.
import { labelFrom } from '../../lib/labels';

export type LookupKind = 'serial' | 'email' | 'q';

export interface LookupQuery {
  kind: LookupKind;
  value: string;
}

/**
 * A serial is hex (colons and spaces allowed) with at least one digit and at least 8 hex digits —
 * names never hold digits, so "Bắc" or "Ba" stay names; an e-mail has an "@"; anything else is
 * words of a name, sent as typed (the server folds diacritics, so "nguyen huu" finds "Nguyễn Hữu").
 */
export function detectQuery(input: string): LookupQuery | null {
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  if (s.includes('@')) return { kind: 'email', value: s.toLowerCase() };
  const hex = s.replace(/[\s:]/g, '');
  if (/^(0x)?[0-9a-fA-F]+$/.test(hex) && /\d/.test(hex) && hex.replace(/^0x/, '').length >= 8) {
    return { kind: 'serial', value: hex.replace(/^0x/, '').toUpperCase() };
  }
  return { kind: 'q', value: s };
}

export interface DnPart {
  type: string;
  value: string;
}

/** Splits an RFC 4514-style DN ("C=VN,ST=Bắc Ninh,O=…,OU=…,CN=…"), honouring "\," escapes. */
export function parseDn(dn: string): DnPart[] {
  const out: DnPart[] = [];
  let cur = '';
  const flush = () => {
    const eq = cur.indexOf('=');
    if (eq > 0) out.push({ type: cur.slice(0, eq).trim().toUpperCase(), value: cur.slice(eq + 1).trim() });
    cur = '';
  };
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      cur += dn[++i];
      continue;
    }
    if (c === ',' || c === '+') {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  return out;
}

/** The organization in a subject, most specific unit first: "Trường …, Sở …, UBND tỉnh …". */
export function orgFromSubject(dn: string): string {
  const parts = parseDn(dn);
  const ous = parts.filter((p) => p.type === 'OU').map((p) => p.value);
  const o = parts.filter((p) => p.type === 'O').map((p) => p.value);
  return [...ous.reverse(), ...o].join(', ');
}

export function dnValue(dn: string, type: string): string {
  return parseDn(dn).find((p) => p.type === type.toUpperCase())?.value ?? '';
}

/** Certificate files the check page accepts, by name. */
export function isCertificateFileName(name: string): boolean {
  return /\.(cer|crt|pem|der)$/i.test(name);
}

/** Whether pasted text looks like a PEM certificate block. */
export function looksLikePem(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(text);
}

const USAGES: Record<string, readonly [string, string]> = {
  digitalSignature: ['Ký số', 'Digital signature'],
  nonRepudiation: ['Chống chối bỏ', 'Non-repudiation'],
  contentCommitment: ['Chống chối bỏ', 'Content commitment'],
  keyEncipherment: ['Mã hóa khóa', 'Key encipherment'],
  dataEncipherment: ['Mã hóa dữ liệu', 'Data encipherment'],
  keyAgreement: ['Thỏa thuận khóa', 'Key agreement'],
  keyCertSign: ['Ký chứng thư', 'Certificate signing'],
  cRLSign: ['Ký CRL', 'CRL signing'],
  clientAuth: ['Xác thực người dùng', 'Client authentication'],
  serverAuth: ['Xác thực máy chủ', 'Server authentication'],
  emailProtection: ['Bảo vệ thư điện tử', 'E-mail protection'],
  codeSigning: ['Ký mã chương trình', 'Code signing'],
  OCSPSigning: ['Ký trả lời OCSP', 'OCSP signing'],
  timeStamping: ['Gắn dấu thời gian', 'Time stamping'],
};

/** A key usage or extended key usage name in the chosen language (the name itself when unknown). */
export function usageLabel(name: string, lang: 'vi' | 'en'): string {
  return labelFrom(USAGES, name, lang);
}

/** The answer an OCSP responder would give for an inspected file: good, revoked, or unknown to us. */
export function ocspLikeStatus(r: { ours: boolean; record: { status: string } | null }): 'good' | 'revoked' | 'unknown' {
  if (!r.ours || !r.record) return 'unknown';
  if (r.record.status === 'revoked' || r.record.status === 'hold') return 'revoked';
  return 'good';
}

/** How the verdict is shown: green only for our own certificate that is valid now. */
export function verdictLevel(r: {
  ours: boolean;
  issued_by: unknown;
  record: { status: string } | null;
  certificate: { within_validity: boolean };
}): 'success' | 'warning' | 'error' {
  if (!r.issued_by) return 'error';
  if (!r.ours || !r.record) return 'warning';
  if (r.record.status === 'valid' && r.certificate.within_validity) return 'success';
  return r.record.status === 'revoked' ? 'error' : 'warning';
}
