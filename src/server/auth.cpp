#include "server/auth.h"

#include <liboath/oath.h>

#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "audit/audit_log.h"
#include "registry/user.h"
#include "registry/user_credentials.h"

namespace ct::server {
namespace {

bool oath_ready() {
  static std::once_flag once;
  static int rc = -1;
  std::call_once(once, [] { rc = oath_init(); });
  return rc == OATH_OK;
}

// A hash to verify against when the login is unknown, so that the answer takes as long as for
// a known login (no user enumeration by timing).
const std::string& decoy_hash() {
  static const std::string hash = registry::hash_password("chungthu-decoy-password").value_or("");
  return hash;
}

Problem unauthorized(const std::string& vi, const std::string& en, const std::string& field = "credentials") {
  return Problem(Error::make(ErrorCode::forbidden, vi, en, field), nullptr, 401);
}

bool six_digits(std::string_view code) {
  return code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<std::int64_t> totp_step(std::span<const std::uint8_t> secret, std::string_view code, TimePoint now) {
  if (!six_digits(code) || !oath_ready() || secret.empty()) return std::nullopt;
  const std::string otp(code);
  int pos = 0;
  const int rc = oath_totp_validate2(reinterpret_cast<const char*>(secret.data()), secret.size(),
                                     static_cast<time_t>(to_unix(now)), kTotpStepSeconds, 0, kTotpWindow, &pos,
                                     otp.c_str());
  if (rc < 0) return std::nullopt;
  return to_unix(now) / kTotpStepSeconds + pos;
}

std::string totp_code(std::span<const std::uint8_t> secret, TimePoint now) {
  if (!oath_ready()) return {};
  char out[7] = {};
  if (oath_totp_generate(reinterpret_cast<const char*>(secret.data()), secret.size(), static_cast<time_t>(to_unix(now)),
                         kTotpStepSeconds, 0, 6, out) != OATH_OK) {
    return {};
  }
  return out;
}

void Authenticator::audit(const std::string& actor, const std::string& action, const std::string& object_id,
                          std::optional<std::int64_t> org, const std::string& outcome, const std::string& reason) {
  auto lease = app_.db().acquire();
  if (!lease) return;
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return;
  nlohmann::json details = nlohmann::json::object();
  if (!reason.empty()) details["reason"] = reason;
  audit::AuditEvent ev{actor, action, "user", object_id, org, outcome, details.dump()};
  if (audit::append(**lease, app_.clock(), ev)) (void)tx->commit();
}

Problem Authenticator::refuse(const std::string& login, const std::string& reason, std::optional<std::int64_t> org,
                              bool known) {
  auto locked = sessions_.record_failure(login);
  audit(known ? login : "anonymous", "auth.login_failed", known ? login : "", org, "failed", reason);
  if (locked && *locked) {
    audit(known ? login : "anonymous", "auth.locked", known ? login : "", org, "denied", "too many failures");
    spdlog::warn("sign-in locked after repeated failures (user id withheld from the log)");
  }
  return unauthorized("Sai tên đăng nhập, mật khẩu hoặc mã xác thực", "Wrong login, password or authentication code");
}

tl::expected<SignedIn, Problem> Authenticator::sign_in(const SignInForm& form) {
  if (form.login.empty() || form.login.size() > 64) {
    return tl::unexpected(
        unauthorized("Sai tên đăng nhập, mật khẩu hoặc mã xác thực", "Wrong login, password or authentication code"));
  }
  auto locked = sessions_.locked_until(form.login);
  if (!locked) return tl::unexpected(Problem(locked.error()));
  if (*locked) {
    audit("anonymous", "auth.login_failed", "", std::nullopt, "denied", "locked");
    return tl::unexpected(Problem(
        Error::make(ErrorCode::forbidden, "Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau",
                    "The account is temporarily locked after repeated failed sign-ins; try again later", "login"),
        nullptr, 429));
  }
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
    return tl::unexpected(refuse(form.login, "unknown login", std::nullopt, false));
  }
  const auto& user = creds->user;
  if (!registry::verify_password(creds->password_hash, form.password)) {
    return tl::unexpected(refuse(form.login, "password", user.org_id, true));
  }
  if (!user.active) return tl::unexpected(refuse(form.login, "inactive", user.org_id, true));
  if (registry::needs_second_factor(user.role)) {
    auto lease = app_.db().acquire();
    if (!lease) return tl::unexpected(Problem(lease.error()));
    auto secret = registry::load_totp_secret(**lease, user.id, totp_key_);
    if (!secret) return tl::unexpected(Problem(secret.error()));
    if (!*secret) {
      (void)refuse(form.login, "no second factor enrolled", user.org_id, true);
      return tl::unexpected(unauthorized(
          "Tài khoản chưa đăng ký xác thực hai lớp (TOTP); quản trị viên cấp lại bằng 'chungthu user totp-reset'",
          "The account has no second factor (TOTP) enrolled; an administrator enrolls it with 'chungthu user "
          "totp-reset'",
          "totp"));
    }
    if (form.totp.empty()) {
      // The portal's first step (login and password) of a two-step sign-in: the password was
      // right, so this is not a failure and does not count towards the lockout; wrong codes do.
      audit(form.login, "auth.second_factor_required", form.login, user.org_id, "ok", "");
      return tl::unexpected(unauthorized("Cần mã xác thực TOTP (6 chữ số) cho vai trò này",
                                         "This role needs a TOTP authentication code (6 digits)", "totp"));
    }
    auto step = totp_step((*secret)->secret, form.totp, app_.clock().now());
    if (!step) return tl::unexpected(refuse(form.login, "second factor", user.org_id, true));
    auto fresh = registry::consume_totp_step(**lease, user.id, *step);
    if (!fresh) return tl::unexpected(Problem(fresh.error()));
    if (!*fresh) return tl::unexpected(refuse(form.login, "second factor reused", user.org_id, true));
  }
  auto cleared = sessions_.clear_failures(form.login);
  if (!cleared) return tl::unexpected(Problem(cleared.error()));
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
  audit(form.login, "auth.login", form.login, user.org_id, "ok", "");
  return SignedIn{std::move(actor), std::move(*session)};
}

}  // namespace ct::server
