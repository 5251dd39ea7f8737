// The validation policy of SPEC §5, one entry per rule. Sources: Bắc Ninh's guidance (a request
// "not completely and correctly filled in is invalid"; official mailbox @bacninh.gov.vn; state
// bodies only; documents per subject) and Decree 68/2024/NĐ-CP (forms 01–06, validity rules).
#include "registry/validation_rules.h"

#include <algorithm>
#include <chrono>

#include "common/internet_names.h"
#include "common/text.h"
#include "crypto/csr.h"
#include "registry/form_dates.h"
#include "registry/issue_places.h"
#include "registry/working_days.h"

namespace ct::registry::rules {
namespace {

using Hits = std::vector<Hit>;
using RT = RequestType;

struct Label {
  const char* field;
  const char* vi;
  const char* en;
};
constexpr Label kLabels[] = {
    {"full_name", "họ và tên (tên cơ quan)", "full name (organization name)"},
    {"dob", "ngày sinh", "date of birth"},
    {"cccd", "số căn cước công dân", "citizen ID number"},
    {"cccd_date", "ngày cấp căn cước", "ID issue date"},
    {"cccd_place", "nơi cấp căn cước", "ID issue place"},
    {"email", "thư điện tử công vụ", "official e-mail"},
    {"position", "chức vụ", "position"},
    {"manager_name", "người quản lý chứng thư số của cơ quan", "person managing the organization's certificate"},
    {"device", "loại thiết bị lưu khóa", "key-storage device type"},
    {"cert_serial", "số hiệu chứng thư số", "certificate serial number"},
    {"ground", "lý do", "ground"},
};

Hit missing(const char* field) {
  for (const auto& l : kLabels)
    if (std::string_view(l.field) == field) return {field, l.vi, l.en};
  return {field, field, field};
}

std::string value_of(const ValidationInput& in, std::string_view field) {
  const SubjectData& s = in.subject;
  if (field == "full_name") return s.full_name;
  if (field == "dob") return s.dob;
  if (field == "cccd") return s.cccd;
  if (field == "cccd_date") return s.cccd_date;
  if (field == "cccd_place") return s.cccd_place;
  if (field == "email") return s.email;
  if (field == "position") return s.position;
  if (field == "manager_name") return s.manager_name;
  if (field == "device") return s.device;
  if (field == "cert_serial") return in.cert_serial;
  if (field == "ground") return in.ground;
  return {};
}

// Completeness: the fields each form needs (Mẫu 01 individual, 02 organization, 04 renewal or
// change, 05 revocation, 06 device recovery; a mailbox needs the person's identity).
std::vector<const char*> required_fields(const ValidationInput& in) {
  const bool org = in.subject.kind == SubjectKind::organization;
  const std::vector<const char*> person{"full_name", "dob", "cccd", "cccd_date", "cccd_place", "email", "position"};
  const std::vector<const char*> organization{"full_name", "email", "manager_name"};
  std::vector<const char*> f = org ? organization : person;
  if (!in.type) return f;
  switch (*in.type) {
    case RT::new_cert: f.push_back("device"); return f;
    case RT::renew: return {"full_name", "cert_serial"};
    case RT::change_info: f.push_back("cert_serial"); f.push_back("ground"); return f;
    case RT::reissue: return {"full_name", "cert_serial", "ground", "device"};
    case RT::recover_device: return {"full_name", "cert_serial", "device"};
    case RT::revoke: return {"full_name", "cert_serial", "ground"};
    case RT::mailbox: return org ? std::vector<const char*>{"full_name"}
                                 : std::vector<const char*>{"full_name", "dob", "cccd", "position"};
  }
  return f;
}

Hits check_required(const ValidationInput& in, const RegistrySettings&) {
  Hits h;
  for (const char* f : required_fields(in))
    if (value_of(in, f).empty()) h.push_back(missing(f));
  return h;
}

bool all_digits(std::string_view v) {
  return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Nine digits: the number of an old identity card (CMND), which a certificate no longer takes.
bool is_old_id_card(std::string_view v) { return v.size() == 9 && all_digits(v); }

bool is_person(const ValidationInput& in) { return in.subject.kind == SubjectKind::individual; }

Hits check_cccd(const ValidationInput& in, const RegistrySettings&) {
  const std::string& v = in.subject.cccd;
  if (v.empty()) return {};
  const bool ok = v.size() == 12 && all_digits(v);
  if (ok || is_old_id_card(v)) return {};
  return {{"cccd", v, v}};
}

Hits check_old_id_card(const ValidationInput& in, const RegistrySettings&) {
  const std::string& v = in.subject.cccd;
  if (!is_old_id_card(v)) return {};
  return {{"cccd", v, v}};
}

Hits check_date_format(const ValidationInput& in, const RegistrySettings&) {
  Hits h;
  for (const auto& [field, value] : {std::pair{"dob", in.subject.dob}, std::pair{"cccd_date", in.subject.cccd_date}}) {
    if (!value.empty() && !parse_vn_date(value)) h.push_back({field, value, value});
  }
  return h;
}

std::chrono::sys_days today(const ValidationInput& in) { return WorkingCalendar::vn_date(in.now); }

Hits check_adult(const ValidationInput& in, const RegistrySettings&) {
  if (!is_person(in)) return {};
  auto dob = parse_vn_date(in.subject.dob);
  if (!dob) return {};
  const int age = age_on(*dob, today(in));
  if (age >= 18) return {};
  return {{"dob", std::to_string(age), std::to_string(age)}};
}

Hits check_issue_future(const ValidationInput& in, const RegistrySettings&) {
  auto d = parse_vn_date(in.subject.cccd_date);
  if (!d || *d <= today(in)) return {};
  return {{"cccd_date", in.subject.cccd_date, in.subject.cccd_date}};
}

Hits check_issue_before_birth(const ValidationInput& in, const RegistrySettings&) {
  auto d = parse_vn_date(in.subject.cccd_date);
  auto b = parse_vn_date(in.subject.dob);
  if (!d || !b || *d >= *b) return {};
  return {{"cccd_date", in.subject.cccd_date, in.subject.cccd_date}};
}

Hits check_issue_place(const ValidationInput& in, const RegistrySettings&) {
  const std::string& v = in.subject.cccd_place;
  if (v.empty() || issue_place_name(v)) return {};
  const std::string closest = text::join(closest_issue_places(v), "; ");
  return {{"cccd_place", "«" + v + "» — gần nhất: " + closest, "«" + v + "» — closest: " + closest}};
}

Hits check_email_syntax(const ValidationInput& in, const RegistrySettings&) {
  const std::string& v = in.subject.email;
  if (v.empty() || is_email_address(v)) return {};
  return {{"email", v, v}};
}

Hits check_phone(const ValidationInput& in, const RegistrySettings&) {
  const std::string& v = in.subject.phone;
  if (v.empty() || valid_vn_phone(v)) return {};
  return {{"phone", v, v}};
}

// Individuals and organization certificate managers use the province's official mailbox; a
// mailbox request for the same person (in the same batch) satisfies the rule.
Hits check_email_domain(const ValidationInput& in, const RegistrySettings& s) {
  const std::string& v = in.subject.email;
  if (v.empty() || !is_email_address(v) || email_in_domains(v, s.email_domains) || in.mailbox_requested) return {};
  return {{"email", v + " (" + email_domains_text(s.email_domains) + ")", v + " (" + email_domains_text(s.email_domains) + ")"}};
}

Hits check_mailbox_domain(const ValidationInput& in, const RegistrySettings& s) {
  if (in.mailbox.empty()) return {};
  if (is_email_address(in.mailbox) && email_in_domains(in.mailbox, s.email_domains)) return {};
  return {{"mailbox", in.mailbox + " (" + email_domains_text(s.email_domains) + ")", in.mailbox + " (" + email_domains_text(s.email_domains) + ")"}};
}

Hits check_device(const ValidationInput& in, const RegistrySettings&) {
  if (in.subject.device.empty() || known_device(in.subject.device)) return {};
  return {{"device", in.subject.device, in.subject.device}};
}

// Documents (SPEC §5): organization new: request letter + notarized seal registration or the
// superior's confirmation; individual new: request letter + appointment decision; the other
// forms: the request letter. A mailbox has no form.
Hits check_attachments(const ValidationInput& in, const RegistrySettings&) {
  Hits h;
  auto has = [&](const char* k) { return in.attachment_kinds.count(k) > 0; };
  if (!has("request_letter")) h.push_back({"attachments", "văn bản đề nghị (request_letter)", "request letter (request_letter)"});
  if (in.type == RT::new_cert) {
    if (in.subject.kind == SubjectKind::organization) {
      if (!has("seal_registration") && !has("superior_confirmation")) {
        h.push_back({"attachments",
                     "bản sao công chứng giấy chứng nhận đăng ký mẫu dấu (seal_registration) hoặc xác nhận của cơ quan "
                     "cấp trên (superior_confirmation)",
                     "notarized seal registration (seal_registration) or the superior's confirmation "
                     "(superior_confirmation)"});
      }
    } else if (!has("appointment_decision")) {
      h.push_back({"attachments", "bản sao công chứng quyết định bổ nhiệm (appointment_decision)",
                   "notarized appointment decision (appointment_decision)"});
    }
  }
  return h;
}

Hits check_state_body(const ValidationInput& in, const RegistrySettings&) {
  if (in.org_state_body) return {};
  return {{"organization", "", ""}};
}

int days_left(const HeldCertificate& c, TimePoint now) {
  return static_cast<int>(std::chrono::floor<std::chrono::days>(c.not_after - now).count());
}

const HeldCertificate* named(const ValidationInput& in) {
  for (const auto& c : in.held)
    if (c.serial == in.cert_serial) return &c;
  return nullptr;
}

std::string profile_for(const ValidationInput& in) {
  return in.subject.kind == SubjectKind::organization ? "organization" : "individual";
}

Hits check_already_certified(const ValidationInput& in, const RegistrySettings&) {
  for (const auto& c : in.held) {
    if (c.status == "valid" && c.not_after > in.now && c.profile == profile_for(in)) return {{"type", c.serial, c.serial}};
  }
  return {};
}

Hits check_certificate_held(const ValidationInput& in, const RegistrySettings&) {
  if (in.cert_serial.empty() || named(in) != nullptr) return {};
  return {{"cert_serial", in.cert_serial, in.cert_serial}};
}

Hits check_certificate_usable(const ValidationInput& in, const RegistrySettings&) {
  const HeldCertificate* c = named(in);
  if (c == nullptr) return {};
  if (c->status == "revoked") return {{"cert_serial", c->serial + " (đã thu hồi)", c->serial + " (revoked)"}};
  if (c->not_after <= in.now && in.type != RT::revoke) {
    return {{"cert_serial", c->serial + " (đã hết hạn)", c->serial + " (expired)"}};
  }
  return {};
}

Hits check_renewal_too_early(const ValidationInput& in, const RegistrySettings& s) {
  const HeldCertificate* c = named(in);
  if (c == nullptr || c->not_after <= in.now) return {};
  const int left = days_left(*c, in.now);
  if (left <= s.renewal_max_days_left) return {};
  return {{"cert_serial", std::to_string(left) + " > " + std::to_string(s.renewal_max_days_left),
           std::to_string(left) + " > " + std::to_string(s.renewal_max_days_left)}};
}

Hits check_renewal_too_late(const ValidationInput& in, const RegistrySettings& s) {
  const HeldCertificate* c = named(in);
  if (c == nullptr || c->not_after <= in.now) return {};
  const int left = days_left(*c, in.now);
  if (left >= s.renewal_min_days_left) return {};
  return {{"cert_serial", std::to_string(left) + " < " + std::to_string(s.renewal_min_days_left),
           std::to_string(left) + " < " + std::to_string(s.renewal_min_days_left)}};
}

Hits check_renewal_count(const ValidationInput& in, const RegistrySettings& s) {
  const HeldCertificate* c = named(in);
  if (c == nullptr || c->renewals < s.max_renewals) return {};
  return {{"cert_serial", std::to_string(s.max_renewals), std::to_string(s.max_renewals)}};
}

Hits check_open_requests(const ValidationInput& in, const RegistrySettings&) {
  if (in.cert_serial.empty() || in.other_open_requests_for_cert == 0) return {};
  return {{"cert_serial", in.cert_serial, in.cert_serial}};
}

bool needs_new_key(const ValidationInput& in) { return in.type == RT::new_cert || in.type == RT::reissue; }

Hits check_csr_required(const ValidationInput& in, const RegistrySettings&) {
  if (!needs_new_key(in) || !in.csr_pem.empty() || in.subject.device != "SOFT") return {};
  return {{"csr", "", ""}};
}

Hits check_device_key_pending(const ValidationInput& in, const RegistrySettings&) {
  if (!needs_new_key(in) || !in.csr_pem.empty() || in.subject.device == "SOFT" || in.subject.device.empty()) return {};
  return {{"csr", in.subject.device, in.subject.device}};
}

Hits check_csr(const ValidationInput& in, const RegistrySettings&) {
  if (in.csr_pem.empty()) return {};
  const auto* p = reinterpret_cast<const std::uint8_t*>(in.csr_pem.data());
  auto parsed = crypto::parse_csr(std::span<const std::uint8_t>(p, in.csr_pem.size()));
  if (parsed) return {};
  return {{"csr", parsed.error().message_vi, parsed.error().message_en}};
}

Hits check_ground(const ValidationInput& in, const RegistrySettings&) {
  if (in.ground.empty() || !in.type || reason_for_ground(*in.type, in.ground)) return {};
  const std::string known = grounds_of(*in.type);
  return {{"ground", in.ground + " (" + known + ")", in.ground + " (" + known + ")"}};
}

constexpr unsigned kPersonData = kSubjectRecord | bit(RT::new_cert) | bit(RT::change_info) | bit(RT::mailbox);
constexpr unsigned kIssuing = bit(RT::new_cert) | bit(RT::renew) | bit(RT::change_info) | bit(RT::reissue);
constexpr unsigned kNamesCert =
    bit(RT::renew) | bit(RT::change_info) | bit(RT::reissue) | bit(RT::recover_device) | bit(RT::revoke);

}  // namespace

const std::vector<Rule>& table() {
  static const std::vector<Rule> rules{
      {"required", "", Severity::error, "Thiếu thông tin bắt buộc: {0}", "Required information is missing: {0}",
       kAllRequests | kSubjectRecord, check_required},
      {"cccd_format", "cccd", Severity::error, "Số căn cước công dân phải gồm đúng 12 chữ số: {0}",
       "The citizen ID number must be exactly 12 digits: {0}", kPersonData, check_cccd},
      {"date_format", "dob", Severity::error, "Ngày phải viết dạng dd/MM/yyyy và có thật: {0}",
       "Dates must be written dd/MM/yyyy and exist: {0}", kPersonData, check_date_format},
      {"underage", "dob", Severity::error, "Người đề nghị phải đủ 18 tuổi (hiện {0} tuổi)",
       "The person must be at least 18 years old (now {0})", kPersonData, check_adult},
      {"cccd_date_future", "cccd_date", Severity::error, "Ngày cấp căn cước không được ở tương lai: {0}",
       "The ID issue date cannot be in the future: {0}", kPersonData, check_issue_future},
      {"cccd_date_before_birth", "cccd_date", Severity::error, "Ngày cấp căn cước không được trước ngày sinh: {0}",
       "The ID issue date cannot be before the date of birth: {0}", kPersonData, check_issue_before_birth},
      {"cmnd_old", "cccd", Severity::error,
       "Số {0} là số chứng minh nhân dân (CMND) 9 chữ số cũ: cần số căn cước công dân (CCCD) 12 chữ số",
       "{0} is an old 9-digit identity card (CMND) number: the 12-digit citizen ID (CCCD) is needed", kPersonData,
       check_old_id_card},
      {"cccd_place_unknown", "cccd_place", Severity::error,
       "Không nhận ra nơi cấp căn cước (tên cơ quan cấp như in trên thẻ, hoặc mã C06, DKQLCT, BCA, CA001…CA096): {0}",
       "The ID issue place is not recognized (the issuing authority as printed on the card, or a code C06, DKQLCT, "
       "BCA, CA001…CA096): {0}",
       kPersonData, check_issue_place},
      {"email_format", "email", Severity::error, "Địa chỉ thư điện tử không hợp lệ: {0}", "Invalid e-mail address: {0}",
       kPersonData, check_email_syntax},
      {"phone_format", "phone", Severity::error,
       "Số điện thoại không hợp lệ (10 số bắt đầu bằng 0, cố định 11 số, hoặc +84): {0}",
       "Invalid phone number (10 digits starting with 0, 11 for a landline, or +84): {0}", kPersonData, check_phone},
      {"email_domain", "email", Severity::error,
       "Phải dùng hòm thư công vụ của tỉnh, hoặc gửi kèm yêu cầu cấp hòm thư công vụ: {0}",
       "An official provincial mailbox is required, or a mailbox request alongside: {0}", kIssuing,
       check_email_domain},
      {"mailbox_domain", "mailbox", Severity::error, "Hòm thư công vụ phải thuộc tên miền của tỉnh: {0}",
       "The official mailbox must be in the province's domain: {0}", bit(RT::mailbox), check_mailbox_domain},
      {"device_unknown", "device", Severity::error, "Loại thiết bị phải là TOKEN, SIM, SOFT, RSSP hoặc HSM: {0}",
       "The device type must be TOKEN, SIM, SOFT, RSSP or HSM: {0}", kAllRequests | kSubjectRecord, check_device},
      {"attachment_missing", "attachments", Severity::error, "Thiếu tài liệu đính kèm: {0}",
       "A required document is missing: {0}", kAllRequests & ~bit(RT::mailbox), check_attachments},
      {"not_state_body", "organization", Severity::error,
       "Chỉ cơ quan, tổ chức nhà nước được cấp chứng thư số chuyên dùng{0}",
       "Only state bodies are eligible for these certificates{0}", kAllRequests & ~bit(RT::revoke),
       check_state_body},
      {"already_certified", "type", Severity::error,
       "Thuê bao đang có chứng thư số còn hiệu lực ({0}): hãy đề nghị gia hạn hoặc thay đổi nội dung",
       "The subscriber already holds a valid certificate ({0}): request a renewal or a change instead",
       bit(RT::new_cert), check_already_certified},
      {"certificate_not_held", "cert_serial", Severity::error, "Thuê bao không có chứng thư số số hiệu {0}",
       "The subscriber holds no certificate with serial {0}", kNamesCert, check_certificate_held},
      {"certificate_not_usable", "cert_serial", Severity::error, "Chứng thư số không còn dùng được: {0}",
       "The certificate can no longer be used: {0}", kNamesCert, check_certificate_usable},
      {"renewal_too_early", "cert_serial", Severity::error,
       "Chưa đến thời hạn gia hạn (số ngày còn lại > giới hạn: {0})",
       "Too early to renew (days left > limit: {0})", bit(RT::renew), check_renewal_too_early},
      {"renewal_too_late", "cert_serial", Severity::error,
       "Phải đề nghị gia hạn trước khi hết hạn đủ số ngày quy định (còn lại < tối thiểu: {0})",
       "A renewal must be requested with enough validity left (days left < minimum: {0})", bit(RT::renew),
       check_renewal_too_late},
      {"renewal_limit", "cert_serial", Severity::error, "Chứng thư số đã được gia hạn tối đa {0} lần",
       "The certificate has already been renewed the maximum of {0} time(s)", bit(RT::renew), check_renewal_count},
      {"open_request_exists", "cert_serial", Severity::error,
       "Đã có một yêu cầu khác đang xử lý cho chứng thư số {0}",
       "Another open request already names certificate {0}", kNamesCert, check_open_requests},
      {"csr_required", "csr", Severity::error, "Thiết bị SOFT cần tệp yêu cầu chứng thư (CSR) do thuê bao tạo{0}",
       "A SOFT device needs a certificate signing request (CSR) made by the subscriber{0}",
       bit(RT::new_cert) | bit(RT::reissue), check_csr_required},
      {"device_key_pending", "csr", Severity::warning,
       "Không có CSR: khóa sẽ được sinh trên thiết bị {0}; yêu cầu chờ chức năng thiết bị (PKCS#11) sau khi duyệt",
       "No CSR: the key will be generated on the {0} device; the request waits for device support (PKCS#11) "
       "after approval",
       bit(RT::new_cert) | bit(RT::reissue), check_device_key_pending},
      {"csr_invalid", "csr", Severity::error, "Tệp CSR không hợp lệ: {0}", "The CSR is invalid: {0}",
       bit(RT::new_cert) | bit(RT::reissue) | bit(RT::change_info), check_csr},
      {"ground_unknown", "ground", Severity::error, "Lý do không hợp lệ: {0}", "Unknown ground: {0}",
       bit(RT::revoke) | bit(RT::reissue) | bit(RT::change_info), check_ground},
  };
  return rules;
}

}  // namespace ct::registry::rules
