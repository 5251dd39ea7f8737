#include "registry/subject_data.h"

#include <array>

#include "common/text.h"
#include "registry/form_dates.h"
#include "registry/issue_places.h"
#include "registry/text_fields.h"
#include "registry/validation.h"

namespace ct::registry {

const char* to_string(SubjectKind k) noexcept { return k == SubjectKind::organization ? "organization" : "individual"; }

Result<SubjectKind> parse_subject_kind(std::string_view s) {
  if (s == "individual") return SubjectKind::individual;
  if (s == "organization") return SubjectKind::organization;
  return fail(ErrorCode::invalid_input, "Loại thuê bao phải là individual hoặc organization: " + std::string(s),
              "The subscriber kind must be individual or organization: " + std::string(s), "kind");
}

const std::array<std::string_view, 5>& device_kinds() noexcept {
  static constexpr std::array<std::string_view, 5> kDevices{"TOKEN", "SIM", "SOFT", "RSSP", "HSM"};
  return kDevices;
}

bool known_device(std::string_view d) noexcept {
  for (auto k : device_kinds())
    if (d == k) return true;
  return false;
}

nlohmann::json to_json(const SubjectData& s) {
  return nlohmann::json{{"kind", to_string(s.kind)}, {"full_name", s.full_name}, {"dob", s.dob},
                        {"cccd", s.cccd},            {"cccd_date", s.cccd_date}, {"cccd_place", s.cccd_place},
                        {"email", s.email},          {"position", s.position},   {"phone", s.phone},
                        {"carrier", s.carrier},      {"manager_name", s.manager_name}, {"device", s.device}};
}

SubjectData subject_from_json(const nlohmann::json& j) {
  SubjectData s;
  if (!j.is_object()) return s;
  auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
  s.kind = str("kind") == "organization" ? SubjectKind::organization : SubjectKind::individual;
  s.full_name = str("full_name");
  s.dob = str("dob");
  s.cccd = str("cccd");
  s.cccd_date = str("cccd_date");
  s.cccd_place = str("cccd_place");
  s.email = str("email");
  s.position = str("position");
  s.phone = str("phone");
  s.carrier = str("carrier");
  s.manager_name = str("manager_name");
  s.device = str("device");
  return s;
}

namespace {

// "027 085 000 001" and "027.085.000.001" as the twelve digits; anything with other characters
// stays as written.
std::string without_separators(const std::string& id) {
  std::string digits;
  for (char c : id) {
    if (c == ' ' || c == '.' || c == '-') continue;
    if (c < '0' || c > '9') return id;
    digits.push_back(c);
  }
  return digits;
}

}  // namespace

Result<SubjectData> normalized(SubjectData s) {
  struct Field {
    std::string* value;
    const char* name;
    std::size_t max;
  };
  for (const Field& f : {Field{&s.full_name, "full_name", 64}, Field{&s.dob, "dob", 32}, Field{&s.cccd, "cccd", 32},
                         Field{&s.cccd_date, "cccd_date", 32}, Field{&s.cccd_place, "cccd_place", 128},
                         Field{&s.email, "email", 128}, Field{&s.position, "position", 128},
                         Field{&s.phone, "phone", 32}, Field{&s.carrier, "carrier", 32},
                         Field{&s.manager_name, "manager_name", 64}, Field{&s.device, "device", 16}}) {
    auto v = clean_text(*f.value, f.name, f.max, false);
    if (!v) return fail(v.error());
    *f.value = std::move(*v);
  }
  s.email = text::ascii_lower(s.email);
  s.device = text::upper(s.device);
  if (s.device.empty()) s.device = "TOKEN";
  // The values as people write them, in the form the forms use; anything not understood stays
  // as written for the validation policy to report.
  if (auto code = issue_place_code(s.cccd_place)) s.cccd_place = *code;
  for (std::string* date : {&s.dob, &s.cccd_date})
    if (auto d = parse_written_date(*date)) *date = format_vn_date(*d);
  if (auto phone = canonical_vn_phone(s.phone)) s.phone = *phone;
  s.cccd = without_separators(s.cccd);
  return s;
}

}  // namespace ct::registry
