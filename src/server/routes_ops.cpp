#include "server/routes.h"

namespace ct::server {

void add_ops_routes(Router& r, ServerContext& ctx) {
  r.http_get("/healthz", [](auto req, auto) {
    return req->create_response()
        .append_header(restinio::http_field::content_type, "application/json")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(R"({"status":"ok"})")
        .done();
  });
  r.http_get("/metrics", [&ctx](auto req, auto) {
    return req->create_response()
        .append_header(restinio::http_field::content_type, "text/plain; version=0.0.4; charset=utf-8")
        .set_body(ctx.metrics.render())
        .done();
  });
}

}  // namespace ct::server
