#pragma once
// Sign-in with a local account (SPEC §1, §8, §12): the login's argon2id hash is verified
// through the registry (libsodium), then, for ra_officer, ca_operator and admin, a TOTP code
// (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits, one step of clock drift either way, each
// code accepted once) checked with liboath. Repeated failures lock the login (session.h).
// Every attempt is audited (auth.login / auth.login_failed / auth.locked); the password and
// the code are never logged, audited or echoed, and an unknown login is audited as "anonymous"
// (people type passwords into the login field).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "app/context.h"
#include "registry/actor.h"
#include "server/api_route.h"
#include "server/session.h"

namespace ct::server {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr std::size_t kTotpWindow = 1;

// The time step (RFC 6238 §4.2, T0 = 0) of a valid `code` for `secret` at `now`, or nullopt.
[[nodiscard]] std::optional<std::int64_t> totp_step(std::span<const std::uint8_t> secret, std::string_view code,
                                                    TimePoint now);
// The code of `secret` at `now` (tests and tools).
[[nodiscard]] std::string totp_code(std::span<const std::uint8_t> secret, TimePoint now);

struct SignInForm {
  std::string login;
  std::string password;
  std::string totp;  // "" when not given
};

struct SignedIn {
  registry::Actor actor;
  NewSession session;
};

class Authenticator final {
 public:
  // `totp_key` seals the TOTP secrets (app::Context::totp_key).
  Authenticator(app::Context& app, SessionStore& sessions, Bytes totp_key)
      : app_(app), sessions_(sessions), totp_key_(std::move(totp_key)) {}

  // 401 for wrong credentials (one message whatever was wrong), 429 while locked out.
  [[nodiscard]] tl::expected<SignedIn, Problem> sign_in(const SignInForm& form);

 private:
  [[nodiscard]] Problem refuse(const std::string& login, const std::string& reason, std::optional<std::int64_t> org,
                               bool known);
  void audit(const std::string& actor, const std::string& action, const std::string& object_id,
             std::optional<std::int64_t> org, const std::string& outcome, const std::string& reason);

  app::Context& app_;
  SessionStore& sessions_;
  Bytes totp_key_;
};

}  // namespace ct::server
