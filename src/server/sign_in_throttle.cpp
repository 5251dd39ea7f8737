#include "server/sign_in_throttle.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "audit/audit_windows.h"
#include "crypto/keys.h"
#include "server/session.h"

namespace ct::server {
namespace {

std::string pair_key(std::string_view login, std::string_view address) {
  return "la:" + crypto::sha256_hex(std::string(login) + "\n" + std::string(address));
}
std::string address_key(std::string_view address) { return "a:" + crypto::sha256_hex(address); }
// The audit window of a known login is the login's; failures of logins that do not exist are
// gathered by address, so trying many made-up names does not write an entry per name.
std::string window_key(std::string_view login, std::string_view address, const FailureSubject& who) {
  return who.known ? "sign-in:u:" + crypto::sha256_hex(login) : "sign-in:x:" + crypto::sha256_hex(address);
}

std::chrono::seconds delay_after(std::int64_t failures, int free, std::chrono::seconds max) {
  if (failures <= free) return std::chrono::seconds(0);
  const std::int64_t past = std::min<std::int64_t>(failures - free - 1, 30);
  return std::min(max, std::chrono::seconds(std::int64_t{1} << past));
}

}  // namespace

Result<ThrottleSettings> ThrottleSettings::load(const Config& cfg) {
  auto free = cfg.integer("server.sign_in_free_failures", 5);
  auto address_free = cfg.integer("server.sign_in_address_free_failures", 50);
  auto max = cfg.integer("server.sign_in_max_delay_seconds", 900);
  for (const auto* r : {&free, &address_free, &max}) {
    if (!*r) return fail(r->error());
  }
  if (*free < 1 || *address_free < 1 || *max < 1 || *free > 1000 || *address_free > 100000 || *max > 86400) {
    return fail(ErrorCode::invalid_input,
                "server.sign_in_free_failures, server.sign_in_address_free_failures, "
                "server.sign_in_max_delay_seconds phải dương (tối đa 1000, 100000, 86400)",
                "server.sign_in_free_failures, server.sign_in_address_free_failures, "
                "server.sign_in_max_delay_seconds must be positive (at most 1000, 100000, 86400)",
                "server");
  }
  ThrottleSettings s;
  s.free_failures = static_cast<int>(*free);
  s.address_free_failures = static_cast<int>(*address_free);
  s.max_delay = std::chrono::seconds(*max);
  return s;
}

Result<std::optional<std::chrono::seconds>> SignInThrottle::wait(std::string_view login, std::string_view address) {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("SELECT MAX(wait_until) FROM sign_in_throttle WHERE key = $1 OR key = $2");
  if (!q) return fail(q.error());
  q->bind(1, pair_key(login, address)).bind(2, address_key(address));
  auto row = q->step();
  if (!row) return fail(row.error());
  const auto until = *row ? q->get_opt_int(0) : std::nullopt;
  if (auto r = q->run(); !r) return fail(r.error());
  const std::int64_t now = to_unix(clock_.now());
  if (!until || *until <= now) return std::optional<std::chrono::seconds>();
  return std::optional<std::chrono::seconds>(std::chrono::seconds(*until - now));
}

Status SignInThrottle::failed(std::string_view login, std::string_view address, const FailureSubject& who,
                              const std::string& reason) {
  return count(login, address, who, reason, true);
}

Status SignInThrottle::throttled(std::string_view login, std::string_view address, const FailureSubject& who) {
  return count(login, address, who, "throttled", false);
}

Status SignInThrottle::count(std::string_view login, std::string_view address, const FailureSubject& who,
                             const std::string& reason, bool throttle_keys) {
  const TimePoint now = clock_.now();
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  if (throttle_keys) {
    const std::pair<std::string, int> keys[] = {{pair_key(login, address), settings_.free_failures},
                                                {address_key(address), settings_.address_free_failures}};
    for (const auto& [key, free] : keys) {
      auto up = c.query(
          "INSERT INTO sign_in_throttle (key, failures, wait_until, last_failure) VALUES ($1, 1, 0, $2) "
          "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN sign_in_throttle.last_failure <= $3 THEN 1 "
          "ELSE sign_in_throttle.failures + 1 END, last_failure = $2 RETURNING failures");
      if (!up) return fail(up.error());
      up->bind(1, key).bind(2, to_unix(now)).bind(3, to_unix(now - kSignInForgetAfter));
      auto row = up->step();
      if (!row) return fail(row.error());
      const std::int64_t failures = *row ? up->get_int(0) : 1;
      if (auto r = up->run(); !r) return fail(r.error());
      const auto delay = delay_after(failures, free, settings_.max_delay);
      if (delay.count() == 0) continue;
      auto set = c.query("UPDATE sign_in_throttle SET wait_until = $2 WHERE key = $1");
      if (!set) return fail(set.error());
      set->bind(1, key).bind(2, to_unix(now + delay));
      if (auto r = set->run(); !r) return fail(r.error());
    }
  }
  // Counted by login (or by address, for logins that do not exist): audit_windows.h.
  const std::string actor = who.known ? who.login : "anonymous";
  const std::string object_id = who.known ? who.login : "";
  audit::AuditEvent ev{actor,      "auth.login_failed", "user", object_id, who.org_id, throttle_keys ? "failed" : "denied",
                       nlohmann::json{{"reason", reason}}.dump()};
  if (auto a = audit::append_counted(c, clock_, window_key(login, address, who), ev); !a) return fail(a.error());
  return tx->commit();
}

Status SignInThrottle::succeeded(std::string_view login, std::string_view address) {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("DELETE FROM sign_in_throttle WHERE key = $1");
  if (!q) return fail(q.error());
  q->bind(1, pair_key(login, address));
  return q->run();
}

Status SignInThrottle::sweep() {
  const TimePoint now = clock_.now();
  if (auto closed = audit::close_windows(db_, clock_); !closed) return fail(closed.error());
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto old = (*lease)->query("DELETE FROM sign_in_throttle WHERE last_failure <= $1 AND wait_until <= $2");
  if (!old) return fail(old.error());
  old->bind(1, to_unix(now - kSignInForgetAfter)).bind(2, to_unix(now));
  return old->run();
}

}  // namespace ct::server
