#pragma once
// Repeated events audited by count, so that nobody fills the audit log by repeating a refused
// attempt (SPEC §8, §12): the first event of a key in a window is appended as it is; the next
// ones of that key in the same window are only counted; when the window is over (at the key's
// next event, or by close_windows()), the count is appended as one entry of the same actor,
// action and object, with details {"count", "window_start", "window_end", "counted": true}.
// Used for failed sign-ins (per login, or per address for logins that do not exist) and for
// access denials (per actor and action).

#include <chrono>
#include <string>

#include "audit/audit_log.h"

namespace ct::audit {

inline constexpr std::chrono::seconds kCountWindow{15 * 60};

// Inside the caller's transaction. Returns true when `e` was appended, false when counted.
[[nodiscard]] Result<bool> append_counted(store::Connection& c, const Clock& clock, const std::string& key,
                                          const AuditEvent& e, std::chrono::seconds window = kCountWindow);
// Appends the counts of the windows that are over and forgets them (own transaction). Returns
// how many count entries were appended.
[[nodiscard]] Result<std::int64_t> close_windows(store::Database& db, const Clock& clock);

}  // namespace ct::audit
