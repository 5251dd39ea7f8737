// The HTTP service's tables (versions 50–59). Never edit a released migration; add a new one.
#include "store/migrations.h"

namespace ct::store {

// sessions: signed-in browsers and scripts. Only the SHA-256 of a session id is kept (a copy of
// the store does not let anyone act as a user); `expires_at` is the absolute end, `last_seen`
// drives the idle timeout; `csrf_token` is the per-session token every state-changing request
// repeats in X-CSRF-Token.
// login_failures (50, dropped by 51): the lockout per login that any stranger could trigger.
// user_totp: the sealed TOTP secret of a user (registry/user_credentials.h) and the last time
// step whose code was accepted (a code is used once, RFC 6238 §5.2).
// sign_in_throttle (51): failed sign-ins per client address and per (login, address), keyed by
// SHA-256 digests, and until when the key must wait (server/sign_in_throttle.h).
std::vector<Migration> server_migrations() {
  return {
      {50, "sessions, sign-in lockout, TOTP secrets", R"SQL(
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE TABLE login_failures (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_failure BIGINT NOT NULL
);
CREATE TABLE user_totp (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  secret_box TEXT NOT NULL,
  last_step BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
)SQL"},
      {51, "sign-in throttling per address instead of a lockout per login", R"SQL(
DROP TABLE login_failures;
CREATE TABLE sign_in_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  wait_until BIGINT NOT NULL,
  last_failure BIGINT NOT NULL
);
CREATE INDEX sign_in_throttle_last ON sign_in_throttle (last_failure);
)SQL"},
  };
}

}  // namespace ct::store
