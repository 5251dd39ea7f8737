// libFuzzer target: the JSON request parsing of POST /api/v1/requests and of the bodies anyone
// may send: POST /api/v1/session (sign-in), /api/v1/account-link (and …/complete: activation and
// password reset) and /api/v1/password-reset — the strict body checks (json_io.h) and the typed
// decoders (routes_api_bodies.h). Any input must give a value or a 4xx Problem naming a field,
// never a crash, a hang or a 5xx.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "server/json_io.h"
#include "server/routes_api_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ct::server;
  HttpRequest req;
  req.method = "POST";
  req.path = "/api/v1/requests";
  req.headers["content-type"] = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = parse_json_object(req);
  if (!body) {
    const int status = body.error().status;
    if (status != 0 && (status < 400 || status >= 500)) std::abort();
    if (body.error().error.code != ct::ErrorCode::invalid_input) std::abort();
    return 0;
  }
  auto n = decode_new_request(*body);
  if (!n && n.error().code != ct::ErrorCode::invalid_input) std::abort();
  auto e = decode_request_edit(*body);
  if (!e && e.error().code != ct::ErrorCode::invalid_input) std::abort();
  auto s = decode_sign_in(*body);
  if (!s && s.error().code != ct::ErrorCode::invalid_input) std::abort();
  if (s && (s->login.size() > 64 || s->password.size() > 1024 || s->totp.size() > 16)) std::abort();
  for (const bool complete : {false, true}) {
    auto a = decode_account_link(*body, complete);
    if (!a && a.error().code != ct::ErrorCode::invalid_input) std::abort();
    if (a && (a->token.size() > 128 || a->password.size() > 1024 || a->totp.size() > 16)) std::abort();
  }
  auto p = decode_password_reset(*body);
  if (!p && p.error().code != ct::ErrorCode::invalid_input) std::abort();
  if (p && p->size() > 64) std::abort();
  return 0;
}
