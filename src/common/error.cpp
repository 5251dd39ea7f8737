#include "common/error.h"

namespace ct {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::integrity: return "integrity";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string Error::describe() const {
  std::string out = message_vi;
  if (!message_en.empty() && message_en != message_vi) {
    out += " / ";
    out += message_en;
  }
  if (!context.empty()) {
    out += " (";
    out += context;
    out += ")";
  }
  return out;
}

Error Error::within(const std::string& outer) const {
  Error e = *this;
  e.context = context.empty() ? outer : outer + ": " + context;
  return e;
}

}  // namespace ct
