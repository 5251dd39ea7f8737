// Shapes of the /api/v1 answers the portal uses (see GET /api/v1/openapi.json).

export type Role =
  | 'subscriber'
  | 'unit_manager'
  | 'aggregator'
  | 'ra_officer'
  | 'ca_operator'
  | 'auditor'
  | 'admin';

export interface SessionUser {
  id: number;
  login: string;
  org_id: number | null;
  role: Role;
  second_factor: boolean;
  subscriber_id: number | null;
}

export interface Session {
  csrf_token: string;
  expires_at: string;
  user: SessionUser;
}

export interface Finding {
  field: string;
  code: string;
  severity: 'error' | 'warning' | string;
  message_vi: string;
  message_en: string;
  /** Set when the finding belongs to one request of a batch (a refused batch submission). */
  request_id?: number;
}

/** RFC 7807 body the server sends for every error. */
export interface Problem {
  type?: string;
  status?: number;
  title?: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  field?: string;
  findings?: Finding[];
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
}

export type RequestType =
  | 'new'
  | 'renew'
  | 'change_info'
  | 'reissue'
  | 'recover_device'
  | 'revoke'
  | 'mailbox';

export type RequestState =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'forwarded'
  | 'approved'
  | 'completed'
  | 'rejected'
  | 'cancelled'
  | 'failed'
  | string;

export type Device = 'TOKEN' | 'SIM' | 'SOFT' | 'RSSP' | 'HSM';

export interface SubjectData {
  kind: 'individual' | 'organization' | string;
  full_name: string;
  cccd: string;
  cccd_date: string;
  cccd_place: string;
  dob: string;
  email: string;
  phone: string;
  position: string;
  device: Device | string;
  carrier: string;
  manager_name: string;
}

export interface TimelineEntry {
  action: string;
  actor: string;
  at: string;
  at_vn: string;
  comment: string;
  field_reasons: Record<string, string>;
  from: string;
  to: string;
}

/** What a request did to a key device: enrolled or reset it, reported it lost (GET /api/v1/requests/{id}). */
export interface RequestDeviceEvent {
  device_serial: string;
  /** ISO 8601, UTC. */
  at: string;
  actor: string;
  /** A device state; null for the token's first event. */
  from: string | null;
  to: string;
  /** enrol, handover, reset_pin, found, … or the new state's name (see pages/devices/deviceActions). */
  action: string;
  note: string;
  request_id: number | null;
}

export interface Attachment {
  id: number;
  href: string;
  kind: string;
  media_type: string;
  name: string;
  sha256: string;
  size: number;
  uploaded_by: string;
}

export interface CertRequest {
  id: number;
  type: RequestType;
  type_vi: string;
  form: string;
  state: RequestState;
  awaiting: string;
  org_id: number;
  subscriber_id: number;
  batch_id: number | null;
  cert_serial: string;
  result_serial: string;
  created_at: string;
  created_by: string;
  submitted_at: string;
  /** The registration office's decision deadline (dd/MM/yyyy), once forwarded. */
  due_date?: string;
  decided_at?: string;
  late: boolean;
  overdue: boolean;
  data: {
    ground: string;
    has_csr: boolean;
    mailbox: string;
    note: string;
    subject: SubjectData;
    [key: string]: unknown;
  };
  findings: Finding[];
  approvals?: string[];
  attachments?: Attachment[];
  timeline?: TimelineEntry[];
  /** Oldest first; empty when the request touched no device. */
  device_events?: RequestDeviceEvent[];
}

export interface NewRequestBody {
  type: RequestType;
  subscriber_id: number;
  cert_serial?: string;
  csr_pem?: string;
  ground?: string;
  mailbox?: string;
  new_email?: string;
  new_name?: string;
  new_org_id?: number;
  new_phone?: string;
  new_position?: string;
  note?: string;
}

export interface RequestPatch {
  cert_serial?: string;
  csr_pem?: string;
  email?: string;
  ground?: string;
  mailbox?: string;
  name?: string;
  /** change_info: the organization to move the person to; 0 = stay in their own. */
  new_org_id?: number;
  note?: string;
  phone?: string;
  position?: string;
}

export interface Subscriber {
  id: number;
  org_id: number;
  created_at: string;
  mailbox_provisioned: boolean;
  data: SubjectData;
}

export type NewSubscriberBody = Partial<SubjectData> & { org_id: number; full_name: string };

export interface Organization {
  id: number;
  name: string;
  parent_id: number | null;
  [key: string]: unknown;
}

export interface Certificate {
  serial: string;
  subject: string;
  common_name: string;
  email: string;
  not_before: string;
  not_after: string;
  profile: string;
  status: 'valid' | 'revoked' | 'hold' | 'expired' | string;
  revoked_at?: string;
  revocation_reason?: string;
  org_id?: number;
  subscriber_id?: number;
  request_id?: number;
  pem?: string;
}

export interface Round {
  id: number;
  name: string;
  deadline: string;
  allow_late: boolean;
  org_id: number;
}

export interface Batch {
  id: number;
  round_id: number;
  round_name?: string;
  org_id: number;
  org_name?: string;
  state: 'open' | 'submitted' | string;
  late: boolean;
  requests: number;
  created_by?: string;
  created_at?: string;
  submitted_at?: string;
}

/** One request's outcome in a whole-batch approve or return. */
export interface BatchActionResult {
  request_id: number;
  ok: boolean;
  state?: string;
  title?: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  findings?: Finding[];
}

export interface Statistics {
  requests_by_state: Record<string, number>;
  requests_by_type: Record<string, number>;
  requests_overdue: number;
  certificates_by_status: Record<string, number>;
  certificates_expiring: Record<string, number>;
  certificates_by_org?: { org_id: number; org_name: string; valid: number; expiring_90: number }[];
  requests_by_age?: Record<string, number>;
}

export interface PkiStatus {
  now: string;
  /** ca.expiry_warning_days: a CA with fewer days left is `expiring`. */
  expiry_warning_days: number;
  cas: {
    name: string;
    /** 'root' or 'issuing'. */
    kind: string;
    subject: string;
    not_after: string;
    /** Whole days before not_after (truncated toward zero: 0 may be just past; negative when expired). */
    days_left: number;
    /** days_left < expiry_warning_days. */
    expiring: boolean;
    crl: {
      number: number;
      this_update: string;
      next_update: string;
      entries: number;
      stale: boolean;
      href: string;
    } | null;
  }[];
  /** null before the first OCSP signer is made. */
  ocsp: {
    signer_subject: string;
    signer_not_after: string;
    /** Whole days before signer_not_after, as days_left of a CA. */
    signer_days_left: number;
    /** Fewer than renew_days are left: the automatic renewal did not happen. */
    signer_expiring: boolean;
    /** ca.ocsp_renew_days: the signer is renewed automatically when this many days are left. */
    renew_days: number;
    /** Whether this process answers OCSP. */
    enabled: boolean;
    responses_cached: number;
    last_produced_at: string | null;
    max_age_seconds: number;
  } | null;
  queue: { pending: number; running: number; failed: number };
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  org_id: number | null;
  outcome: string;
  hash: string;
  details: Record<string, unknown>;
}

export interface User {
  id: number;
  login: string;
  role: Role;
  org_id: number | null;
  /** The official address mails go to (activation and reset links too); null when none was given. */
  email?: string | null;
  subscriber_id?: number | null;
  /** Signs in with a TOTP code besides the password. */
  second_factor?: boolean;
  /** False when an administrator disabled the account. */
  active?: boolean;
  /** False until the user has set a password through the mailed activation link. */
  activated?: boolean;
  created_at?: string;
  [key: string]: unknown;
}

/**
 * POST /api/v1/users/{id}/disable and …/enable, PUT /api/v1/users/{id}/role (200): the user as the
 * list shows it, and whether its role signs in with a TOTP code the user has not enrolled yet (the
 * admin then mails a reset link with a new TOTP secret).
 */
export interface UserChanged extends User {
  second_factor_to_enrol?: boolean;
}

/**
 * POST /api/v1/users (201): the new user, without a password or TOTP secret; the user sets both
 * through the one-time link mailed to `email`, valid until `activation_expires_at`.
 */
export interface CreatedUser extends User {
  email: string;
  activated: boolean;
  activation_expires_at: string;
}

/** POST /api/v1/users/{id}/reset-link (202): where the one-time link went and until when it works. */
export interface ResetLinkSent {
  user_id: number;
  email: string;
  expires_at: string;
}

/**
 * What the one-time link lets its holder do (POST /api/v1/account-link): set the password and,
 * when `totp` is "enrol", add the new secret to an authenticator app; "required" asks for a code
 * of the app already enrolled.
 */
export interface AccountLink {
  login: string;
  role?: Role;
  purpose: 'activate' | 'reset';
  expires_at: string;
  totp: 'enrol' | 'required' | 'none';
  /** Base32, only when totp is "enrol". */
  totp_secret?: string;
  /** otpauth://totp/… for the same secret, only when totp is "enrol". */
  totp_uri?: string;
}

/** The event a mail tells about (one template each, src/notify/templates/ on the server). */
export type MailKind =
  | 'request.submitted'
  | 'request.returned'
  | 'request.rejected'
  | 'request.approved'
  | 'request.completed'
  | 'cert.revoked'
  | 'cert.held'
  | 'cert.released'
  | 'cert.expiry.opens'
  | 'cert.expiry.closing'
  | 'cert.expiry.closed'
  | 'round.deadline'
  | 'digest.daily'
  | 'user.activation'
  | 'user.password_reset';

export type MailState = 'queued' | 'sent' | 'failed';

/** One mail of the outbox (GET /api/v1/outbox); times are ISO 8601 UTC. */
export interface OutboxMessage {
  id: number;
  /** A MailKind; a newer server may send a kind this portal does not know yet. */
  kind: MailKind | string;
  recipient: string;
  subject: string;
  state: MailState;
  attempts: number;
  created_at: string;
  /** When queued: the next try. */
  next_attempt?: string;
  /** When sent: when the mail server accepted it. */
  sent_at?: string;
  /** The last failure, with the mail server's answer. */
  last_error?: string;
  /** The mail server's last reply code. */
  smtp_code?: number;
}

/** A mail sent to the signed-in user (GET /api/v1/notifications), with its text. */
export interface UserNotification extends OutboxMessage {
  body_text: string;
}

/** GET /api/v1/outbox: a page, oldest first, and the counts of the whole outbox. */
export interface OutboxPage {
  items: OutboxMessage[];
  counts: { queued: number; sent: number; failed: number; events_pending: number };
}

/** The optional mails (GET and PATCH /api/v1/notifications/settings). */
export interface NotificationSettings {
  /** The registration office's daily digest of requests waiting for it. */
  digest: boolean;
  /** A unit manager's expiry reminders about the unit's people. */
  unit_reminders: boolean;
}
