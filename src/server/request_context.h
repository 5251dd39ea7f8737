#pragma once
// One API call: from the HTTP request to the acting registry::Actor and back to a response.
//
// dispatch() is the single path every API route takes (deny by default):
//   1. a route for signed-in users needs the session cookie of a live session (else 401);
//   2. a state-changing method (POST, PUT, PATCH, DELETE) needs X-CSRF-Token equal to the
//      session's token (else 403) — with SameSite=Strict cookies, the second defence against
//      cross-site request forgery;
//   3. the actor is read from the registry on every call (role, organization, active), and the
//      route's gate lets through only the roles the access policy gives some reach for its
//      action (else 403, audited); the registry then checks scope on the object itself;
//   4. the body is checked against what the route takes (JSON: json_io.h; none; a file);
//   5. the handler runs; an error becomes RFC 7807 application/problem+json through
//      problem.h, and an exception a 500 that says nothing of its cause (logged instead).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/registry_env.h"
#include "server/api_route.h"
#include "server/auth.h"
#include "server/server_context.h"
#include "server/session.h"

namespace ct::server {

// What the API keeps for the life of the process.
struct ApiServices {
  ApiServices(ServerContext& c, SessionSettings s, Bytes totp_key, const SignInLimits& limits = {})
      : ctx(c),
        sessions(c.app.db(), c.app.clock(), c.app.rng(), s),
        auth(c.app, sessions, std::move(totp_key), limits) {}
  ServerContext& ctx;
  SessionStore sessions;
  Authenticator auth;
};

struct ApiCall {
  ApiServices& services;
  const HttpRequest& req;
  registry::RegistryEnv env;
  std::optional<registry::Actor> actor;  // set on signed-in routes
  std::optional<Session> session;
  std::string session_id;                // the cookie value (sign-out only; never logged)
  nlohmann::json body;                   // the parsed object on Body::json routes

  [[nodiscard]] const registry::Actor& who() const { return *actor; }
  [[nodiscard]] TimePoint now() const { return env.clock.now(); }
};

[[nodiscard]] HttpResponse dispatch(ApiServices& services, const ApiRoute& route, const HttpRequest& req);
// The problem+json response of `p`, and its document alone (the same sanitizing: a 5xx says
// nothing of its cause) for answers that carry several outcomes.
[[nodiscard]] HttpResponse problem_response(const Problem& p);
[[nodiscard]] nlohmann::json problem_document(const Problem& p);
// The API's name for an error context set by lower layers for the CLI ("--cert" → "cert_serial").
[[nodiscard]] std::string api_field(const std::string& context);

}  // namespace ct::server
