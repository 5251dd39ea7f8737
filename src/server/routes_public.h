#pragma once
// The public service (no sign-in), shared by routes_public*.cpp:
//   routes_public.cpp         services (OCSP cache and its job, rate limit), registration
//   routes_public_ocsp.cpp    POST /ocsp, GET /ocsp/<base64>            (RFC 6960 App. A, RFC 5019)
//   routes_public_files.cpp   GET /ca/<name>.crt, GET /crl/<name>.crl   (RFC 5280 §4.2.1.13, §4.2.2.1)
//   routes_public_lookup.cpp  /api/v1/public/certificates…, /api/v1/public/inspect

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.h"
#include "common/hex.h"
#include "pki/ocsp_cache.h"
#include "server/json_io.h"
#include "server/reply.h"
#include "server/routes.h"

namespace ct::server {

// A token bucket per client address (the JSON endpoints; OCSP requests the cache cannot answer
// from memory): `per_second` tokens a second up to `burst`. per_second 0 turns it off. At most
// `max_clients` buckets; full ones are forgotten first. Thread-safe.
class RateLimiter final {
 public:
  RateLimiter(double per_second, double burst, std::size_t max_clients = 10000);
  [[nodiscard]] bool allow(const std::string& client, std::chrono::steady_clock::time_point now);
  // The Retry-After of a refused request: the time one token takes to come back, whole seconds
  // rounded up (at least 1).
  [[nodiscard]] std::chrono::seconds retry_after() const noexcept;

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  double per_second_;
  double burst_;
  std::size_t max_clients_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // REQUIRES: mu_
};

struct RateLimit {
  double per_second = 0;  // 0: no limit
  double burst = 0;
};

// What the public routes keep for the life of the router (the route handlers hold it).
struct PublicServices {
  PublicServices(RateLimit lookup, RateLimit ocsp_misses)
      : limiter(lookup.per_second, lookup.burst), ocsp_limiter(ocsp_misses.per_second, ocsp_misses.burst) {}
  PublicServices(const PublicServices&) = delete;
  PublicServices& operator=(const PublicServices&) = delete;
  std::shared_ptr<pki::OcspCache> ocsp;  // null when the installation has no OCSP signer
  RateLimiter limiter;       // lookup, download, inspect (public.rate_limit_*)
  RateLimiter ocsp_limiter;  // OCSP requests that need the store or a signature (ocsp.rate_limit_*)
};

// Builds the services from the installation; sets ctx.ocsp. With ctx.scheduler, adds the
// per-process jobs "ocsp-cache" (the cache's maintenance, every second) and "metrics" (the
// gauges of the cache, the job queue and the CRLs, every second).
// Configuration: ocsp.cache_entries (100000), ocsp.refresh_percent (50),
// ocsp.rate_limit_per_second (20), ocsp.rate_limit_burst (40), public.rate_limit_per_second (20),
// public.rate_limit_burst (40).
[[nodiscard]] std::shared_ptr<PublicServices> make_public_services(ServerContext& ctx);

// --- OCSP over HTTP --------------------------------------------------------------------------
inline constexpr std::size_t kMaxOcspRequestBytes = 64 * 1024;

// GET (RFC 6960 Appendix A.1, RFC 5019 §5): the path after "/ocsp/" is the URL-encoding of
// the base64 of the DER request. Percent-escapes are decoded; the standard and URL-safe
// alphabets are accepted, padding optional. invalid_input when it does not decode.
[[nodiscard]] Result<Bytes> decode_ocsp_get(std::string_view tail);
// POST (RFC 6960 Appendix A.1): 0 when the request may be answered, else the HTTP status:
// 415 for a Content-Type other than application/ocsp-request, 413 above 64 KiB.
[[nodiscard]] int check_ocsp_post(std::string_view content_type, std::size_t body_size) noexcept;

// --- Helpers shared by the routes --------------------------------------------------------------
[[nodiscard]] restinio::request_handling_status_t reply_problem(const RequestHandle& req, int status,
                                                                const Error& e);
// True when an If-None-Match header lists `etag` (or is "*").
[[nodiscard]] bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The OCSP GET fast path for the request wrapper in http_server.cpp: answers GET /ocsp/… before
// the express router, whose std::regex matching of the long base64 path costs about a third of
// the CPU of an OCSP answer (perf, bench/ocsp.sh), when the answer costs neither a store read
// nor a signature (OcspCache::answer_from_memory); nullopt for any other request, and for
// those, which the router's GET /ocsp route answers within the client's rate limit.
[[nodiscard]] std::optional<restinio::request_handling_status_t> route_public_fast(const RequestHandle& req,
                                                                                 ServerContext& ctx);

// The routes of the public service and of operations, for the OpenAPI document (the API's own
// routes come from its route table). Paths are OpenAPI templates.
struct PublicRouteDoc {
  const char* method;
  const char* path;
  const char* summary;
  const char* content_type;  // of a successful answer
};
[[nodiscard]] const std::vector<PublicRouteDoc>& public_route_docs();

void add_ocsp_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>& services);
void add_file_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>& services);
void add_lookup_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>& services);

}  // namespace ct::server
