#pragma once
// The rule table behind validate() (internal to the registry).

#include <string>
#include <string_view>
#include <vector>

#include "registry/validation.h"

namespace ct::registry::rules {

// One finding's field and the values substituted for {0} in the rule's messages.
struct Hit {
  std::string field;
  std::string vi;
  std::string en;
};

using Check = std::vector<Hit> (*)(const ValidationInput&, const RegistrySettings&);

struct Rule {
  std::string_view code;
  std::string_view field;
  Severity severity;
  std::string_view message_vi;  // "{0}" is replaced by Hit::vi
  std::string_view message_en;  // "{0}" is replaced by Hit::en
  unsigned applies;             // bit per RequestType, kSubjectRecord for a subscriber record
  Check check;
};

inline constexpr unsigned kSubjectRecord = 1U << 7;
[[nodiscard]] constexpr unsigned bit(RequestType t) { return 1U << static_cast<unsigned>(t); }
inline constexpr unsigned kAllRequests = (1U << 7) - 1;

[[nodiscard]] const std::vector<Rule>& table();

}  // namespace ct::registry::rules
