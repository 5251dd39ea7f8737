#pragma once
// `chungthu serve`: the HTTP service. Runs a thread pool sized to the cores until SIGINT or
// SIGTERM, then stops accepting and lets in-flight requests finish.

#include <string>

#include "app/context.h"
#include "common/error.h"

namespace ct::server {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; [v6addr]:PORT for IPv6
  unsigned threads = 0;                   // 0: one per core
};

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
[[nodiscard]] Result<ListenAddress> parse_listen(const std::string& text);

[[nodiscard]] Status serve(app::Context& ctx, const ServeOptions& opts);

}  // namespace ct::server
