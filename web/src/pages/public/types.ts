// Shapes of the public (no sign-in) answers: certificate lookup and certificate-file inspection.

export interface PublicCertificate {
  serial: string;
  common_name: string;
  email: string;
  subject: string;
  issuer: { name: string; common_name: string };
  not_before: string;
  not_after: string;
  profile: string;
  status: 'valid' | 'revoked' | 'hold' | 'expired' | string;
  status_vi?: string;
  revocation?: { reason: string; revoked_at: string };
  usages?: { key_usage?: string[]; extended_key_usage?: string[] };
}

export interface PublicPage {
  items: PublicCertificate[];
  limit: number;
  offset: number;
  has_more: boolean;
}

/** What the uploaded file itself says (parsed by the server). */
export interface ParsedCertificate {
  serial: string;
  subject: string;
  issuer: string;
  not_before: string;
  not_after: string;
  within_validity: boolean;
  is_ca: boolean;
  key_algorithm: string;
  signature_algorithm: string;
  key_usage: string[];
  extended_key_usage: string[];
  san_emails: string[];
  san_dns: string[];
  policy_oids: string[];
  crl_urls: string[];
  ocsp_urls: string[];
  ca_issuer_urls: string[];
  sha256_fingerprint: string;
}

export interface InspectResult {
  /** Issued (and signed) by one of our CAs. */
  ours: boolean;
  issued_by: { name: string; common_name: string } | null;
  /** Our record of it (status, revocation) when ours. */
  record: PublicCertificate | null;
  certificate: ParsedCertificate;
  verdict: string;
  verdict_en: string;
}
