#include "server/request_context.h"

#include "common/logging.h"

#include <sodium.h>

#include <limits>

#include <spdlog/spdlog.h>

#include "registry/access_policy.h"
#include "server/json_io.h"
#include "server/problem.h"

namespace ct::server {
namespace {

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Problem status_problem(int status, std::string vi, std::string en, std::string field) {
  return Problem(Error::make(ErrorCode::forbidden, std::move(vi), std::move(en), std::move(field)), nullptr, status);
}

// The actor of a live session, re-read from the registry (role, organization, active).
tl::expected<registry::Actor, Problem> actor_of(ApiServices& s, const Session& session) {
  auto lease = s.ctx.app.db().acquire();
  if (!lease) return tl::unexpected(Problem(lease.error()));
  auto a = registry::find_active_actor(**lease, session.user_id);
  if (!a) return tl::unexpected(Problem(a.error()));
  if (!*a) {
    return tl::unexpected(status_problem(401, "Tài khoản không còn hoạt động", "The account is no longer active",
                                         "session"));
  }
  return std::move(**a);
}

ApiResult prepare(ApiCall& call, const ApiRoute& route) {
  const HttpRequest& req = call.req;
  const std::size_t max_body = route.max_body != 0 ? route.max_body : route.body == Body::none ? 0
                               : route.body == Body::binary ? std::numeric_limits<std::size_t>::max()
                                                            : kMaxJsonBody;
  if (req.body.size() > max_body && route.body != Body::none) {
    return tl::unexpected(status_problem(413, "Nội dung quá lớn (tối đa " + std::to_string(max_body) + " byte)",
                                         "The body is too large (at most " + std::to_string(max_body) + " bytes)",
                                         "body"));
  }
  if (route.access == Access::signed_in) {
    call.session_id = session_id_from_cookies(req.header("cookie"));
    auto session = call.services.sessions.find(call.session_id);
    if (!session) return tl::unexpected(Problem(session.error()));
    if (!*session) {
      return tl::unexpected(status_problem(401, "Cần đăng nhập (phiên không có hoặc đã hết hạn)",
                                           "Sign-in required (no session, or it has expired)", "session"));
    }
    call.session = std::move(*session);
    if (changes_state(req.method) && !same_token(req.header("x-csrf-token"), call.session->csrf_token)) {
      return tl::unexpected(status_problem(403, "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token)",
                                           "Missing or wrong anti-forgery token (X-CSRF-Token)", "X-CSRF-Token"));
    }
    auto actor = actor_of(call.services, *call.session);
    if (!actor) return tl::unexpected(actor.error());
    call.actor = std::move(*actor);
    log_context().actor = call.actor->login;
    if (route.action && !registry::allowed_somewhere(*call.actor, *route.action)) {
      return tl::unexpected(Problem(registry::deny(call.env.db, call.env.clock, *call.actor, *route.action, "route",
                                                   route.method + " " + route.path)));
    }
  }
  switch (route.body) {
    case Body::none:
      if (!req.body.empty()) {
        return tl::unexpected(Problem(Error::make(ErrorCode::invalid_input, "Yêu cầu này không nhận nội dung",
                                                  "This request takes no body", "body")));
      }
      break;
    case Body::json_or_empty:
      if (req.body.empty()) {
        call.body = nlohmann::json::object();
        break;
      }
      [[fallthrough]];
    case Body::json: {
      auto j = parse_json_object(req);
      if (!j) return tl::unexpected(j.error());
      call.body = std::move(*j);
      break;
    }
    case Body::binary: break;  // the handler checks the media type and size
  }
  return HttpResponse{};
}

}  // namespace

std::string api_field(const std::string& context) {
  static const std::map<std::string, std::string> kNames{
      {"--attach", "attachments"}, {"--cert", "cert_serial"}, {"--csr", "csr_pem"},     {"--reason", "ground"},
      {"--new-org", "new_org_id"},
      {"--field", "field_reasons"}, {"--as", "session"},      {"--type", "type"},      {"--org", "org_id"},
      {"--subscriber", "subscriber_id"}, {"ID", "id"},        {"SERIAL", "serial"},    {"--deadline", "deadline"},
      {"--role", "role"},          {"--password-file", "password"}};
  auto it = kNames.find(context);
  if (it != kNames.end()) return it->second;
  if (context.rfind("--", 0) == 0) {
    std::string f = context.substr(2);
    for (char& c : f)
      if (c == '-') c = '_';
    return f;
  }
  // Positional CLI arguments (BATCH_ID, REQUEST_ID) name API fields in lower case.
  if (!context.empty() && context.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos) {
    std::string f = context;
    for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return f;
  }
  return context;
}

nlohmann::json problem_document(const Problem& p) {
  const int status = p.status != 0 ? p.status : http_status_for(p.error.code);
  Error e = p.error;
  e.context = api_field(e.context);
  if (status >= 500) {
    // Internal details stay in the log; the client gets the generic problem.
    spdlog::error("api: {} ({})", e.message_en, e.context);
    e = http_error(status == 503 ? 503 : 500);
    if (status == 503) e = Error::make(ErrorCode::unavailable, "Dịch vụ tạm thời không sẵn sàng", "Service unavailable");
  }
  return problem_json(status, e, p.findings);
}

HttpResponse problem_response(const Problem& p) {
  const nlohmann::json doc = problem_document(p);
  HttpResponse r;
  r.status = doc.value("status", 500);
  r.content_type = "application/problem+json";
  r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Cookie realm=\"chungthu\"");
  if (p.retry_after) r.headers.emplace_back("Retry-After", std::to_string(*p.retry_after));
  return r;
}

HttpResponse dispatch(ApiServices& services, const ApiRoute& route, const HttpRequest& req) {
  ApiCall call{services, req, services.ctx.app.registry_env(), std::nullopt, std::nullopt, {}, {}};
  try {
    if (auto ok = prepare(call, route); !ok) return problem_response(ok.error());
    auto result = route.handler(call);
    if (!result) return problem_response(result.error());
    HttpResponse r = std::move(*result);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  } catch (const std::exception& ex) {
    spdlog::error("api: {} {}: unexpected exception: {}", route.method, route.path, ex.what());
  } catch (...) {
    spdlog::error("api: {} {}: unexpected exception", route.method, route.path);
  }
  return problem_response(Problem(Error::make(ErrorCode::internal, "Lỗi máy chủ", "Server error"), nullptr, 500));
}

}  // namespace ct::server
