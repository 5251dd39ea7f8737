#pragma once
// The validation policy (SPEC §5) as data: one rule per entry with its field, code, severity,
// bilingual message and check. Rules run when a subscriber or request is saved, on submit, on
// approve and on import; errors block submission and approval, warnings inform.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "registry/registry_settings.h"
#include "registry/request_types.h"
#include "registry/subject_data.h"

namespace ct::registry {

enum class Severity { error, warning };
[[nodiscard]] const char* to_string(Severity s) noexcept;

struct Finding {
  std::string field;
  std::string code;
  Severity severity = Severity::error;
  std::string message_vi;
  std::string message_en;
  bool operator==(const Finding&) const = default;
};
[[nodiscard]] nlohmann::json to_json(const Finding& f);
[[nodiscard]] nlohmann::json to_json(const std::vector<Finding>& fs);
[[nodiscard]] std::vector<Finding> findings_from_json(const nlohmann::json& j);
[[nodiscard]] bool has_errors(const std::vector<Finding>& fs) noexcept;
// "field: vi / en" lines, errors first.
[[nodiscard]] std::string describe(const std::vector<Finding>& fs);

// A certificate the subscriber holds, as the consistency rules need it.
struct HeldCertificate {
  std::string serial;
  std::string profile;
  std::string status;       // valid | revoked | hold
  TimePoint not_after;
  int renewals = 0;         // earlier certificates of the same key (0 for an original)
};

// Everything the rules look at; gathered from the store by the caller (validation_input.h),
// so the rules themselves are pure.
struct ValidationInput {
  std::optional<RequestType> type;  // nullopt: the subscriber record alone
  SubjectData subject;
  bool org_state_body = true;
  std::string cert_serial;
  std::string ground;
  std::string csr_pem;
  std::string mailbox;
  std::set<std::string> attachment_kinds;
  std::vector<HeldCertificate> held;
  int other_open_requests_for_cert = 0;
  bool mailbox_requested = false;   // an open or completed mailbox request for the same person
                                    // (in the same batch once batched)
  TimePoint now;
};

struct RuleInfo {
  std::string_view code;
  std::string_view field;
  Severity severity;
};
// The rules, for documentation and tests.
[[nodiscard]] std::vector<RuleInfo> validation_rules();

[[nodiscard]] std::vector<Finding> validate(const ValidationInput& in, const RegistrySettings& settings);

// Formats shared with other checks.
[[nodiscard]] bool valid_vn_phone(std::string_view phone);
// A phone number as it is stored: its digits, "+84" written as "0" ("+84 912.345.678" →
// "0912345678"); nullopt when it is not a Vietnamese mobile (10 digits) or landline (11) number.
[[nodiscard]] std::optional<std::string> canonical_vn_phone(std::string_view phone);
[[nodiscard]] bool email_in_domains(std::string_view email, const std::vector<std::string>& domains);
// "@a.gov.vn, @b.gov.vn": the domains as the messages name them.
[[nodiscard]] std::string email_domains_text(const std::vector<std::string>& domains);

}  // namespace ct::registry
