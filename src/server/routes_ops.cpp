#include <nlohmann/json.hpp>

#include "server/routes.h"
#include "server/routes_public.h"

namespace ct::server {

Client request_client(const restinio::request_t& req, const ServerContext& ctx) {
  const auto& h = req.header();
  return client_of(req.remote_endpoint().address().to_string(), h.get_field_or("X-Forwarded-For", ""),
                   h.get_field_or("X-Forwarded-Proto", ""), ctx.tls, ctx.proxies);
}

void add_ops_routes(Router& r, ServerContext& ctx) {
  r.http_get("/healthz", [](auto req, auto) {
    return req->create_response()
        .append_header(restinio::http_field::content_type, "application/json")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(R"({"status":"ok"})")
        .done();
  });
  // Readiness (SPEC §10): one entry per check, 503 while one is down, with its reason in both
  // languages. Liveness stays /healthz.
  r.http_get("/readyz", [&ctx](auto req, auto) {
    nlohmann::json checks = nlohmann::json::array();
    bool ready = true;
    auto add = [&](const char* name, const std::optional<Error>& down) {
      nlohmann::json c{{"name", name}, {"status", down ? "down" : "up"}};
      if (down) {
        c["reason_vi"] = down->message_vi;
        c["reason_en"] = down->message_en;
        ready = false;
      }
      checks.push_back(std::move(c));
    };
    {
      std::optional<Error> db_down;
      auto lease = ctx.app.db().acquire();
      if (!lease) {
        db_down = lease.error();
      } else if (auto s = (*lease)->exec("SELECT 1"); !s) {
        db_down = s.error();
      }
      add("database", db_down);
    }
    add("key_backend", ctx.app.keys().check());
    const nlohmann::json body{{"status", ready ? "ready" : "not_ready"}, {"checks", checks}};
    return req->create_response(ready ? restinio::status_ok() : restinio::status_service_unavailable())
        .append_header(restinio::http_field::content_type, "application/json")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .done();
  });
  // The metrics name sign-ins, users and queues: for this machine's scraper, or a bearer of
  // server.metrics_token; anyone else gets the 404 of a path that does not exist.
  r.http_get("/metrics", [&ctx](auto req, auto) {
    const bool allowed = request_client(*req, ctx).local ||
                         bearer_matches(req->header().get_field_or(restinio::http_field::authorization, ""),
                                        ctx.proxies.metrics_token);
    if (!allowed) {
      return reply_problem(req, 404,
                           Error::make(ErrorCode::not_found, "Không tìm thấy", "Not found", "path"));
    }
    return req->create_response()
        .append_header(restinio::http_field::content_type, "text/plain; version=0.0.4; charset=utf-8")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(ctx.metrics.render())
        .done();
  });
}

}  // namespace ct::server
