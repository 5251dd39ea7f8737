#pragma once
// The person or organization a certificate is for, as the official forms record it
// (Decree 68/2024/NĐ-CP Mẫu 01/02; the national 19-column sheet). Stored as typed text exactly
// as entered (NFC): the validation policy judges it, so a form can be saved with findings.

#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace ct::registry {

enum class SubjectKind { individual, organization };
[[nodiscard]] const char* to_string(SubjectKind k) noexcept;
[[nodiscard]] Result<SubjectKind> parse_subject_kind(std::string_view s);

// Key-storage devices (SPEC §2).
[[nodiscard]] bool known_device(std::string_view d) noexcept;  // TOKEN, SIM, SOFT, RSSP, HSM
[[nodiscard]] const std::array<std::string_view, 5>& device_kinds() noexcept;

struct SubjectData {
  SubjectKind kind = SubjectKind::individual;
  std::string full_name;     // person, or the organization's name
  std::string dob;           // dd/MM/yyyy
  std::string cccd;          // 12 digits
  std::string cccd_date;     // dd/MM/yyyy
  std::string cccd_place;    // authority code (issue_places.h)
  std::string email;         // official e-mail (lower case)
  std::string position;
  std::string phone;
  std::string carrier;       // mobile carrier, for SIM
  std::string manager_name;  // organization subscriber: the person who manages its certificate
  std::string device = "TOKEN";

  bool operator==(const SubjectData&) const = default;
};

[[nodiscard]] nlohmann::json to_json(const SubjectData& s);
[[nodiscard]] SubjectData subject_from_json(const nlohmann::json& j);
// NFC, trimmed, e-mail lower-cased, device upper-cased (ICU); refuses invalid UTF-8, control
// characters and over-long values (invalid_input naming the field). The values people write
// are brought to the forms' format when they are understood: the issue place to its authority
// code (issue_places.h), dates to dd/MM/yyyy (parse_written_date), the phone to its digits, the
// CCCD without spaces or dots. Anything else stays as written: formats are the validation
// policy's business.
[[nodiscard]] Result<SubjectData> normalized(SubjectData s);

}  // namespace ct::registry
