#pragma once
// Sign-in with a local account (SPEC §1, §8, §12): the login's argon2id hash is verified
// through the registry (libsodium), then, for ra_officer, ca_operator and admin, a TOTP code
// (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits, one step of clock drift either way, each
// code accepted once) checked with liboath, sent in the same request as the password.
//
// Every refusal looks the same (401, field "credentials", one message), whether the login does
// not exist, the password is wrong, the code is missing, wrong or reused, or the account is
// inactive: nothing tells a right password from a wrong one. Failures are throttled per
// address and per (login, address) (sign_in_throttle.h): a waiting key gets 429 with
// Retry-After before any hashing. At most `max_password_checks` argon2id hashes (64 MiB each)
// run at once; past that, 429 with Retry-After: 1.
// Successes are audited (auth.login), failures through the throttle's windows
// (auth.login_failed); the password and the code are never logged, audited or echoed, and an
// unknown login is audited as "anonymous" (people type passwords into the login field).

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "app/context.h"
#include "registry/actor.h"
#include "server/api_route.h"
#include "server/session.h"
#include "server/sign_in_throttle.h"

namespace ct::server {

struct SignInForm {
  std::string login;
  std::string password;
  std::string totp;     // "" when not given
  std::string address;  // the client's address (client_address.h)
};

struct SignInLimits {
  ThrottleSettings throttle;
  int max_password_checks = 0;  // server.max_password_checks; 0: one per core
  [[nodiscard]] static Result<SignInLimits> load(const Config& cfg);
};

struct SignedIn {
  registry::Actor actor;
  NewSession session;
};

// At most `max` holders at once: the argon2id checks of sign-in. A slot is released when the
// handle taken goes away; an empty handle means every slot is taken.
class Slots final {
 public:
  explicit Slots(int max) : max_(max) {}
  struct Release {
    void operator()(std::atomic<int>* n) const noexcept { n->fetch_sub(1); }
  };
  using Held = std::unique_ptr<std::atomic<int>, Release>;
  [[nodiscard]] Held take() {
    if (taken_.fetch_add(1) >= max_) {
      taken_.fetch_sub(1);
      return Held();
    }
    return Held(&taken_);
  }

 private:
  int max_;
  std::atomic<int> taken_{0};
};

class Authenticator final {
 public:
  // `totp_key` seals the TOTP secrets (app::Context::totp_key).
  Authenticator(app::Context& app, SessionStore& sessions, Bytes totp_key, const SignInLimits& limits);

  // 401 for wrong credentials (one answer whatever was wrong), 429 while the address or the
  // (login, address) pair must wait or too many passwords are being hashed.
  [[nodiscard]] tl::expected<SignedIn, Problem> sign_in(const SignInForm& form);

  [[nodiscard]] SignInThrottle& throttle() noexcept { return throttle_; }
  // One of the `max_password_checks` slots for an argon2id hash outside sign-in (setting a
  // password through an account link), or 429 naming `field` when all are taken.
  [[nodiscard]] tl::expected<Slots::Held, Problem> hashing_slot(const std::string& field);

 private:
  [[nodiscard]] tl::expected<SignedIn, Problem> check(const SignInForm& form);
  [[nodiscard]] Problem refuse(const SignInForm& form, const FailureSubject& who, const std::string& reason);

  app::Context& app_;
  SessionStore& sessions_;
  Bytes totp_key_;
  SignInThrottle throttle_;
  Slots hashing_;
};

}  // namespace ct::server
