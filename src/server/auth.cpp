#include "server/auth.h"

#include <algorithm>
#include <thread>

#include "audit/audit_log.h"
#include "registry/user.h"
#include "registry/user_credentials.h"

namespace ct::server {
namespace {

// A hash to verify against when the login is unknown, so that the answer takes as long as for
// a known login (no user enumeration by timing).
const std::string& decoy_hash() {
  static const std::string hash = registry::hash_password("chungthu-decoy-password").value_or("");
  return hash;
}

// The one answer to every refused sign-in.
Problem unauthorized() {
  return Problem(Error::make(ErrorCode::forbidden, "Sai tên đăng nhập, mật khẩu hoặc mã xác thực",
                             "Wrong login, password or authentication code", "credentials"),
                 nullptr, 401);
}

Problem too_many(Error e, std::chrono::seconds retry_after) {
  Problem p(std::move(e), nullptr, 429);
  p.retry_after = std::max<std::int64_t>(1, retry_after.count());
  return p;
}

}  // namespace

Result<SignInLimits> SignInLimits::load(const Config& cfg) {
  auto throttle = ThrottleSettings::load(cfg);
  if (!throttle) return fail(throttle.error());
  auto checks = cfg.integer("server.max_password_checks", 0);
  if (!checks) return fail(checks.error());
  if (*checks < 0 || *checks > 256) {
    return fail(ErrorCode::invalid_input, "server.max_password_checks phải từ 0 đến 256",
                "server.max_password_checks must be between 0 and 256", "server.max_password_checks");
  }
  return SignInLimits{*throttle, static_cast<int>(*checks)};
}

Authenticator::Authenticator(app::Context& app, SessionStore& sessions, Bytes totp_key, const SignInLimits& limits)
    : app_(app),
      sessions_(sessions),
      totp_key_(std::move(totp_key)),
      throttle_(app.db(), app.clock(), limits.throttle),
      hashing_(limits.max_password_checks > 0 ? limits.max_password_checks
                                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

Problem Authenticator::refuse(const SignInForm& form, const FailureSubject& who, const std::string& reason) {
  if (auto s = throttle_.failed(form.login, form.address, who, reason); !s) return Problem(s.error());
  return unauthorized();
}

tl::expected<SignedIn, Problem> Authenticator::sign_in(const SignInForm& form) {
  if (form.login.empty() || form.login.size() > 64) return tl::unexpected(unauthorized());
  auto wait = throttle_.wait(form.login, form.address);
  if (!wait) return tl::unexpected(Problem(wait.error()));
  if (*wait) {
    FailureSubject who;
    {
      auto lease = app_.db().acquire();
      if (!lease) return tl::unexpected(Problem(lease.error()));
      auto found = registry::find_credentials(**lease, form.login);
      if (!found) return tl::unexpected(Problem(found.error()));
      if (*found) who = FailureSubject{true, form.login, (*found)->user.org_id};
    }
    if (auto s = throttle_.throttled(form.login, form.address, who); !s) return tl::unexpected(Problem(s.error()));
    return tl::unexpected(too_many(
        Error::make(ErrorCode::forbidden, "Đăng nhập sai nhiều lần từ địa chỉ này; hãy thử lại sau",
                    "Too many failed sign-ins from this address; try again later", "login"),
        **wait));
  }
  // Each check hashes with argon2id (64 MiB): a bounded number at once.
  auto slot = hashing_slot("login");
  if (!slot) return tl::unexpected(slot.error());
  return check(form);
}

tl::expected<Slots::Held, Problem> Authenticator::hashing_slot(const std::string& field) {
  Slots::Held slot = hashing_.take();
  if (!slot) {
    return tl::unexpected(too_many(Error::make(ErrorCode::unavailable, "Máy chủ đang bận; hãy thử lại sau giây lát",
                                               "The server is busy; try again in a moment", field),
                                   std::chrono::seconds(1)));
  }
  return slot;
}

tl::expected<SignedIn, Problem> Authenticator::check(const SignInForm& form) {
  std::optional<registry::Credentials> creds;
  {
    auto lease = app_.db().acquire();
    if (!lease) return tl::unexpected(Problem(lease.error()));
    auto found = registry::find_credentials(**lease, form.login);
    if (!found) return tl::unexpected(Problem(found.error()));
    creds = std::move(*found);
  }
  if (!creds) {
    (void)registry::verify_password(decoy_hash(), form.password);
    return tl::unexpected(refuse(form, FailureSubject{}, "unknown login"));
  }
  const auto& user = creds->user;
  const FailureSubject who{true, form.login, user.org_id};
  if (creds->password_hash.empty()) {  // not activated yet: as long as a wrong password takes
    (void)registry::verify_password(decoy_hash(), form.password);
    return tl::unexpected(refuse(form, who, "not activated"));
  }
  if (!registry::verify_password(creds->password_hash, form.password)) {
    return tl::unexpected(refuse(form, who, "password"));
  }
  if (!user.active) return tl::unexpected(refuse(form, who, "inactive"));
  if (registry::needs_second_factor(user.role)) {
    auto lease = app_.db().acquire();
    if (!lease) return tl::unexpected(Problem(lease.error()));
    auto secret = registry::load_totp_secret(**lease, user.id, totp_key_);
    if (!secret) return tl::unexpected(Problem(secret.error()));
    // Whatever is wrong with the second factor, the answer is the one of a wrong password.
    if (!*secret) return tl::unexpected(refuse(form, who, "no second factor enrolled"));
    if (form.totp.empty()) return tl::unexpected(refuse(form, who, "second factor missing"));
    auto step = registry::totp_step((*secret)->secret, form.totp, app_.clock().now());
    if (!step) return tl::unexpected(refuse(form, who, "second factor"));
    auto fresh = registry::consume_totp_step(**lease, user.id, *step);
    if (!fresh) return tl::unexpected(Problem(fresh.error()));
    if (!*fresh) return tl::unexpected(refuse(form, who, "second factor reused"));
  }
  if (auto cleared = throttle_.succeeded(form.login, form.address); !cleared) {
    return tl::unexpected(Problem(cleared.error()));
  }
  registry::Actor actor;
  {
    auto lease = app_.db().acquire();
    if (!lease) return tl::unexpected(Problem(lease.error()));
    auto a = registry::resolve_actor(**lease, form.login);
    if (!a) return tl::unexpected(Problem(a.error()));
    actor = std::move(*a);
  }
  auto session = sessions_.create(user.id);
  if (!session) return tl::unexpected(Problem(session.error()));
  {
    auto lease = app_.db().acquire();
    if (!lease) return tl::unexpected(Problem(lease.error()));
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return tl::unexpected(Problem(tx.error()));
    audit::AuditEvent ev{form.login, "auth.login", "user", form.login, user.org_id, "ok", "{}"};
    if (auto a = audit::append(**lease, app_.clock(), ev); !a) return tl::unexpected(Problem(a.error()));
    if (auto c = tx->commit(); !c) return tl::unexpected(Problem(c.error()));
  }
  return SignedIn{std::move(actor), std::move(*session)};
}

}  // namespace ct::server
