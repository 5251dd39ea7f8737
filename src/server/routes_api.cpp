// The RESTinio side of the API: one express route per ApiRoute of the table, translating the
// HTTP request into an HttpRequest for dispatch() and its HttpResponse back. Nothing else of
// the API sees RESTinio.
#include <stdexcept>

#include "server/openapi.h"
#include "server/problem.h"
#include "server/request_context.h"
#include "server/request_note.h"
#include "server/reply.h"
#include "server/routes.h"

namespace ct::server {
namespace {

// {id} / {x_id} → :id(\d{1,18}); {serial} → hex with optional colons.
std::string express_pattern(const std::string& path) {
  std::string out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    const auto open = path.find('{', pos);
    if (open == std::string::npos) {
      out += path.substr(pos);
      break;
    }
    const auto close = path.find('}', open);
    out += path.substr(pos, open - pos);
    const std::string name = path.substr(open + 1, close - open - 1);
    out += ":" + name + "(" + parameter_pattern(name) + ")";
    pos = close + 1;
  }
  return out;
}

restinio::http_method_id_t method_of(const std::string& m) {
  if (m == "GET") return restinio::http_method_get();
  if (m == "POST") return restinio::http_method_post();
  if (m == "PUT") return restinio::http_method_put();
  if (m == "PATCH") return restinio::http_method_patch();
  if (m == "DELETE") return restinio::http_method_delete();
  throw std::logic_error("unsupported method in the API table: " + m);
}

HttpRequest to_request(const restinio::request_t& req, const restinio::router::route_params_t& params,
                       const ApiRoute& route, const ServerContext& ctx, std::optional<Problem>& bad) {
  HttpRequest out;
  const auto& h = req.header();
  out.method = h.method().c_str();
  out.path = std::string(h.path());
  const Client client = request_client(req, ctx);
  out.tls = client.https;
  out.client = client.address;
  out.body = req.body();
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = f.value();
  });
  for (const auto& name : path_parameters(route.path)) {
    if (params.has(name)) out.params[name] = std::string(params[name]);
  }
  auto query = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(h.query());
  if (!query) {
    bad = Problem(Error::make(ErrorCode::invalid_input, "Chuỗi truy vấn không hợp lệ", "Malformed query string", "query"));
    return out;
  }
  for (const auto& [k, v] : *query) out.query[std::string(k)] = std::string(v);
  return out;
}

restinio::request_handling_status_t respond(const restinio::request_handle_t& req, HttpResponse r, bool tls) {
  Reply out(r.status);
  if (!r.content_type.empty()) {
    out.header(restinio::http_field::content_type,
               r.content_type == "application/json" ? "application/json; charset=utf-8" : r.content_type);
  }
  for (auto& [name, value] : r.headers) out.header(std::move(name), std::move(value));
  if (tls) out.header(restinio::http_field::strict_transport_security, kHstsValue);
  return out.body(std::move(r.body)).send(req);
}

}  // namespace

Status add_api_routes(Router& router, ServerContext& ctx) {
  auto settings = SessionSettings::load(ctx.app.config());
  if (!settings) return fail(settings.error());
  auto key = ctx.app.totp_key();
  if (!key) return fail(key.error());
  auto limits = SignInLimits::load(ctx.app.config());
  if (!limits) return fail(limits.error());
  auto services = std::make_shared<ApiServices>(ctx, *settings, std::move(*key), *limits);
  for (const ApiRoute& route : api_routes()) {
    auto handler = [services, &route, &ctx](const restinio::request_handle_t& req,
                                            restinio::router::route_params_t params) {
      std::optional<Problem> bad;
      HttpRequest in = to_request(*req, params, route, ctx, bad);
      HttpResponse out = bad ? problem_response(*bad) : dispatch(*services, route, in);
      note_response(route.path, out.status);
      return respond(req, std::move(out), in.tls);
    };
    if (route.method == "GET") {
      get_route(router, express_pattern(route.path), std::move(handler));  // and HEAD
    } else {
      router.add_handler(method_of(route.method), express_pattern(route.path), std::move(handler));
    }
  }
  return {};
}

}  // namespace ct::server
