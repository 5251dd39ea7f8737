#include "server/http_server.h"

#include <restinio/all.hpp>

#include "server/problem.h"
#include "server/routes.h"
#include <spdlog/spdlog.h>

#include <charconv>
#include <thread>
#include <vector>

namespace ct::server {
namespace {

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, Router>;

std::unique_ptr<Router> make_router(ServerContext& ctx) {
  auto router = std::make_unique<Router>();
  add_ops_routes(*router, ctx);
  add_public_routes(*router, ctx);
  add_api_routes(*router, ctx);
  router->non_matched_request_handler([](auto req) {
    return req->create_response(restinio::status_not_found())
        .append_header(restinio::http_field::content_type, "application/problem+json")
        .set_body(problem_json(404, http_error(404)).dump())
        .done();
  });
  return router;
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

  Metrics metrics;
  ServerContext sctx{ctx, metrics};
  restinio::asio_ns::io_context io;
  restinio::http_server_t<Traits> server{
      restinio::external_io_context(io),
      restinio::server_settings_t<Traits>{}
          .address(addr->host)
          .port(addr->port)
          .max_pipelined_requests(4)
          .read_next_http_message_timelimit(std::chrono::seconds(30))
          .handle_request_timeout(std::chrono::seconds(30))
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(32u * 1024u * 1024u))
          .request_handler(make_router(sctx))};

  std::optional<Error> open_error;
  restinio::asio_ns::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const auto& ec, int) {
    if (ec) return;
    spdlog::warn("stopping: finishing in-flight requests");
    server.close_async([] {}, [](std::exception_ptr) {});
  });
  server.open_async(
      [&] { spdlog::warn("chungthu serving on http://{}:{}", addr->host, addr->port); },
      [&](std::exception_ptr ex) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(ex);
        } catch (const std::exception& e) {
          what = e.what();
        }
        open_error = Error::make(ErrorCode::unavailable, "Không mở được cổng " + opts.listen + ": " + what,
                                 "Cannot listen on " + opts.listen + ": " + what, "listen");
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

}  // namespace ct::server
