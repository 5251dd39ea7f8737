#pragma once
// Sessions of signed-in users, kept in the store so several `chungthu serve` processes share
// them. The session id is 256 random bits sent to the browser once, as a cookie (RFC 6265
// §4.1: HttpOnly, SameSite=Strict, Secure under TLS, Path=/); the store keeps only its SHA-256,
// so neither a copy of the database nor a log line lets anyone act as the user. A session ends
// after `idle` without use or `absolute` after sign-in, whichever comes first. Each session has
// its own CSRF token, repeated by the client in X-CSRF-Token on every state-changing request.
// Failed sign-ins are throttled by sign_in_throttle.h.
//
// Thread-safe (the store is); the clock and randomness are injected.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/config.h"
#include "common/error.h"
#include "common/rng.h"
#include "store/database.h"

namespace ct::server {

struct SessionSettings {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 3600};

  // server.session_idle_minutes, server.session_max_hours.
  [[nodiscard]] static Result<SessionSettings> load(const Config& cfg);
};

inline constexpr const char* kSessionCookie = "chungthu_session";

struct Session {
  std::string id_hash;     // hex SHA-256 of the id
  std::int64_t user_id = 0;
  std::string csrf_token;
  TimePoint created_at;
  TimePoint last_seen;
  TimePoint expires_at;
};

struct NewSession {
  std::string id;  // the cookie value: shown to the client once, never stored or logged
  Session session;
};

// The Set-Cookie value for `id` (empty id: one that deletes the cookie).
[[nodiscard]] std::string session_cookie(const std::string& id, const SessionSettings& s, bool secure);
// The session id in a Cookie header (RFC 6265 §5.4), or "".
[[nodiscard]] std::string session_id_from_cookies(std::string_view cookie_header);

class SessionStore final {
 public:
  SessionStore(store::Database& db, const Clock& clock, Rng& rng, SessionSettings settings)
      : db_(db), clock_(clock), rng_(rng), settings_(settings) {}

  [[nodiscard]] const SessionSettings& settings() const noexcept { return settings_; }

  [[nodiscard]] Result<NewSession> create(std::int64_t user_id);
  // Deletes the sessions past their end or idle too long (the `sessions` job of serve, and
  // every sign-in).
  [[nodiscard]] Status sweep();
  // The live session of `id`, its idle timer restarted; nullopt when unknown, idle too long or
  // past its absolute end (an ended session is deleted).
  [[nodiscard]] Result<std::optional<Session>> find(std::string_view id);
  [[nodiscard]] Status end(std::string_view id);
  // Ends every session of a user (password change, deactivation).
  [[nodiscard]] Status end_all(std::int64_t user_id);

 private:
  [[nodiscard]] std::string random_token();
  store::Database& db_;
  const Clock& clock_;
  Rng& rng_;
  SessionSettings settings_;
};

}  // namespace ct::server
