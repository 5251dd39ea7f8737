#include <nlohmann/json.hpp>

#include <mutex>

#include "pki/readiness.h"
#include "server/routes.h"
#include "server/routes_public.h"

namespace ct::server {

Client request_client(const restinio::request_t& req, const ServerContext& ctx) {
  const auto& h = req.header();
  return client_of(req.remote_endpoint().address().to_string(), h.get_field_or("X-Forwarded-For", ""),
                   h.get_field_or("X-Forwarded-Proto", ""), ctx.tls, ctx.proxies);
}

namespace {

// The checks of /readyz: whether all are up, and the JSON body naming each.
std::pair<bool, std::string> check_readiness(ServerContext& ctx) {
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
  auto& app = ctx.app;
  std::optional<Error> db_down, crl_down;
  {
    auto lease = app.db().acquire();
    if (!lease) {
      db_down = lease.error();
    } else if (auto s = (*lease)->exec("SELECT 1"); !s) {
      db_down = s.error();
    } else {
      crl_down = pki::crls_current(**lease, app.clock().now());
    }
  }
  add("database", db_down);
  add("key_backend", app.keys().check());
  if (!db_down) {  // the others read the store
    add("crl", crl_down);
    add("ocsp_signer", pki::ocsp_signer_current(app.db(), app.clock(), app.pki()));
    if (ctx.scheduler) add("scheduler", ctx.scheduler->check());
  }
  const nlohmann::json body{{"status", ready ? "ready" : "not_ready"}, {"checks", checks}};
  return {ready, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

class ReadyAnswer {
 public:
  std::pair<bool, std::string> get(ServerContext& ctx) {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (!made_ || now - made_at_ >= std::chrono::seconds(1)) {
      answer_ = check_readiness(ctx);
      made_ = true;
      made_at_ = now;
    }
    return answer_;
  }

 private:
  std::mutex mu_;
  bool made_ = false;
  std::chrono::steady_clock::time_point made_at_;
  std::pair<bool, std::string> answer_;
};

}  // namespace

void add_ops_routes(Router& r, ServerContext& ctx) {
  get_route(r, "/healthz", [](auto req, auto) {
    return Reply()
        .header(restinio::http_field::content_type, "application/json")
        .header(restinio::http_field::cache_control, "no-store")
        .body(R"({"status":"ok"})")
        .send(req);
  });
  // Readiness (SPEC §10): one entry per check, 503 while one is down, with its reason in both
  // languages. Liveness stays /healthz. The checks are made at most once a second whatever the
  // callers (the route is public); others get the last answer.
  auto last = std::make_shared<ReadyAnswer>();
  get_route(r, "/readyz", [&ctx, last](auto req, auto) {
    const auto [ready, body] = last->get(ctx);
    return Reply(ready ? 200 : 503)
        .header(restinio::http_field::content_type, "application/json")
        .header(restinio::http_field::cache_control, "no-store")
        .body(body)
        .send(req);
  });
  // The metrics name sign-ins, users and queues: for this machine's scraper, or a bearer of
  // server.metrics_token; anyone else gets the 404 of a path that does not exist.
  get_route(r, "/metrics", [&ctx](auto req, auto) {
    const bool allowed = request_client(*req, ctx).local ||
                         bearer_matches(req->header().get_field_or(restinio::http_field::authorization, ""),
                                        ctx.proxies.metrics_token);
    if (!allowed) {
      return reply_problem(req, 404,
                           Error::make(ErrorCode::not_found, "Không tìm thấy", "Not found", "path"));
    }
    return Reply()
        .header(restinio::http_field::content_type, "text/plain; version=0.0.4; charset=utf-8")
        .header(restinio::http_field::cache_control, "no-store")
        .body(ctx.metrics.render())
        .send(req);
  });
}

}  // namespace ct::server
