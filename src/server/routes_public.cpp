#include "server/routes_public.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "pki/hierarchy.h"
#include "server/problem.h"
#include "server/request_note.h"
#include "store/job_queue.h"
#include "store/pki_repository.h"

namespace ct::server {
namespace {

std::int64_t setting(const app::Context& app, const std::string& key, std::int64_t fallback) {
  auto v = app.config().integer(key, fallback);
  if (!v) {
    spdlog::warn("{}: {}; using {}", key, v.error().message_en, fallback);
    return fallback;
  }
  return *v;
}

std::shared_ptr<pki::OcspCache> make_ocsp_cache(app::Context& app) {
  auto answerer = app.ocsp_answerer();
  if (!answerer) {
    spdlog::warn("OCSP responder disabled: {}", answerer.error().message_en);
    return nullptr;
  }
  auto lease = app.db().acquire();
  if (!lease) return nullptr;
  auto signer = store::find_ca(**lease, "ocsp");
  if (!signer || !*signer || !(*signer)->parent_id) return nullptr;
  auto issuer = store::find_ca(**lease, *(*signer)->parent_id);
  if (!issuer || !*issuer) return nullptr;
  auto key = app.keys().load((*signer)->key_ref);
  if (!key) {
    spdlog::warn("OCSP responder disabled: {}", key.error().message_en);
    return nullptr;
  }
  pki::OcspCacheOptions opt;
  opt.max_entries = static_cast<std::size_t>(std::max<std::int64_t>(setting(app, "ocsp.cache_entries", 100000), 1));
  opt.refresh_percent = static_cast<int>(setting(app, "ocsp.refresh_percent", 50));
  return std::make_shared<pki::OcspCache>(app.db(), std::move(*answerer), std::move(**issuer), std::move(**signer),
                                     std::move(*key), app.clock(), opt);
}

// A signer renewed by any process (ocsp_signer.h) replaces the one the cache signs with.
Status follow_ocsp_signer(app::Context& app, pki::OcspCache& cache) {
  auto lease = app.db().acquire();
  if (!lease) return fail(lease.error());
  auto signer = store::find_ca(**lease, pki::kOcspSigner);
  if (!signer) return fail(signer.error());
  if (!*signer || (*signer)->serial == cache.signer_serial()) return {};
  auto key = app.keys().load((*signer)->key_ref);
  if (!key) return fail(key.error());
  spdlog::info("OCSP: signing with the renewed signer {} (was {})", (*signer)->serial, cache.signer_serial());
  cache.replace_signer(std::move(**signer), std::move(*key));
  return {};
}

void publish_ocsp_gauges(ServerContext& ctx, const pki::OcspCache& cache) {
  const auto s = cache.stats();
  ctx.metrics.set_gauge("chungthu_ocsp_cache_entries", "Pre-signed OCSP responses held.", static_cast<double>(s.entries));
  ctx.metrics.set_gauge("chungthu_ocsp_cache_bytes", "Memory held by the pre-signed OCSP responses.",
                        static_cast<double>(s.bytes));
  ctx.metrics.set_gauge("chungthu_ocsp_cache_oldest_age_seconds", "Age of the oldest pre-signed OCSP response.",
                        s.oldest_age ? static_cast<double>(s.oldest_age->count()) : 0.0);
  ctx.metrics.set_gauge("chungthu_ocsp_cache_hits", "OCSP requests answered from the cache.", static_cast<double>(s.hits));
  ctx.metrics.set_gauge("chungthu_ocsp_cache_misses", "OCSP requests the cache could not answer from memory.", static_cast<double>(s.misses));
  ctx.metrics.set_gauge("chungthu_ocsp_signatures", "OCSP responses signed by this process.",
                        static_cast<double>(s.signatures));
  ctx.metrics.set_gauge("chungthu_ocsp_change_epoch", "Last certificate status change seen.", static_cast<double>(s.epoch));
}

void publish_store_gauges(ServerContext& ctx) {
  // The HSM's state as /readyz sees it, for alerting (a cheap C_GetSessionInfo with pkcs11).
  ctx.metrics.set_gauge("chungthu_key_backend_up", "1 while the CA key backend can sign, else 0.",
                        ctx.app.keys().check() ? 0.0 : 1.0);
  auto lease = ctx.app.db().acquire();
  if (!lease) return;
  if (auto n = store::count_jobs(**lease, store::JobState::queued)) {
    ctx.metrics.set_gauge("chungthu_jobs_queued", "Operations waiting in the job queue.", static_cast<double>(*n));
  }
  if (auto n = store::count_jobs(**lease, store::JobState::running)) {
    ctx.metrics.set_gauge("chungthu_jobs_running", "Operations being run.", static_cast<double>(*n));
  }
  auto cas = store::list_cas(**lease);
  if (!cas) return;
  const TimePoint now = ctx.app.clock().now();
  for (const auto& ca : *cas) {
    // Days left of every CA and signer (the OCSP signer is renewed ca.ocsp_renew_days before).
    ctx.metrics.set_gauge("chungthu_ca_days_left_" + ca.name, "Days before the certificate of " + ca.name + " expires.",
                          static_cast<double>(std::chrono::duration_cast<std::chrono::hours>(ca.not_after - now).count()) / 24.0);
    auto crl = store::latest_crl(**lease, ca.id, false);
    if (!crl || !*crl) continue;
    ctx.metrics.set_gauge("chungthu_crl_seconds_to_next_update_" + ca.name,
                          "Seconds before nextUpdate of the current CRL of " + ca.name + " (negative: stale).",
                          static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>((*crl)->next_update - now).count()));
    ctx.metrics.set_gauge("chungthu_crl_age_seconds_" + ca.name, "Seconds since thisUpdate of the current CRL of " + ca.name + ".",
                          static_cast<double>((now - (*crl)->this_update).count()));
    ctx.metrics.set_gauge("chungthu_crl_number_" + ca.name, "CRL number of the current CRL of " + ca.name + ".",
                          static_cast<double>((*crl)->number));
  }
}

}  // namespace

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_clients)
    : per_second_(per_second), burst_(std::max(burst, 1.0)), max_clients_(std::max<std::size_t>(max_clients, 1)) {}

bool RateLimiter::allow(const std::string& client, std::chrono::steady_clock::time_point now) {
  if (per_second_ <= 0) return true;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) {
      // Forget the clients whose buckets have refilled: they lose nothing.
      std::erase_if(buckets_, [&](const auto& kv) {
        const std::chrono::duration<double> idle = now - kv.second.at;
        return kv.second.tokens + idle.count() * per_second_ >= burst_;
      });
      if (buckets_.size() >= max_clients_) return false;
    }
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const std::chrono::duration<double> elapsed = now - b.at;
  b.tokens = std::min(burst_, b.tokens + elapsed.count() * per_second_);
  b.at = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

std::chrono::seconds RateLimiter::retry_after() const noexcept {
  if (per_second_ <= 0) return std::chrono::seconds(1);
  return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(1.0 / per_second_))));
}

std::shared_ptr<PublicServices> make_public_services(ServerContext& ctx) {
  app::Context& app = ctx.app;
  const auto limit = [&app](const std::string& section) {
    return RateLimit{static_cast<double>(setting(app, section + ".rate_limit_per_second", 20)),
                     static_cast<double>(setting(app, section + ".rate_limit_burst", 40))};
  };
  auto services = std::make_shared<PublicServices>(limit("public"), limit("ocsp"));
  services->ocsp = make_ocsp_cache(app);
  ctx.ocsp = services->ocsp.get();
  if (ctx.scheduler != nullptr) {
    if (auto cache = services->ocsp) {
      ctx.scheduler->add({"ocsp-cache", "Ký trước và làm mới phản hồi OCSP / Pre-sign and refresh OCSP responses",
                          std::chrono::seconds(1), false, std::chrono::seconds(300),
                          [cache, &app, checked = std::make_shared<TimePoint>()]() -> Status {
                            if (const TimePoint now = app.clock().now(); now - *checked >= std::chrono::seconds(10)) {
                              *checked = now;
                              if (auto s = follow_ocsp_signer(app, *cache); !s) return s;
                            }
                            return cache->maintain();
                          }});
    }
    ctx.scheduler->add({"metrics", "Cập nhật chỉ số / Update the metrics gauges", std::chrono::seconds(1), false,
                        std::chrono::seconds(300), [&ctx, cache = services->ocsp]() -> Status {
                          if (cache) publish_ocsp_gauges(ctx, *cache);
                          publish_store_gauges(ctx);
                          return {};
                        }});
  }
  return services;
}

restinio::request_handling_status_t reply_problem(const RequestHandle& req, int status, const Error& e) {
  request_note().status = status;
  return Reply(status)
      .header(restinio::http_field::content_type, "application/problem+json")
      .header(restinio::http_field::cache_control, "no-store")
      .body(problem_json(status, e).dump())
      .send(req);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  std::size_t pos = 0;
  while (pos <= if_none_match.size()) {
    const auto comma = if_none_match.find(',', pos);
    std::string_view item = if_none_match.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison (RFC 9110 §13.1.2)
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

void add_public_routes(Router& r, ServerContext& ctx) {
  auto services = make_public_services(ctx);
  // OCSP first: the express router tries routes in order, and OCSP is the hot path.
  add_ocsp_routes(r, ctx, services);
  add_file_routes(r, ctx, services);
  add_lookup_routes(r, ctx, services);
}

const std::vector<PublicRouteDoc>& public_route_docs() {
  static const std::vector<PublicRouteDoc> kDocs{
      {"GET", "/api/v1/public/certificates", "Tra cứu chứng thư theo số hiệu, email, tên / Look certificates up by serial, e-mail or name (?serial=|email=|q=)", "application/json"},
      {"GET", "/api/v1/public/certificates/{file}", "Tải chứng thư / Download a certificate (<serial>.pem or <serial>.der)", "application/x-pem-file"},
      {"POST", "/api/v1/public/inspect", "Kiểm tra tệp chứng thư / Check a certificate file (PEM or DER; multipart or raw body)", "application/json"},
      {"GET", "/ca/{file}", "Chứng thư CA / A CA certificate (<name>.crt)", "application/pkix-cert"},
      {"GET", "/crl/{file}", "CRL hiện hành / The current CRL of a CA (<name>.crl), with ETag and Last-Modified", "application/pkix-crl"},
      {"POST", "/ocsp", "OCSP (RFC 6960), application/ocsp-request body", "application/ocsp-response"},
      {"GET", "/ocsp/{request}", "OCSP GET (RFC 5019): base64 of the DER request", "application/ocsp-response"},
      {"GET", "/healthz", "Tình trạng / Health", "application/json"},
      {"GET", "/readyz", "Sẵn sàng phục vụ / Ready: one entry per check (database, key_backend, crl, ocsp_signer, "
       "scheduler), 503 while one is down",
       "application/json"},
      {"GET", "/metrics", "Chỉ số Prometheus / Prometheus metrics", "text/plain"},
      {"GET", "/", "Cổng thông tin web / The web portal: index.html of server.web_dir (GET and HEAD; no-cache, "
                   "Content-Security-Policy); 503 with a page saying to run `make web` when it is not built",
       "text/html"},
      {"GET", "/assets/{file}", "Tệp của cổng thông tin / A built file of the portal (content-hashed name: "
                                "cached a year, immutable); a missing one is a 404 problem",
       "text/javascript"},
      {"GET", "/{path}", "Trang của cổng thông tin / Any other path outside /api, /ocsp, /crl, /ca, /healthz, "
                         "/readyz, /metrics: a file of the portal when it has an extension, else index.html (the "
                         "application's own routes)",
       "text/html"},
  };
  return kDocs;
}

}  // namespace ct::server
