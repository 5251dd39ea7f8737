// Names of the workflow's states, request types, roles, devices, grounds, document kinds,
// revocation reasons and mails in both languages, from SPEC §3–§4 and the official forms (Mẫu 01–06).
import type { Lang } from './format';

type Pair = readonly [vi: string, en: string];

/** The name of `key` in `table` in the chosen language; the key itself when the table has none. */
export function labelFrom(table: Record<string, Pair>, key: string, lang: Lang): string {
  const p = table[key];
  if (!p) return key;
  return lang === 'vi' ? p[0] : p[1];
}

export const STATES: Record<string, Pair> = {
  draft: ['Nháp', 'Draft'],
  submitted: ['Đã gửi', 'Submitted'],
  returned: ['Bị trả lại', 'Returned'],
  forwarded: ['Đã chuyển cơ quan tiếp nhận', 'Forwarded'],
  approved: ['Đã duyệt', 'Approved'],
  completed: ['Hoàn thành', 'Completed'],
  rejected: ['Từ chối', 'Rejected'],
  cancelled: ['Đã hủy', 'Cancelled'],
  failed: ['Lỗi thực hiện', 'Failed'],
};

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  forwarded: 'geekblue',
  approved: 'cyan',
  completed: 'green',
  rejected: 'red',
  cancelled: 'default',
  failed: 'volcano',
};

export const REQUEST_TYPES: Record<string, Pair> = {
  new: ['Cấp mới', 'New certificate'],
  renew: ['Gia hạn', 'Renewal'],
  change_info: ['Thay đổi nội dung', 'Change of details'],
  reissue: ['Cấp lại', 'Re-issue'],
  recover_device: ['Khôi phục thiết bị', 'Device recovery'],
  revoke: ['Thu hồi', 'Revocation'],
  mailbox: ['Hòm thư công vụ', 'Official mailbox'],
};

/** The official form each request type follows. */
export const REQUEST_FORMS: Record<string, string> = {
  new: 'Mẫu 01/02',
  renew: 'Mẫu 04',
  change_info: 'Mẫu 04',
  reissue: 'Mẫu 01/02',
  recover_device: 'Mẫu 06',
  revoke: 'Mẫu 05',
  mailbox: '',
};

export const ROLES: Record<string, Pair> = {
  subscriber: ['Thuê bao', 'Subscriber'],
  unit_manager: ['Cán bộ đơn vị', 'Unit manager'],
  aggregator: ['Đầu mối tổng hợp', 'Aggregator'],
  ra_officer: ['Cơ quan tiếp nhận', 'Registration officer'],
  ca_operator: ['Vận hành CA', 'CA operator'],
  auditor: ['Kiểm toán', 'Auditor'],
  admin: ['Quản trị', 'Administrator'],
};

export const CERT_STATUS: Record<string, Pair> = {
  valid: ['Còn hiệu lực', 'Valid'],
  revoked: ['Đã thu hồi', 'Revoked'],
  hold: ['Tạm dừng', 'On hold'],
  expired: ['Hết hạn', 'Expired'],
};

export const CERT_STATUS_COLORS: Record<string, string> = {
  valid: 'green',
  revoked: 'red',
  hold: 'orange',
  expired: 'default',
};

export const DEVICES: Record<string, Pair> = {
  TOKEN: ['USB Token', 'USB token'],
  SIM: ['SIM PKI', 'PKI SIM'],
  SOFT: ['Tệp khóa do thuê bao tạo (CSR)', 'Software key (subscriber CSR)'],
  RSSP: ['Ký số từ xa (RSSP)', 'Remote signing (RSSP)'],
  HSM: ['HSM', 'HSM'],
};

export const GROUNDS: Record<string, Record<string, Pair>> = {
  revoke: {
    retirement: ['Nghỉ hưu', 'Retirement'],
    resignation: ['Thôi việc', 'Resignation'],
    death: ['Từ trần', 'Death'],
    dissolution: ['Cơ quan giải thể', 'Body dissolved'],
    job_change: ['Chuyển công tác', 'Job change'],
    branch_change: ['Chuyển ngành', 'Change of sector'],
    key_exposed: ['Lộ khóa bí mật', 'Private key exposed'],
    device_lost: ['Mất thiết bị', 'Device lost'],
    dismissal: ['Bị kỷ luật buộc thôi việc', 'Dismissal'],
  },
  reissue: {
    lost: ['Mất thiết bị', 'Device lost'],
    damaged: ['Thiết bị hỏng', 'Device damaged'],
  },
  change_info: {
    org_change: ['Thay đổi cơ quan, đơn vị', 'Change of organization'],
    info_change: ['Thay đổi thông tin cá nhân', 'Change of personal details'],
  },
};

export const ATTACHMENT_KINDS: Record<string, Pair> = {
  request_letter: ['Văn bản đề nghị', 'Request letter'],
  appointment_decision: ['Quyết định bổ nhiệm (bản sao)', 'Appointment decision (copy)'],
  seal_registration: ['Giấy chứng nhận mẫu dấu (bản sao)', 'Seal registration (copy)'],
  superior_confirmation: ['Xác nhận của cơ quan cấp trên', "Superior body's confirmation"],
  other: ['Tài liệu khác', 'Other document'],
};

/** The reasons POST /api/v1/certificates/{serial}/revoke accepts, in the order offered. */
export const REVOKE_REASONS: Record<string, Pair> = {
  keyCompromise: ['Lộ khóa bí mật (keyCompromise)', 'Key compromise (keyCompromise)'],
  affiliationChanged: ['Thay đổi cơ quan, đơn vị (affiliationChanged)', 'Affiliation changed (affiliationChanged)'],
  superseded: ['Đã được thay thế (superseded)', 'Superseded (superseded)'],
  cessationOfOperation: ['Ngừng hoạt động (cessationOfOperation)', 'Cessation of operation (cessationOfOperation)'],
  privilegeWithdrawn: ['Rút quyền sử dụng (privilegeWithdrawn)', 'Privilege withdrawn (privilegeWithdrawn)'],
  certificateHold: ['Tạm dừng (certificateHold)', 'Certificate hold (certificateHold)'],
  removeFromCRL: ['Hủy tạm dừng, gỡ khỏi CRL (removeFromCRL)', 'Release a hold (removeFromCRL)'],
  unspecified: ['Không nêu lý do (unspecified)', 'Unspecified (unspecified)'],
};

/** Form field names (as the server names them in findings and return reasons). */
export const FIELDS: Record<string, Pair> = {
  full_name: ['Họ và tên', 'Full name'],
  dob: ['Ngày sinh', 'Date of birth'],
  cccd: ['Số CCCD', 'Citizen ID'],
  cccd_date: ['Ngày cấp', 'ID issue date'],
  cccd_place: ['Nơi cấp', 'ID issued by'],
  email: ['Thư điện tử', 'E-mail'],
  phone: ['Điện thoại', 'Phone'],
  position: ['Chức vụ', 'Position'],
  device: ['Thiết bị', 'Device'],
  carrier: ['Nhà mạng (SIM)', 'Carrier (SIM)'],
  manager_name: ['Người đứng đầu', 'Head of the body'],
  cert_serial: ['Chứng thư số', 'Certificate'],
  ground: ['Lý do', 'Ground'],
  csr: ['Tệp CSR', 'CSR file'],
  mailbox: ['Hòm thư công vụ', 'Official mailbox'],
  attachments: ['Tài liệu đính kèm', 'Attached documents'],
  note: ['Ghi chú', 'Note'],
  organization: ['Cơ quan', 'Organization'],
  org_id: ['Cơ quan', 'Organization'],
  role: ['Vai trò', 'Role'],
  type: ['Loại yêu cầu', 'Request type'],
  name: ['Họ và tên', 'Full name'],
};

/** What each mail tells about, as its template's summary says (src/notify/templates.cpp). */
export const MAIL_KINDS: Record<string, Pair> = {
  'request.submitted': ['Yêu cầu đã được gửi', 'Request submitted'],
  'request.returned': ['Yêu cầu bị trả lại', 'Request returned'],
  'request.rejected': ['Yêu cầu bị từ chối', 'Request rejected'],
  'request.approved': ['Yêu cầu đã được phê duyệt', 'Request approved'],
  'request.completed': ['Yêu cầu đã thực hiện xong', 'Request carried out'],
  'cert.revoked': ['Chứng thư số bị thu hồi', 'Certificate revoked'],
  'cert.held': ['Chứng thư số bị tạm dừng', 'Certificate on hold'],
  'cert.released': ['Chứng thư số được khôi phục', 'Certificate released from hold'],
  'cert.expiry.opens': ['Sắp hết hạn: đã có thể gia hạn', 'Expiry: renewal window open'],
  'cert.expiry.closing': ['Sắp hết hạn: sắp hết thời gian gia hạn', 'Expiry: renewal window closing'],
  'cert.expiry.closed': ['Sắp hết hạn: phải cấp mới', 'Expiry: new certificate needed'],
  'round.deadline': ['Nhắc hạn đợt đăng ký', 'Registration round deadline'],
  'digest.daily': ['Tổng hợp hằng ngày', 'Daily digest'],
  'user.activation': ['Liên kết kích hoạt tài khoản', 'Account activation link'],
  'user.password_reset': ['Liên kết đặt lại mật khẩu', 'Password reset link'],
};

export const MAIL_STATES: Record<string, Pair> = {
  queued: ['Chờ gửi', 'Queued'],
  sent: ['Đã gửi', 'Sent'],
  failed: ['Gửi lỗi', 'Failed'],
};

export const MAIL_STATE_COLORS: Record<string, string> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
};

export const stateLabel = (s: string, l: Lang) => labelFrom(STATES, s, l);
export const typeLabel = (s: string, l: Lang) => labelFrom(REQUEST_TYPES, s, l);
export const roleLabel = (s: string, l: Lang) => labelFrom(ROLES, s, l);
export const certStatusLabel = (s: string, l: Lang) => labelFrom(CERT_STATUS, s, l);
export const deviceLabel = (s: string, l: Lang) => labelFrom(DEVICES, s, l);
export const attachmentKindLabel = (s: string, l: Lang) => labelFrom(ATTACHMENT_KINDS, s, l);
export const fieldLabel = (s: string, l: Lang) => labelFrom(FIELDS, s, l);
export const revokeReasonLabel = (s: string, l: Lang) => labelFrom(REVOKE_REASONS, s, l);
export const mailKindLabel = (s: string, l: Lang) => labelFrom(MAIL_KINDS, s, l);
export const mailStateLabel = (s: string, l: Lang) => labelFrom(MAIL_STATES, s, l);
export const groundLabel = (type: string, g: string, l: Lang) => labelFrom(GROUNDS[type] ?? {}, g, l);

/** Final states: nothing more happens to the request. */
export const FINAL_STATES = ['completed', 'rejected', 'cancelled'];
