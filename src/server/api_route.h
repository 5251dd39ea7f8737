#pragma once
// The signed-in REST API as data. Every route is defined ONCE, as an ApiRoute in one of the
// routes_api_*.cpp tables; the RESTinio router (routes_api.cpp) and the OpenAPI 3 document
// (openapi.cpp) are both generated from api_routes(), so what is served and what is documented
// cannot drift. This header carries no HTTP library: handlers are plain functions from an
// HttpRequest to an HttpResponse, testable without a socket.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "common/error.h"
#include "registry/access_policy.h"
#include "registry/actor.h"

namespace ct::server {

struct ServerContext;

struct HttpRequest {
  std::string method;                          // GET, POST, PUT, PATCH, DELETE
  std::string path;                            // without the query
  std::map<std::string, std::string> params;   // path parameters by name
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool tls = false;                            // HTTPS: here, or at a trusted proxy (client_address.h)
  std::string client;                          // the client's address (through trusted proxies)

  [[nodiscard]] std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A refusal: the error (its code decides the status, problem.cpp), the validation findings when
// there are any, and an explicit status for HTTP-level refusals (401, 413, 415, 429).
struct Problem {
  Error error;
  nlohmann::json findings;
  int status = 0;
  std::optional<std::int64_t> retry_after;  // seconds, sent as Retry-After (429, 503)
  Problem(Error e) : error(std::move(e)) {}  // NOLINT(google-explicit-constructor): errors convert
  Problem(Error e, nlohmann::json f, int s = 0) : error(std::move(e)), findings(std::move(f)), status(s) {}
};
using ApiResult = tl::expected<HttpResponse, Problem>;

struct ApiCall;  // request_context.h
using ApiHandler = std::function<ApiResult(ApiCall&)>;

enum class Access {
  anyone,     // no session needed (sign-in, the OpenAPI document)
  signed_in,  // a session; the role gate below, then the registry's own scope checks
};

enum class Body {
  none,    // no body accepted
  json,    // application/json, strict (json_io.h)
  json_or_empty,  // the same, or no body at all (read as {}): transitions with an optional comment
  binary,  // an uploaded file: application/pdf, image/png, image/jpeg, application/octet-stream
};

struct QueryParam {
  std::string name;
  std::string type;  // string | integer | boolean
  std::string description;
};

struct ApiRoute {
  std::string method;   // GET, POST, PATCH, DELETE
  std::string path;     // OpenAPI template: /api/v1/requests/{id}; {id}, {*_id} are integers, {serial} hex
  Access access = Access::signed_in;
  // Deny by default: a signed-in role passes the gate only when the access policy gives it some
  // reach for `action`; nullopt means every signed-in role (its own session, the sign-out).
  std::optional<registry::Action> action;
  std::string tag;
  std::string summary;
  Body body = Body::none;
  nlohmann::json request_schema;   // JSON Schema of the body (Body::json)
  nlohmann::json response_schema;  // JSON Schema of a success
  int success_status = 200;
  std::string response_type = "application/json";
  std::vector<QueryParam> query;
  ApiHandler handler;
  // The largest body this route reads (413 past it, before the session is even looked at);
  // 0: the body kind's default (none: 0, JSON: kMaxJsonBody, a file: the attachment limit,
  // which the handler checks).
  std::size_t max_body = 0;
};

// Every API route, in the order they are documented.
[[nodiscard]] const std::vector<ApiRoute>& api_routes();
// The roles that pass a route's gate (for the OpenAPI x-roles and the route × role test).
[[nodiscard]] std::vector<registry::Role> roles_for(const ApiRoute& r);
// The tables, one per resource (routes_api_<resource>.cpp).
void add_session_routes(std::vector<ApiRoute>& out);
void add_account_link_routes(std::vector<ApiRoute>& out);
void add_organization_routes(std::vector<ApiRoute>& out);
void add_subscriber_routes(std::vector<ApiRoute>& out);
void add_user_routes(std::vector<ApiRoute>& out);
void add_request_routes(std::vector<ApiRoute>& out);
void add_transition_routes(std::vector<ApiRoute>& out);
void add_attachment_routes(std::vector<ApiRoute>& out);
void add_round_routes(std::vector<ApiRoute>& out);
void add_certificate_routes(std::vector<ApiRoute>& out);
void add_batch_routes(std::vector<ApiRoute>& out);
void add_batch_review_routes(std::vector<ApiRoute>& out);
void add_pki_routes(std::vector<ApiRoute>& out);
void add_audit_routes(std::vector<ApiRoute>& out);
void add_notification_routes(std::vector<ApiRoute>& out);
void add_device_routes(std::vector<ApiRoute>& out);
void add_token_station_routes(std::vector<ApiRoute>& out);
void add_openapi_route(std::vector<ApiRoute>& out);  // GET /api/v1/openapi.json (openapi.cpp)

}  // namespace ct::server
