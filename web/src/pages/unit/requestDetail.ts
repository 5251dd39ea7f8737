// The request detail without React: which actions a role may take in a state (mirroring the
// server's workflow), the reasons of the last return, the editable fields, the PATCH body and
// where the server's findings about it belong.
import type { Attachment, CertRequest, Finding, Problem, RequestPatch, Role, TimelineEntry } from '../../api/types';
import { ATTACHMENT_KINDS } from '../../lib/labels';
import { reasonsObject, type ReasonRow as FieldReason } from '../../lib/reasons';
import { CREATOR_ROLES, hasGrounds, needsCertificate, takesCsr } from './requestForm';

export type RequestAction = 'submit' | 'cancel' | 'approve' | 'return' | 'reject' | 'retry';

/** What `role` (signed in as `login`) may do to `r` now; the server stays the judge. */
export function availableActions(
  r: Pick<CertRequest, 'state' | 'approvals'>,
  role: Role,
  login: string,
): RequestAction[] {
  const out: RequestAction[] = [];
  const s = r.state;
  const creator = CREATOR_ROLES.includes(role);
  if ((role === 'unit_manager' || role === 'aggregator') && (s === 'draft' || s === 'returned')) out.push('submit');
  if (role === 'ra_officer' && s === 'forwarded' && !(r.approvals ?? []).includes(login)) out.push('approve');
  if ((role === 'aggregator' && s === 'submitted') || (role === 'ra_officer' && (s === 'submitted' || s === 'forwarded')))
    out.push('return');
  if (role === 'ra_officer' && s === 'forwarded') out.push('reject');
  if (role === 'ca_operator' && s === 'failed') out.push('retry');
  if (creator && (s === 'draft' || s === 'submitted' || s === 'returned')) out.push('cancel');
  return out;
}

/** Whether the signed-in role may edit the data and attach documents now. */
export function canEdit(r: Pick<CertRequest, 'state'>, role: Role): boolean {
  return CREATOR_ROLES.includes(role) && (r.state === 'draft' || r.state === 'returned');
}

/** The comment and per-field reasons of the latest return (empty when never returned). */
export function lastReturn(timeline: readonly TimelineEntry[] | undefined): {
  comment: string;
  reasons: Record<string, string>;
} {
  const list = timeline ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i];
    if (e.action === 'return') return { comment: e.comment ?? '', reasons: e.field_reasons ?? {} };
  }
  return { comment: '', reasons: {} };
}

export type EditField = keyof RequestPatch;

/**
 * The fields PATCH accepts that make sense for this request type; the organization to move to
 * (change_info) only when the role may pick one (unit manager, aggregator).
 */
export function editFieldsFor(type: CertRequest['type'], mayPickOrg = false): EditField[] {
  if (type === 'mailbox') return ['name', 'email', 'phone', 'position', 'mailbox', 'note'];
  const out: EditField[] = [];
  if (needsCertificate(type)) out.push('cert_serial');
  out.push('name', 'email', 'phone', 'position');
  if (type === 'change_info' && mayPickOrg) out.push('new_org_id');
  if (hasGrounds(type)) out.push('ground');
  if (takesCsr(type)) out.push('csr_pem');
  out.push('note');
  return out;
}

/** The edit form's starting values from the request's data (the CSR is never sent back). */
export function editValuesOf(r: CertRequest): RequestPatch {
  const s = r.data.subject;
  const org = r.data.new_org_id;
  return {
    cert_serial: r.cert_serial ?? '',
    name: s.full_name ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    position: s.position ?? '',
    new_org_id: typeof org === 'number' ? org : 0,
    ground: r.data.ground ?? '',
    mailbox: r.data.mailbox ?? '',
    note: r.data.note ?? '',
    csr_pem: '',
  };
}

/**
 * Only what changed, among `fields`; an empty CSR box means "keep the CSR", an empty certificate
 * is never sent, a cleared organization is 0 ("keep the person's own").
 */
export function buildPatch(fields: readonly EditField[], before: RequestPatch, after: RequestPatch): RequestPatch {
  const out: RequestPatch = {};
  for (const f of fields) {
    if (f === 'new_org_id') {
      const v = after.new_org_id ?? 0;
      if (v !== (before.new_org_id ?? 0)) out.new_org_id = v;
      continue;
    }
    const raw = after[f] ?? '';
    const value = f === 'csr_pem' || f === 'note' ? raw : raw.trim();
    if (f === 'csr_pem') {
      if (value.trim()) out.csr_pem = value;
      continue;
    }
    if (f === 'cert_serial' && !value) continue;
    if (value !== (before[f] ?? '')) out[f] = value;
  }
  return out;
}

/** The server's field name for an edit field (findings and return reasons use these). */
export function serverFieldOf(f: EditField): string {
  if (f === 'name') return 'full_name';
  if (f === 'csr_pem') return 'csr';
  return f;
}

/** The edit field a server field name (finding, return reason, problem) belongs to, if any. */
export function editFieldOf(serverField: string): EditField | undefined {
  switch (serverField) {
    case 'full_name':
    case 'name':
      return 'name';
    case 'csr':
    case 'csr_pem':
      return 'csr_pem';
    case 'cert_serial':
      return 'cert_serial';
    case 'new_org_id':
    case 'organization':
      return 'new_org_id';
    case 'email':
    case 'phone':
    case 'position':
    case 'ground':
    case 'mailbox':
    case 'note':
      return serverField;
    default:
      return undefined;
  }
}

/**
 * A refused PATCH as findings for the form: the problem's findings, or one finding made from the
 * field it names (e.g. a non-hex cert_serial, an organization out of reach); empty otherwise.
 */
export function patchProblemFindings(p: Problem): Finding[] {
  if (p.findings?.length) return p.findings;
  if (!p.field || !editFieldOf(p.field)) return [];
  const vi = p.title || p.title_en || p.detail || '';
  const en = p.title_en || p.title || p.detail_en || '';
  return [{ field: p.field, code: 'invalid', severity: 'error', message_vi: vi, message_en: en }];
}

/** A download name for an attachment: the stored name, or kind + id with the media type's extension. */
export function attachmentFileName(a: { id: number; name: string; kind: string; media_type: string }): string {
  if (a.name) return a.name;
  const ext = a.media_type === 'application/pdf' ? 'pdf' : a.media_type === 'image/png' ? 'png' : 'jpg';
  return `${a.kind}-${a.id}.${ext}`;
}

/** Which preview element a media type gets. */
export function previewKind(mediaType: string): 'pdf' | 'image' | 'none' {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  return 'none';
}

/** The media type to send for a picked file, from its type or its name (browsers leave some blank). */
export function uploadMediaType(name: string, type: string): string | undefined {
  if (type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg') return type;
  const n = name.toLowerCase();
  if (n.endsWith('.pdf')) return 'application/pdf';
  if (n.endsWith('.png')) return 'image/png';
  if (n.endsWith('.jpg') || n.endsWith('.jpeg')) return 'image/jpeg';
  return undefined;
}

/** Findings grouped per field, fields with an error first, the server's order otherwise. */
export function groupByField(findings: readonly Finding[]): [string, Finding[]][] {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.field) ?? [];
    list.push(f);
    map.set(f.field, list);
  }
  const rank = (l: Finding[]) => (l.some((f) => f.severity === 'error') ? 0 : 1);
  return [...map.entries()].sort((a, b) => rank(a[1]) - rank(b[1]));
}

/** A row of the return form: either part may still be empty. */
export type ReasonRow = Partial<FieldReason>;

/**
 * The body of POST …/return: the overall comment and one reason per field (rows without a field
 * or a reason dropped; a field named twice keeps both reasons). Null when there is no reason at
 * all — the server refuses a return without one.
 */
export function buildReturnBody(
  comment: string,
  rows: readonly ReasonRow[],
): { comment: string; field_reasons: Record<string, string> } | null {
  const field_reasons = reasonsObject(rows);
  const c = comment.trim();
  if (!c && Object.keys(field_reasons).length === 0) return null;
  return { comment: c, field_reasons };
}

/**
 * The kind of document to offer first: the first one the findings still ask for (they name it in
 * brackets, e.g. "(appointment_decision)") that is not attached yet, else "other".
 */
export function firstMissingKind(missing: Finding[], attached: Attachment[]): string {
  const have = new Set(attached.map((a) => a.kind));
  for (const f of missing) {
    for (const k of Object.keys(ATTACHMENT_KINDS)) {
      if (!have.has(k) && `${f.message_en} ${f.message_vi}`.includes(`(${k})`)) return k;
    }
  }
  return 'other';
}
