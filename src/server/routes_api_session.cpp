// Sign-in, the current session, sign-out.
#include "registry/user.h"
#include "server/routes_api_bodies.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json actor_json(const registry::Actor& a) {
  return {{"id", a.user_id},
          {"login", a.login},
          {"role", registry::to_string(a.role)},
          {"org_id", opt_json(a.org_id)},
          {"subscriber_id", opt_json(a.subscriber_id)},
          {"second_factor", registry::needs_second_factor(a.role)}};
}

nlohmann::json session_json(const registry::Actor& a, const Session& s) {
  return {{"user", actor_json(a)}, {"csrf_token", s.csrf_token}, {"expires_at", timefmt::iso8601_utc(s.expires_at)}};
}

// A login, a password and a code: far less than this.
constexpr std::size_t kMaxSignInBody = 8 * 1024;

ApiResult sign_in(ApiCall& call) {
  auto form = decode_sign_in(call.body);
  if (!form) return problem(form.error());
  form->address = call.req.client;
  auto done = call.services.auth.sign_in(*form);
  if (!done) return tl::unexpected(done.error());
  HttpResponse r = json_response(session_json(done->actor, done->session.session), 201);
  r.headers.emplace_back("Set-Cookie", session_cookie(done->session.id, call.services.sessions.settings(),
                                                      call.req.tls));
  return r;
}

ApiResult current(ApiCall& call) { return json_response(session_json(call.who(), *call.session)); }

ApiResult sign_out(ApiCall& call) {
  if (auto s = call.services.sessions.end(call.session_id); !s) return problem(s.error());
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  r.headers.emplace_back("Set-Cookie", session_cookie("", call.services.sessions.settings(), call.req.tls));
  return r;
}

nlohmann::json session_schema() {
  return S::object({{"user", S::object({{"id", S::integer()},
                                         {"login", S::str()},
                                         {"role", S::str()},
                                         {"org_id", S::integer()},
                                         {"subscriber_id", S::integer()},
                                         {"second_factor", S::boolean("TOTP required at sign-in")}})},
                    {"csrf_token", S::str("Send as X-CSRF-Token on POST, PATCH, PUT, DELETE")},
                    {"expires_at", S::str("Absolute end of the session (UTC)")}});
}

}  // namespace

void add_session_routes(std::vector<ApiRoute>& out) {
  out.push_back({.method = "POST",
                 .path = "/api/v1/session",
                 .access = Access::anyone,
                 .tag = "session",
                 .summary = "Đăng nhập / Sign in (sets the session cookie; the TOTP code in the same request for "
                            "ra_officer, ca_operator, admin; every refusal is the same 401; 429 with Retry-After "
                            "while this address must wait)",
                 .body = Body::json,
                 .request_schema = S::body({{"login", S::str()},
                                            {"password", S::str()},
                                            {"totp", S::str("6-digit RFC 6238 code")}},
                                           {"login", "password"}),
                 .response_schema = session_schema(),
                 .success_status = 201,
                 .handler = sign_in,
                 .max_body = kMaxSignInBody});
  out.push_back({.method = "GET",
                 .path = "/api/v1/session",
                 .tag = "session",
                 .summary = "Phiên hiện tại / The current session and its CSRF token",
                 .response_schema = session_schema(),
                 .handler = current});
  out.push_back({.method = "DELETE",
                 .path = "/api/v1/session",
                 .tag = "session",
                 .summary = "Đăng xuất / Sign out",
                 .success_status = 204,
                 .response_type = "",
                 .handler = sign_out});
}

}  // namespace ct::server
