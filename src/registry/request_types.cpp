#include "registry/request_types.h"

#include <array>

#include "common/text.h"

namespace ct::registry {
namespace {

struct TypeInfo {
  RequestType type;
  const char* code;
  const char* vi;
  const char* en;
};
constexpr std::array kTypes{
    TypeInfo{RequestType::new_cert, "new", "cấp mới", "new certificate"},
    TypeInfo{RequestType::renew, "renew", "gia hạn", "renewal"},
    TypeInfo{RequestType::change_info, "change_info", "thay đổi nội dung", "change of content"},
    TypeInfo{RequestType::reissue, "reissue", "cấp lại", "re-issue"},
    TypeInfo{RequestType::recover_device, "recover_device", "khôi phục thiết bị lưu khóa bí mật", "token recovery"},
    TypeInfo{RequestType::revoke, "revoke", "thu hồi", "revocation"},
    TypeInfo{RequestType::mailbox, "mailbox", "cấp mới hòm thư công vụ", "new official mailbox"},
};

constexpr std::array<std::pair<RequestState, const char*>, 9> kStates{{
    {RequestState::draft, "draft"},
    {RequestState::submitted, "submitted"},
    {RequestState::forwarded, "forwarded"},
    {RequestState::approved, "approved"},
    {RequestState::completed, "completed"},
    {RequestState::returned, "returned"},
    {RequestState::rejected, "rejected"},
    {RequestState::cancelled, "cancelled"},
    {RequestState::failed, "failed"},
}};

struct Ground {
  RequestType type;
  const char* code;
  crypto::CrlReason reason;
};
constexpr std::array kGrounds{
    Ground{RequestType::revoke, "retirement", crypto::CrlReason::cessation_of_operation},
    Ground{RequestType::revoke, "resignation", crypto::CrlReason::cessation_of_operation},
    Ground{RequestType::revoke, "death", crypto::CrlReason::cessation_of_operation},
    Ground{RequestType::revoke, "dissolution", crypto::CrlReason::cessation_of_operation},
    Ground{RequestType::revoke, "job_change", crypto::CrlReason::affiliation_changed},
    Ground{RequestType::revoke, "branch_change", crypto::CrlReason::affiliation_changed},
    Ground{RequestType::revoke, "key_exposed", crypto::CrlReason::key_compromise},
    Ground{RequestType::revoke, "device_lost", crypto::CrlReason::key_compromise},
    Ground{RequestType::revoke, "dismissal", crypto::CrlReason::privilege_withdrawn},
    Ground{RequestType::reissue, "lost", crypto::CrlReason::key_compromise},
    Ground{RequestType::reissue, "damaged", crypto::CrlReason::superseded},
    Ground{RequestType::change_info, "org_change", crypto::CrlReason::affiliation_changed},
    Ground{RequestType::change_info, "info_change", crypto::CrlReason::superseded},
};

std::vector<std::string> ground_codes(RequestType t) {
  std::vector<std::string> out;
  for (const auto& g : kGrounds)
    if (g.type == t) out.emplace_back(g.code);
  return out;
}

}  // namespace

const char* to_string(RequestType t) noexcept {
  for (const auto& i : kTypes)
    if (i.type == t) return i.code;
  return "new";
}

const char* label_vi(RequestType t) noexcept {
  for (const auto& i : kTypes)
    if (i.type == t) return i.vi;
  return "";
}

const char* label_en(RequestType t) noexcept {
  for (const auto& i : kTypes)
    if (i.type == t) return i.en;
  return "";
}

Result<RequestType> parse_request_type(std::string_view s) {
  for (const auto& i : kTypes)
    if (s == i.code) return i.type;
  return fail(ErrorCode::invalid_input,
              "Loại yêu cầu không hợp lệ: " + std::string(s) +
                  " (new, renew, change_info, reissue, recover_device, revoke, mailbox)",
              "Unknown request type: " + std::string(s) +
                  " (new, renew, change_info, reissue, recover_device, revoke, mailbox)",
              "type");
}

std::string form_of(RequestType t, bool organization) {
  switch (t) {
    case RequestType::new_cert:
    case RequestType::reissue: return organization ? "Mẫu 02" : "Mẫu 01";
    case RequestType::renew:
    case RequestType::change_info: return "Mẫu 04";
    case RequestType::revoke: return "Mẫu 05";
    case RequestType::recover_device: return "Mẫu 06";
    case RequestType::mailbox: return "";
  }
  return "";
}

bool names_certificate(RequestType t) noexcept {
  return t == RequestType::renew || t == RequestType::change_info || t == RequestType::reissue ||
         t == RequestType::recover_device || t == RequestType::revoke;
}

const char* to_string(RequestState s) noexcept {
  for (const auto& [state, name] : kStates)
    if (state == s) return name;
  return "draft";
}

Result<RequestState> parse_request_state(std::string_view s) {
  for (const auto& [state, name] : kStates)
    if (s == name) return state;
  const std::string states = text::join(request_state_codes(), ", ");
  return fail(ErrorCode::invalid_input, "Trạng thái không hợp lệ: " + std::string(s) + " (" + states + ")",
              "Unknown state: " + std::string(s) + " (" + states + ")", "state");
}

bool is_final(RequestState s) noexcept {
  return s == RequestState::completed || s == RequestState::rejected || s == RequestState::cancelled;
}

std::optional<crypto::CrlReason> reason_for_ground(RequestType t, std::string_view ground) {
  for (const auto& g : kGrounds)
    if (g.type == t && ground == g.code) return g.reason;
  return std::nullopt;
}

std::string grounds_of(RequestType t) { return text::join(ground_codes(t), ", "); }

std::vector<std::string> request_type_codes() {
  std::vector<std::string> out;
  out.reserve(kTypes.size());
  for (const auto& t : kTypes) out.emplace_back(t.code);
  return out;
}

std::vector<std::string> request_state_codes() {
  std::vector<std::string> out;
  out.reserve(kStates.size());
  for (const auto& [state, name] : kStates) out.emplace_back(name);
  return out;
}

std::string grounds_help() {
  std::string out;
  for (const auto& t : kTypes) {
    const auto codes = ground_codes(t.type);
    if (codes.empty()) continue;
    if (!out.empty()) out += "; ";
    out += std::string(t.code) + ": " + text::join(codes, "|");
  }
  return out;
}

std::string types_naming_certificate() {
  std::vector<std::string> codes;
  for (const auto& t : kTypes)
    if (names_certificate(t.type)) codes.emplace_back(t.code);
  return text::join(codes, ", ");
}

}  // namespace ct::registry
