#include "registry/validation.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "registry/validation_rules.h"

namespace ct::registry {
namespace {

std::string substitute(std::string_view templ, const std::string& value) {
  std::string out(templ);
  if (auto pos = out.find("{0}"); pos != std::string::npos) out.replace(pos, 3, value);
  return out;
}

}  // namespace

const char* to_string(Severity s) noexcept { return s == Severity::error ? "error" : "warning"; }

nlohmann::json to_json(const Finding& f) {
  return nlohmann::json{{"field", f.field}, {"code", f.code}, {"severity", to_string(f.severity)},
                        {"message_vi", f.message_vi}, {"message_en", f.message_en}};
}

nlohmann::json to_json(const std::vector<Finding>& fs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fs) out.push_back(to_json(f));
  return out;
}

std::vector<Finding> findings_from_json(const nlohmann::json& j) {
  std::vector<Finding> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    Finding f;
    f.field = e.value("field", "");
    f.code = e.value("code", "");
    f.severity = e.value("severity", "error") == "warning" ? Severity::warning : Severity::error;
    f.message_vi = e.value("message_vi", "");
    f.message_en = e.value("message_en", "");
    out.push_back(std::move(f));
  }
  return out;
}

bool has_errors(const std::vector<Finding>& fs) noexcept {
  return std::any_of(fs.begin(), fs.end(), [](const Finding& f) { return f.severity == Severity::error; });
}

std::string describe(const std::vector<Finding>& fs) {
  std::string out;
  for (Severity s : {Severity::error, Severity::warning}) {
    for (const auto& f : fs) {
      if (f.severity != s) continue;
      out += std::string(s == Severity::error ? "  [lỗi/error] " : "  [lưu ý/warning] ") + f.field + " (" + f.code +
             "): " + f.message_vi + " / " + f.message_en + "\n";
    }
  }
  return out;
}

std::vector<RuleInfo> validation_rules() {
  std::vector<RuleInfo> out;
  for (const auto& r : rules::table()) out.push_back({r.code, r.field, r.severity});
  return out;
}

std::vector<Finding> validate(const ValidationInput& in, const RegistrySettings& settings) {
  const unsigned mask = in.type ? rules::bit(*in.type) : rules::kSubjectRecord;
  std::vector<Finding> out;
  for (const auto& rule : rules::table()) {
    if ((rule.applies & mask) == 0) continue;
    for (const auto& hit : rule.check(in, settings)) {
      out.push_back(Finding{hit.field.empty() ? std::string(rule.field) : hit.field, std::string(rule.code),
                            rule.severity, substitute(rule.message_vi, hit.vi), substitute(rule.message_en, hit.en)});
    }
  }
  return out;
}

// Vietnamese numbers: mobile 0 + 9 digits (03x, 05x, 07x, 08x, 09x), landline 0 + 2xx area code
// + 7–8 digits (11 digits in all since 2017); "+84" may replace the leading 0. Spaces, dots and
// dashes between digits are ignored.
std::optional<std::string> canonical_vn_phone(std::string_view phone) {
  std::string digits;
  std::size_t i = 0;
  if (phone.substr(0, 3) == "+84") {
    digits = "0";
    i = 3;
  }
  for (; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c == ' ' || c == '.' || c == '-') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() < 2 || digits[0] != '0') return std::nullopt;
  const char second = digits[1];
  const bool mobile = second == '3' || second == '5' || second == '7' || second == '8' || second == '9';
  if ((digits.size() == 10 && mobile) || (digits.size() == 11 && second == '2')) return digits;
  return std::nullopt;
}

bool valid_vn_phone(std::string_view phone) { return canonical_vn_phone(phone).has_value(); }

bool email_in_domains(std::string_view email, const std::vector<std::string>& domains) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string domain = text::ascii_lower(email.substr(at + 1));
  return std::find(domains.begin(), domains.end(), domain) != domains.end();
}

std::string email_domains_text(const std::vector<std::string>& domains) {
  std::string out;
  for (const auto& d : domains) out += (out.empty() ? "@" : ", @") + d;
  return out;
}

}  // namespace ct::registry
