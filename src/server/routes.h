#pragma once
// Route registration, one function per area so each lives in its own files.
//   ops:    GET /healthz, GET /metrics                               (routes_ops.cpp)
//   public: /api/v1/public/…, /ca/<name>.crt, /crl/<name>.crl, /ocsp  (routes_public*.cpp)
//   api:    /api/v1/… behind sign-in, and /api/v1/openapi.json        (routes_api*.cpp)
//   portal: everything else by GET/HEAD, as the router's fallback     (routes_portal.cpp)

#include <memory>

#include <restinio/all.hpp>

#include "server/server_context.h"

namespace ct::server {

using Router = restinio::router::express_router_t<>;

void add_ops_routes(Router& r, ServerContext& ctx);
void add_public_routes(Router& r, ServerContext& ctx);
// Fails, adding nothing, when the session settings or the TOTP key cannot be loaded.
[[nodiscard]] Status add_api_routes(Router& r, ServerContext& ctx);
class PortalFiles;
// The handler of requests no route matched: the web portal, or the 404 problem.
void add_portal_fallback(Router& r, std::shared_ptr<const PortalFiles> portal, bool tls);
// The client of `req` (client_address.h): its address through trusted proxies, HTTPS, local.
[[nodiscard]] Client request_client(const restinio::request_t& req, const ServerContext& ctx);
// Under TLS, browsers are told to keep to HTTPS (RFC 6797): one year.
inline constexpr const char* kHstsValue = "max-age=31536000";

}  // namespace ct::server
