#pragma once
// Throttling of failed sign-ins (SPEC §12), instead of a lockout any stranger could trigger.
//
// Failures are counted per client address and per (login, address). Past `free_failures` for
// a (login, address) pair, or `address_free_failures` for an address, each further failure
// makes that key wait 1, 2, 4, … seconds, up to `max_delay`, before the next attempt is even
// looked at: while it waits, an attempt is answered at once with 429 and Retry-After, with no
// password hashing. A correct password and code from another address is never delayed by
// someone else's failures; a success clears its (login, address) count. Counts are forgotten a
// day after the last failure (sweep()).
//
// The audit stays readable under attack (audit/audit_windows.h): the first failure of a login
// (or, for logins that do not exist, of an address) in a 15-minute window is audited with its
// reason; the rest of the window's failures and throttled attempts are counted and audited as
// one entry with the count when the window is over (at the next failure, or by sweep()).
//
// Only SHA-256 digests of logins and addresses are stored (people type passwords into the login
// field). Kept in the store, so every node of an installation sees the same counts.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/config.h"
#include "common/error.h"
#include "store/database.h"

namespace ct::server {

struct ThrottleSettings {
  int free_failures = 5;            // server.sign_in_free_failures: per (login, address)
  int address_free_failures = 50;   // server.sign_in_address_free_failures: per address
  std::chrono::seconds max_delay{15 * 60};  // server.sign_in_max_delay_seconds
  [[nodiscard]] static Result<ThrottleSettings> load(const Config& cfg);
};

inline constexpr std::chrono::hours kSignInForgetAfter{24};

// Who a failure is about, for the audit: a known login (its name and organization), or
// "anonymous" for a login that does not exist.
struct FailureSubject {
  bool known = false;
  std::string login;                  // only when known
  std::optional<std::int64_t> org_id;
};

class SignInThrottle final {
 public:
  SignInThrottle(store::Database& db, const Clock& clock, ThrottleSettings settings)
      : db_(db), clock_(clock), settings_(settings) {}

  // How long a sign-in of `login` from `address` must still wait, or nullopt when it may be tried.
  [[nodiscard]] Result<std::optional<std::chrono::seconds>> wait(std::string_view login, std::string_view address);
  // Counts a failed attempt (with its reason, audited when it is the window's first).
  [[nodiscard]] Status failed(std::string_view login, std::string_view address, const FailureSubject& who,
                              const std::string& reason);
  // Counts an attempt refused because it came while waiting (audited only in the window's count).
  [[nodiscard]] Status throttled(std::string_view login, std::string_view address, const FailureSubject& who);
  [[nodiscard]] Status succeeded(std::string_view login, std::string_view address);
  // Audits the counts of every audit window that is over (audit::close_windows: the denials'
  // too) and forgets failure counts a day old.
  [[nodiscard]] Status sweep();

 private:
  [[nodiscard]] Status count(std::string_view login, std::string_view address, const FailureSubject& who,
                             const std::string& reason, bool throttle_keys);
  store::Database& db_;
  const Clock& clock_;
  ThrottleSettings settings_;
};

}  // namespace ct::server
