#include "server/http_server.h"

#include <restinio/all.hpp>
#include <restinio/tls.hpp>

#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "app/installation_jobs.h"
#include "app/scheduler.h"
#include "common/logging.h"
#include "server/portal_files.h"
#include "server/request_note.h"
#include "server/routes.h"
#include "server/routes_public.h"
#include "server/session.h"
#include "server/auth.h"

namespace ct::server {
namespace {

// Open connections, so that shutdown can wait for them to finish (connection_state_listener).
struct ConnectionCounter {
  std::atomic<int> open{0};
  void state_changed(const restinio::connection_state::notice_t& n) noexcept {
    const auto cause = n.cause();
    if (restinio::get_if<restinio::connection_state::accepted_t>(&cause) != nullptr) ++open;
    if (restinio::get_if<restinio::connection_state::closed_t>(&cause) != nullptr) --open;
  }
};

template <typename Base>
struct CountedTraits : Base {
  using connection_state_listener_t = ConnectionCounter;
  static constexpr bool use_connection_count_limiter = true;
};
using Handler = restinio::default_request_handler_t;
using PlainTraits = CountedTraits<restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, Handler>>;
using TlsTraits = CountedTraits<restinio::tls_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, Handler>>;

// The metrics label of a request no route named: the fixed paths, else the first segment.
std::string fallback_route(std::string_view path) {
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") return std::string(path);
  const auto next = path.find('/', 1);
  return next == std::string_view::npos ? std::string(path) : std::string(path.substr(0, next)) + "/*";
}

Result<std::shared_ptr<Router>> make_router(ServerContext& ctx, std::shared_ptr<const PortalFiles> portal) {
  auto router = std::make_shared<Router>();
  add_ops_routes(*router, ctx);
  add_public_routes(*router, ctx);
  if (auto s = add_api_routes(*router, ctx); !s) return fail(s.error());
  add_portal_fallback(*router, std::move(portal), ctx.tls);
  return router;
}

// server.web_dir, relative to the working directory; by default the source tree's web/dist.
Result<std::shared_ptr<const PortalFiles>> portal_of(const Config& cfg) {
  auto dir = cfg.string("server.web_dir", CHUNGTHU_DEFAULT_WEB_DIR);
  if (!dir) return fail(dir.error());
  std::error_code ec;
  const auto path = dir->empty() ? std::filesystem::path() : std::filesystem::absolute(*dir, ec);
  if (ec || path.empty()) {
    return fail(ErrorCode::invalid_input, "server.web_dir không hợp lệ: '" + *dir + "'",
                "Invalid server.web_dir: '" + *dir + "'", "server.web_dir");
  }
  auto portal = std::make_shared<const PortalFiles>(path.lexically_normal());
  if (portal->built()) {
    spdlog::info("portal: serving {}", portal->dir().string());
  } else {
    spdlog::warn("portal: {} has no index.html (run `make web`); / answers 503, the API works", portal->dir().string());
  }
  return portal;
}

// Every request timed and counted by route pattern and status (request_note.h). GET /ocsp/… is
// answered before the express router (route_public_fast): the router's std::regex matching of the
// long base64 path costs about a third of an OCSP answer.
// Each request gets an id (this process's random prefix and a counter), sent back as
// X-Request-Id and written on every log line of the request (common/logging.h).
Handler timed(std::shared_ptr<Router> router, ServerContext& sctx) {
  auto prefix = std::make_shared<const std::string>([] {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", rd());
    return std::string(buf);
  }());
  auto counter = std::make_shared<std::atomic<std::uint64_t>>(0);
  return [router = std::move(router), &sctx, prefix, counter](restinio::request_handle_t req) {
    Metrics& metrics = sctx.metrics;
    request_note() = RequestNote{};
    LogContext& log = log_context();
    log = LogContext{};
    log.request_id = *prefix + "-" + std::to_string(counter->fetch_add(1) + 1);
    const auto start = std::chrono::steady_clock::now();
    const std::string method = req->header().method().c_str();
    log.method = method;
    const std::string path(req->header().path());
    const auto fast = route_public_fast(req, sctx);
    const auto rc = fast ? *fast : (*router)(std::move(req));
    const RequestNote& note = request_note();
    const int status = note.status != 0 ? note.status : (rc == restinio::request_accepted() ? 200 : 404);
    const auto took = std::chrono::steady_clock::now() - start;
    const std::string route = note.route.empty() ? fallback_route(path) : note.route;
    metrics.observe(method, route, status, took);
    if (sctx.access_log) {
      log.route = route;
      log.status = status;
      log.duration_ms = std::chrono::duration<double, std::milli>(took).count();
      spdlog::info("http.request: {} {} {} {:.1f} ms{}{}", method, route, status, log.duration_ms,
                   log.actor.empty() ? "" : " by ", log.actor);
    }
    log = LogContext{};
    return rc;
  };
}

struct Limits {
  std::size_t max_body = 0;
  std::size_t max_connections = 1024;
  std::chrono::seconds idle{30};
  std::chrono::seconds grace{10};
};

template <typename Traits>
restinio::server_settings_t<Traits> base_settings(const ListenAddress& addr, const Limits& limits, Handler handler,
                                                  std::shared_ptr<ConnectionCounter> counter) {
  return std::move(restinio::server_settings_t<Traits>{}
                       .address(addr.host)
                       .port(addr.port)
                       .max_pipelined_requests(4)
                       .max_parallel_connections(limits.max_connections)
                       .read_next_http_message_timelimit(limits.idle)
                       .write_http_response_timelimit(std::chrono::seconds(60))
                       .handle_request_timeout(std::chrono::seconds(60))
                       .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                     .max_url_size(8 * 1024)
                                                     .max_field_name_size(256)
                                                     .max_field_value_size(8 * 1024)
                                                     .max_field_count(100)
                                                     .max_body_size(limits.max_body))
                       .connection_state_listener(std::move(counter))
                       .request_handler(std::move(handler)));
}

// Runs the server until SIGINT/SIGTERM. Shutdown (SPEC: nothing half-written): stop accepting,
// let open connections finish their requests (up to `grace`), then stop the threads; every
// write is a store transaction, so a request cut off by the grace limit leaves nothing behind.
template <typename Traits>
Status run(restinio::server_settings_t<Traits> settings, const ListenAddress& addr, const std::string& listen,
           unsigned threads, const Limits& limits, const ConnectionCounter& counter, bool tls) {
  restinio::asio_ns::io_context io;
  restinio::http_server_t<Traits> server{restinio::external_io_context(io), std::move(settings)};
  std::optional<Error> open_error;
  restinio::asio_ns::signal_set signals(io, SIGINT, SIGTERM);
  restinio::asio_ns::steady_timer drain(io);
  const auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void()> wait_for_connections = [&] {
    if (counter.open.load() <= 0 || std::chrono::steady_clock::now() >= *deadline) {
      io.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(50));
    drain.async_wait([&](const auto&) { wait_for_connections(); });
  };
  signals.async_wait([&](const auto& ec, int) {
    if (ec) return;
    spdlog::info("serve: stopping, finishing in-flight requests");
    *deadline = std::chrono::steady_clock::now() + limits.grace;
    server.close_async([&] { wait_for_connections(); },
                       [&](std::exception_ptr) { io.stop(); });
  });
  server.open_async(
      [&] { spdlog::info("serve: chungthu serving on {}://{}:{}", tls ? "https" : "http", addr.host, addr.port); },
      [&](std::exception_ptr ex) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(ex);
        } catch (const std::exception& e) {
          what = e.what();
        }
        open_error = Error::make(ErrorCode::unavailable, "Không mở được cổng " + listen + ": " + what,
                                 "Cannot listen on " + listen + ": " + what, "listen");
        signals.cancel();
        io.stop();
      });
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  if (open_error) return fail(*open_error);
  return {};
}

Result<std::shared_ptr<restinio::asio_ns::ssl::context>> tls_context(const std::string& cert, const std::string& key) {
  auto ctx = std::make_shared<restinio::asio_ns::ssl::context>(restinio::asio_ns::ssl::context::tls_server);
  restinio::asio_ns::error_code ec;
  ctx->set_options(restinio::asio_ns::ssl::context::default_workarounds | restinio::asio_ns::ssl::context::no_sslv2 |
                       restinio::asio_ns::ssl::context::no_sslv3 | restinio::asio_ns::ssl::context::no_tlsv1 |
                       restinio::asio_ns::ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ctx->use_certificate_chain_file(cert, ec);
  if (!ec) ctx->use_private_key_file(key, restinio::asio_ns::ssl::context::pem, ec);
  if (ec) {
    // The message names the files, never their content.
    return fail(ErrorCode::invalid_input, "Không nạp được chứng thư/khóa TLS (" + cert + ", " + key + ")",
                "Cannot load the TLS certificate or key (" + cert + ", " + key + ")", "server.tls_cert");
  }
  return ctx;
}

}  // namespace

Result<ListenAddress> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  auto bad = [&] {
    return fail(ErrorCode::invalid_input, "Địa chỉ lắng nghe không hợp lệ: '" + text + "' (dạng ĐỊA_CHỈ:CỔNG)",
                "Invalid listen address: '" + text + "' (ADDR:PORT)", "listen");
  };
  if (colon == std::string::npos || colon == 0) return bad();
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port == 0 || port > 65535) return bad();
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

Status serve(app::Context& ctx, const ServeOptions& opts) {
  auto addr = parse_listen(opts.listen);
  if (!addr) return fail(addr.error());
  const unsigned threads = opts.threads != 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto& cfg = ctx.config();
  auto cert = cfg.string("server.tls_cert", "");
  auto key = cfg.string("server.tls_key", "");
  auto grace = cfg.integer("server.shutdown_grace_seconds", 10);
  auto idle = cfg.integer("server.keepalive_seconds", 30);
  auto worker = cfg.boolean("server.worker", true);
  auto connections = cfg.integer("server.max_connections", 1024);
  if (!connections) return fail(connections.error());
  if (*connections < 1 || *connections > 100000) {
    return fail(ErrorCode::invalid_input, "server.max_connections phải từ 1 đến 100000",
                "server.max_connections must be between 1 and 100000", "server.max_connections");
  }
  if (!cert) return fail(cert.error());
  if (!key) return fail(key.error());
  if (!grace) return fail(grace.error());
  if (!idle) return fail(idle.error());
  if (!worker) return fail(worker.error());
  if (cert->empty() != key->empty()) {
    return fail(ErrorCode::invalid_input, "Cần cả server.tls_cert và server.tls_key để bật TLS",
                "TLS needs both server.tls_cert and server.tls_key", "server.tls_cert");
  }
  Limits limits;
  // Room for the largest attachment; larger bodies are cut off by RESTinio, smaller ones that are
  // too large for their route get a 413 problem from the route.
  limits.max_body = static_cast<std::size_t>(ctx.registry_settings().attachment_max_bytes) + 1024 * 1024;
  limits.max_connections = static_cast<std::size_t>(*connections);
  limits.grace = std::chrono::seconds(std::max<std::int64_t>(0, *grace));
  limits.idle = std::chrono::seconds(std::max<std::int64_t>(1, *idle));

  auto portal = portal_of(cfg);
  if (!portal) return fail(portal.error());

  std::shared_ptr<restinio::asio_ns::ssl::context> tls_ctx;
  if (!cert->empty()) {
    auto tls = tls_context(*cert, *key);
    if (!tls) return fail(tls.error());
    tls_ctx = std::move(*tls);
  }

  auto proxies = ProxySettings::load(cfg);
  if (!proxies) return fail(proxies.error());
  auto log_settings = load_log_settings(cfg, spdlog::level::info);  // a normal start-up is logged
  if (!log_settings) return fail(log_settings.error());
  apply_log_settings(*log_settings);
  Metrics metrics;
  ServerContext sctx{ctx, metrics};
  sctx.tls = tls_ctx != nullptr;
  sctx.proxies = std::move(*proxies);
  sctx.access_log = log_settings->access;
  std::shared_ptr<Router> router;
  // Declared after the router, so it stops (letting a job in progress finish) before the
  // services its jobs use go away.
  app::Scheduler scheduler(ctx.db(), ctx.clock(), app::process_name("serve"));
  sctx.scheduler = &scheduler;
  if (auto s = app::add_installation_jobs(scheduler, ctx, {.operations = *worker}); !s) return fail(s.error());
  auto session_settings = SessionSettings::load(ctx.config());
  if (!session_settings) return fail(session_settings.error());
  auto limits_in = SignInLimits::load(ctx.config());
  if (!limits_in) return fail(limits_in.error());
  auto sessions = std::make_shared<SessionStore>(ctx.db(), ctx.clock(), ctx.rng(), *session_settings);
  auto throttle = std::make_shared<SignInThrottle>(ctx.db(), ctx.clock(), limits_in->throttle);
  scheduler.add({"sessions",
                 "Xóa phiên hết hạn, ghi tổng số lần đăng nhập sai / Delete expired sessions, audit counted sign-in "
                 "failures",
                 std::chrono::seconds(300), true, std::chrono::seconds(60), [sessions, throttle]() -> Status {
                   if (auto s = sessions->sweep(); !s) return s;
                   return throttle->sweep();
                 }});
  auto made = make_router(sctx, std::move(*portal));
  if (!made) return fail(made.error());
  router = std::move(*made);
  scheduler.start();
  auto counter = std::make_shared<ConnectionCounter>();
  Status result;
  if (tls_ctx) {
    auto settings = base_settings<TlsTraits>(*addr, limits, timed(router, sctx), counter);
    settings.tls_context(std::move(tls_ctx));
    result = run<TlsTraits>(std::move(settings), *addr, opts.listen, threads, limits, *counter, true);
  } else {
    result = run<PlainTraits>(base_settings<PlainTraits>(*addr, limits, timed(router, sctx), counter), *addr,
                              opts.listen, threads, limits, *counter, false);
  }
  scheduler.stop();
  app::checkpoint_audit_at_shutdown(ctx);
  return result;
}

}  // namespace ct::server
