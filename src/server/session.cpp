#include "server/session.h"

#include <array>

#include "common/hex.h"
#include "common/text.h"
#include "crypto/keys.h"

namespace ct::server {
Result<SessionSettings> SessionSettings::load(const Config& cfg) {
  SessionSettings s;
  auto idle = cfg.integer("server.session_idle_minutes", 30);
  auto max = cfg.integer("server.session_max_hours", 12);
  for (const auto* r : {&idle, &max}) {
    if (!*r) return fail(r->error());
  }
  if (*idle < 1 || *max < 1) {
    return fail(ErrorCode::invalid_input, "Các giá trị phiên đăng nhập trong [server] phải dương",
                "The session settings in [server] must be positive", "server");
  }
  s.idle = std::chrono::minutes(*idle);
  s.absolute = std::chrono::hours(*max);
  return s;
}

std::string session_cookie(const std::string& id, const SessionSettings& s, bool secure) {
  // RFC 6265 §4.1.2: HttpOnly keeps it from scripts; SameSite=Strict keeps it off cross-site
  // requests (with the CSRF token, a second defence); Secure only over TLS.
  std::string c = std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
  c += id.empty() ? "; Max-Age=0" : "; Max-Age=" + std::to_string(s.absolute.count());
  if (secure) c += "; Secure";
  return c;
}

std::string session_id_from_cookies(std::string_view header) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    const std::string pair = text::trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    if (text::trim(pair.substr(0, eq)) == kSessionCookie) {
      std::string value = text::trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return {};
}

std::string SessionStore::random_token() {
  std::array<std::uint8_t, 32> raw{};
  rng_.fill(raw);
  return to_hex(raw);
}

Status SessionStore::sweep() {
  const TimePoint now = clock_.now();
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2");
  if (!q) return fail(q.error());
  q->bind(1, to_unix(now)).bind(2, to_unix(now - settings_.idle));
  return q->run();
}

Result<NewSession> SessionStore::create(std::int64_t user_id) {
  NewSession out;
  out.id = random_token();
  const TimePoint now = clock_.now();
  out.session = Session{crypto::sha256_hex(out.id), user_id, random_token(), now, now, now + settings_.absolute};
  // Swept on each sign-in too: the table stays bounded by the live sessions plus one.
  if (auto s = sweep(); !s) return fail(s.error());
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, "
      "$5, $6)");
  if (!q) return fail(q.error());
  const Session& s = out.session;
  q->bind(1, s.id_hash).bind(2, s.user_id).bind(3, s.csrf_token).bind(4, to_unix(s.created_at));
  q->bind(5, to_unix(s.last_seen)).bind(6, to_unix(s.expires_at));
  if (auto r = q->run(); !r) return fail(r.error());
  return out;
}

Result<std::optional<Session>> SessionStore::find(std::string_view id) {
  if (id.empty() || id.size() > 128) return std::optional<Session>();
  const std::string hash = crypto::sha256_hex(id);
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(
      "SELECT user_id, csrf_token, created_at, last_seen, expires_at FROM sessions WHERE id_hash = $1");
  if (!q) return fail(q.error());
  q->bind(1, hash);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Session>();
  Session s{hash, q->get_int(0), q->get_text(1), from_unix(q->get_int(2)), from_unix(q->get_int(3)),
            from_unix(q->get_int(4))};
  if (auto r = q->run(); !r) return fail(r.error());
  const TimePoint now = clock_.now();
  if (now >= s.expires_at || now - s.last_seen >= settings_.idle) {
    if (auto e = end(id); !e) return fail(e.error());
    return std::optional<Session>();
  }
  // The idle timer is restarted at most once a minute: a read-mostly client does not write
  // on every request.
  if (now - s.last_seen >= std::chrono::minutes(1)) {
    auto touch = (*lease)->query("UPDATE sessions SET last_seen = $2 WHERE id_hash = $1");
    if (!touch) return fail(touch.error());
    touch->bind(1, hash).bind(2, to_unix(now));
    if (auto r = touch->run(); !r) return fail(r.error());
    s.last_seen = now;
  }
  return std::optional<Session>(std::move(s));
}

Status SessionStore::end(std::string_view id) {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("DELETE FROM sessions WHERE id_hash = $1");
  if (!q) return fail(q.error());
  q->bind(1, crypto::sha256_hex(id));
  return q->run();
}

Status SessionStore::end_all(std::int64_t user_id) {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("DELETE FROM sessions WHERE user_id = $1");
  if (!q) return fail(q.error());
  q->bind(1, user_id);
  return q->run();
}

}  // namespace ct::server
