// One-time account links, for anyone holding one (registry/account_links.h): the portal's
// /activate page reads the link (POST /api/v1/account-link: whose account, what it asks for, and
// the TOTP secret to enrol, shown only to the link's holder), then sets the password
// (…/complete). The sign-in page's "forgot password" asks for a reset link (POST
// /api/v1/password-reset), answered alike whether or not the login exists.
//
// Tokens travel in bodies, never in URLs. Bad tokens and reset requests are counted per client
// address by the sign-in throttle (sign_in_throttle.h) under keys no login can have, so a
// script guessing gets 429 with Retry-After like one guessing passwords; a password is hashed
// only for a live link, within the max_password_checks slots.
#include "registry/account_links.h"
#include "registry/user_credentials.h"
#include "server/routes_api_bodies.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

// Throttle keys: '#' is never part of a login.
constexpr std::string_view kLinkKey = "#account-link";
constexpr std::string_view kResetKey = "#password-reset";

// The links' and the reset form's bodies: far less than this.
constexpr std::size_t kMaxLinkBody = 8 * 1024;

tl::expected<void, Problem> check_wait(ApiCall& call, std::string_view key, const char* field) {
  auto wait = call.services.auth.throttle().wait(key, call.req.client);
  if (!wait) return tl::unexpected(Problem(wait.error()));
  if (!*wait) return {};
  if (auto s = call.services.auth.throttle().throttled(key, call.req.client, FailureSubject{}); !s) {
    return tl::unexpected(Problem(s.error()));
  }
  Problem p(Error::make(ErrorCode::forbidden, "Quá nhiều yêu cầu từ địa chỉ này; hãy thử lại sau",
                        "Too many attempts from this address; try again later", field),
            nullptr, 429);
  p.retry_after = std::max<std::int64_t>(1, (*wait)->count());
  return tl::unexpected(std::move(p));
}

// A refusal about the token itself counts against the address.
Problem refused(ApiCall& call, const Error& e) {
  if (e.code == ErrorCode::not_found) {
    if (auto s = call.services.auth.throttle().failed(kLinkKey, call.req.client, FailureSubject{}, "account link");
        !s) {
      return Problem(s.error());
    }
  }
  return Problem(e);
}

ApiResult open_link(ApiCall& call) {
  if (auto w = check_wait(call, kLinkKey, "token"); !w) return tl::unexpected(w.error());
  auto form = decode_account_link(call.body, false);
  if (!form) return problem(form.error());
  auto key = call.services.ctx.app.totp_key();
  if (!key) return problem(key.error());
  auto link = registry::open_account_link(call.env, form->token, *key);
  if (!link) return tl::unexpected(refused(call, link.error()));
  nlohmann::json j{{"login", link->user.login},
                   {"role", registry::to_string(link->user.role)},
                   {"purpose", registry::to_string(link->purpose)},
                   {"expires_at", timefmt::iso8601_utc(link->expires_at)},
                   {"totp", registry::to_string(link->totp)}};
  if (link->totp == registry::TotpStep::enrol) {
    j["totp_secret"] = link->totp_secret;
    j["totp_uri"] = registry::otpauth_uri(link->user.login, link->totp_secret);
  }
  HttpResponse r = json_response(j);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

ApiResult complete_link(ApiCall& call) {
  if (auto w = check_wait(call, kLinkKey, "token"); !w) return tl::unexpected(w.error());
  auto form = decode_account_link(call.body, true);
  if (!form) return problem(form.error());
  auto key = call.services.ctx.app.totp_key();
  if (!key) return problem(key.error());
  auto slot = call.services.auth.hashing_slot("password");
  if (!slot) return tl::unexpected(slot.error());
  auto user = registry::complete_account_link(call.env, form->token, form->password, form->totp, *key);
  if (!user) return tl::unexpected(refused(call, user.error()));
  // A new password ends every session signed in with the old one.
  if (auto s = call.services.sessions.end_all(user->id); !s) return problem(s.error());
  return json_response({{"login", user->login}});
}

ApiResult ask_reset(ApiCall& call) {
  if (auto w = check_wait(call, kResetKey, "login"); !w) return tl::unexpected(w.error());
  auto login = decode_password_reset(call.body);
  if (!login) return problem(login.error());
  auto mail = call.services.ctx.app.account_mailer();
  if (!mail) return problem(mail.error());
  if (auto s = registry::request_password_reset(call.env, *login, *mail); !s) return problem(s.error());
  // Every request counts, so that one address cannot mail many users or probe many logins.
  if (auto s = call.services.auth.throttle().failed(kResetKey, call.req.client, FailureSubject{},
                                                    "password reset asked");
      !s) {
    return problem(s.error());
  }
  return json_response({{"accepted", true}}, 202);
}

}  // namespace

void add_account_link_routes(std::vector<ApiRoute>& out) {
  out.push_back({.method = "POST",
                 .path = "/api/v1/account-link",
                 .access = Access::anyone,
                 .tag = "session",
                 .summary = "Mở liên kết kích hoạt hoặc đặt lại mật khẩu / Open an activation or password reset link "
                            "(the TOTP secret to enrol is shown to the link's holder only; an unknown, used or "
                            "expired link: 404 field token)",
                 .body = Body::json,
                 .request_schema = S::body({{"token", S::str("The token of the mailed link (64 hex digits)")}},
                                           {"token"}),
                 .response_schema = S::object({{"login", S::str()},
                                               {"role", S::str()},
                                               {"purpose", S::one_of_strings({"activate", "reset"})},
                                               {"expires_at", S::str()},
                                               {"totp", S::one_of_strings({"enrol", "required", "none"})},
                                               {"totp_secret", S::str("Base32, when totp is enrol")},
                                               {"totp_uri", S::str("otpauth:// URI, when totp is enrol")}}),
                 .handler = open_link,
                 .max_body = kMaxLinkBody});
  out.push_back({.method = "POST",
                 .path = "/api/v1/account-link/complete",
                 .access = Access::anyone,
                 .tag = "session",
                 .summary = "Đặt mật khẩu (và đăng ký TOTP) qua liên kết / Set the password (and enrol TOTP) through "
                            "the link; the link is then used up and the user's sessions end",
                 .body = Body::json,
                 .request_schema = S::body({{"token", S::str()},
                                            {"password", S::str("12–1024 bytes, not the login")},
                                            {"totp", S::str("6-digit code: of the secret being enrolled, or of the "
                                                            "one enrolled (totp required)")}},
                                           {"token", "password"}),
                 .response_schema = S::object({{"login", S::str()}}),
                 .handler = complete_link,
                 .max_body = kMaxLinkBody});
  out.push_back({.method = "POST",
                 .path = "/api/v1/password-reset",
                 .access = Access::anyone,
                 .tag = "session",
                 .summary = "Quên mật khẩu / Forgot password: a reset link to the account's official e-mail, at most "
                            "one per registry.reset_link_minutes; the same 202 whether or not the login exists",
                 .body = Body::json,
                 .request_schema = S::body({{"login", S::str()}}, {"login"}),
                 .response_schema = S::object({{"accepted", S::boolean()}}),
                 .success_status = 202,
                 .handler = ask_reset,
                 .max_body = kMaxLinkBody});
}

}  // namespace ct::server
