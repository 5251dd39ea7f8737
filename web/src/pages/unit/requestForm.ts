// The request form without React: which fields each request type asks for (following the
// official forms Mẫu 01–06), the body POST /api/v1/requests takes, and where each server
// finding belongs on the form.
import type { Finding, NewRequestBody, RequestType, Role } from '../../api/types';

export const REQUEST_TYPE_ORDER: readonly RequestType[] = [
  'new',
  'renew',
  'change_info',
  'reissue',
  'recover_device',
  'revoke',
  'mailbox',
];

/** Roles that may create, edit, attach to and cancel requests. */
export const CREATOR_ROLES: readonly Role[] = ['subscriber', 'unit_manager', 'aggregator'];

export type RequestFormField =
  | 'cert_serial'
  | 'ground'
  | 'new_name'
  | 'new_email'
  | 'new_phone'
  | 'new_position'
  | 'new_org_id'
  | 'mailbox'
  | 'csr_pem'
  | 'note';

const FIELDS_BY_TYPE: Record<RequestType, readonly RequestFormField[]> = {
  new: ['csr_pem', 'note'],
  renew: ['cert_serial', 'note'],
  change_info: ['cert_serial', 'ground', 'new_name', 'new_email', 'new_phone', 'new_position', 'new_org_id', 'csr_pem', 'note'],
  reissue: ['cert_serial', 'ground', 'csr_pem', 'note'],
  recover_device: ['cert_serial', 'note'],
  revoke: ['cert_serial', 'ground', 'note'],
  mailbox: ['mailbox', 'note'],
};

export function isRequestType(v: string | null | undefined): v is RequestType {
  return !!v && (REQUEST_TYPE_ORDER as readonly string[]).includes(v);
}

/** The fields of step 2 for a request type, in the order the official form lists them. */
export function fieldsForType(type: RequestType | undefined): readonly RequestFormField[] {
  return type ? FIELDS_BY_TYPE[type] : [];
}

/** Types that name the certificate they concern (renew, change_info, reissue, recover_device, revoke). */
export function needsCertificate(type: RequestType | undefined): boolean {
  return fieldsForType(type).includes('cert_serial');
}

export function hasGrounds(type: RequestType | undefined): boolean {
  return fieldsForType(type).includes('ground');
}

export function takesCsr(type: RequestType | undefined): boolean {
  return fieldsForType(type).includes('csr_pem');
}

/** A SOFT device means the subscriber made the key: the CSR is then required. */
export function csrRequired(type: RequestType | undefined, device: string | undefined): boolean {
  return takesCsr(type) && device === 'SOFT';
}

/** The official form a request follows (as the server names it: "Mẫu 01" …; "" for a mailbox). */
export function formName(type: RequestType, kind?: string): string {
  switch (type) {
    case 'new':
    case 'reissue':
      return kind === 'organization' ? 'Mẫu 02' : 'Mẫu 01';
    case 'renew':
    case 'change_info':
      return 'Mẫu 04';
    case 'revoke':
      return 'Mẫu 05';
    case 'recover_device':
      return 'Mẫu 06';
    default:
      return '';
  }
}

/** The form hint shown beside each type in the picker, before the person is known. */
export function formHint(type: RequestType): { vi: string; en: string } {
  switch (type) {
    case 'new':
    case 'reissue':
      return {
        vi: 'Mẫu 01 (cá nhân) / Mẫu 02 (tổ chức) / Mẫu 03 (thiết bị)',
        en: 'Form 01 (individual) / 02 (organization) / 03 (device)',
      };
    case 'renew':
    case 'change_info':
      return { vi: 'Mẫu 04', en: 'Form 04' };
    case 'revoke':
      return { vi: 'Mẫu 05', en: 'Form 05' };
    case 'recover_device':
      return { vi: 'Mẫu 06', en: 'Form 06' };
    default:
      return { vi: 'Không theo mẫu', en: 'No form' };
  }
}

export interface RequestFormValues {
  type?: RequestType;
  subscriber_id?: number;
  cert_serial?: string;
  ground?: string;
  new_name?: string;
  new_email?: string;
  new_phone?: string;
  new_position?: string;
  new_org_id?: number;
  mailbox?: string;
  csr_pem?: string;
  note?: string;
}

/**
 * The body of POST /api/v1/requests (and of its dry run …/validate): only the fields the type
 * takes, strings trimmed (the CSR kept as typed), empty values left out. Null until the type and
 * the person are chosen.
 */
export function buildRequestBody(v: RequestFormValues): NewRequestBody | null {
  if (!v.type || !isRequestType(v.type) || !v.subscriber_id) return null;
  const body: NewRequestBody = { type: v.type, subscriber_id: v.subscriber_id };
  for (const f of fieldsForType(v.type)) {
    const value = v[f];
    if (value === undefined || value === null) continue;
    if (f === 'new_org_id') {
      if (typeof value === 'number' && value > 0) body.new_org_id = value;
      continue;
    }
    if (typeof value !== 'string') continue;
    const text = f === 'csr_pem' || f === 'note' ? value : value.trim();
    if (!text.trim()) continue;
    body[f] = text;
  }
  return body;
}

/** Fields of the person (the subscriber record), shown in the "Thông tin người đề nghị" panel. */
export const PERSON_FIELDS: readonly string[] = [
  'full_name',
  'name',
  'dob',
  'cccd',
  'cccd_date',
  'cccd_place',
  'email',
  'phone',
  'position',
  'device',
  'carrier',
  'manager_name',
  'kind',
];

/** Which form field a server field name is shown in, for this type and these values. */
export function requestFieldFor(
  serverField: string,
  type: RequestType | undefined,
  v: RequestFormValues,
): RequestFormField | 'type' | 'subscriber_id' | undefined {
  const fields = fieldsForType(type);
  const on = (f: RequestFormField) => (fields.includes(f) ? f : undefined);
  switch (serverField) {
    case 'type':
      return 'type';
    case 'subscriber':
    case 'subscriber_id':
    case '--subscriber':
      return 'subscriber_id';
    case 'csr':
    case 'csr_pem':
      return on('csr_pem');
    case 'cert_serial':
      return on('cert_serial');
    case 'ground':
    case 'mailbox':
    case 'note':
      return on(serverField);
    case 'organization':
    case 'new_org_id':
      return v.new_org_id ? on('new_org_id') : undefined;
    // change_info: the new values replace the person's, so their findings go to the new fields.
    case 'full_name':
    case 'name':
      return v.new_name?.trim() ? on('new_name') : undefined;
    case 'email':
      return v.new_email?.trim() ? on('new_email') : undefined;
    case 'phone':
      return v.new_phone?.trim() ? on('new_phone') : undefined;
    case 'position':
      return v.new_position?.trim() ? on('new_position') : undefined;
    default:
      return undefined;
  }
}

export interface GroupedFindings {
  /** By form field (cert_serial, ground, csr_pem, mailbox, new_*, type, subscriber_id). */
  byField: Record<string, Finding[]>;
  /** About the person's record: shown in the person panel with a link to the person. */
  person: Finding[];
  /** Documents still needed (expected before upload). */
  attachments: Finding[];
  /** Anything else (e.g. the organization is not a state body). */
  other: Finding[];
}

export function groupRequestFindings(
  findings: readonly Finding[],
  type: RequestType | undefined,
  v: RequestFormValues,
): GroupedFindings {
  const out: GroupedFindings = { byField: {}, person: [], attachments: [], other: [] };
  for (const f of findings) {
    const target = requestFieldFor(f.field, type, v);
    if (target) (out.byField[target] ??= []).push(f);
    else if (f.field === 'attachments') out.attachments.push(f);
    else if (PERSON_FIELDS.includes(f.field)) out.person.push(f);
    else out.other.push(f);
  }
  return out;
}

/**
 * Whether a finding in a form field is shown yet: "required" waits until the user touched the
 * field or tried to save, so an empty form is not all red; everything else shows at once.
 */
export function showFinding(f: Finding, touched: boolean, attempted: boolean): boolean {
  if (f.code !== 'required') return true;
  return touched || attempted;
}

/** The antd validateStatus for a list of findings (errors win over warnings). */
export function statusOf(findings: readonly Finding[] | undefined): 'error' | 'warning' | undefined {
  if (!findings || findings.length === 0) return undefined;
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
}

/** The `/requests/new` link that starts a request of `type` for a person (and a certificate). */
export function newRequestLink(type: RequestType, subscriberId?: number, certSerial?: string): string {
  const q = new URLSearchParams({ type });
  if (subscriberId) q.set('subscriber_id', String(subscriberId));
  if (certSerial) q.set('cert_serial', certSerial);
  return `/requests/new?${q.toString()}`;
}

/** Types that make sense for a certificate in a given status. */
export function typesForCertificate(status: string): RequestType[] {
  if (status === 'valid') return ['renew', 'change_info', 'reissue', 'recover_device', 'revoke'];
  if (status === 'hold') return ['reissue', 'revoke'];
  return [];
}
