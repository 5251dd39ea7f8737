#pragma once
// The log (SPEC §10): spdlog's default logger, as text for a person at a terminal or as JSON
// lines for a collector. Configuration ([log] in chungthu.toml, or CHUNGTHU_LOG_*):
//   level  = "info"    debug | info | warn | error (`serve`; other commands default to warn)
//   format = "text"    or "json": one object per line with time (UTC, ms), level, event, msg,
//                      and, for a line written while an HTTP request is handled, request_id,
//                      method, route (the pattern, never the raw path or query: no token of a
//                      link ends up in a log), actor; the access line adds status and duration_ms
//   access = false     one info line per HTTP request (event "http.request")
// A message "name: text" has the event "name" (e.g. "crl", "attachments-gc"); any other, "log".
// No secret is ever passed to the log: messages name keys, files and people, never PINs,
// passwords, tokens or key material.

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/common.h>
#include <spdlog/formatter.h>

#include "common/config.h"

namespace ct {

struct LogSettings {
  spdlog::level::level_enum level = spdlog::level::warn;
  bool json = false;
  bool access = false;
};

// `fallback_level` when log.level is not set. An unknown level or format is invalid_input naming the key.
[[nodiscard]] Result<LogSettings> load_log_settings(const Config& cfg, spdlog::level::level_enum fallback_level);
// Sets the default logger's level and format.
void apply_log_settings(const LogSettings& settings);

// What is known of the HTTP request this thread handles now (set by the server for the time of
// the request), added to every JSON line written meanwhile.
struct LogContext {
  std::string request_id;
  std::string method;
  std::string route;
  std::string actor;
  int status = 0;            // the access line only
  double duration_ms = -1;   // the access line only
};
[[nodiscard]] LogContext& log_context() noexcept;

// The JSON-lines formatter (exposed for tests).
[[nodiscard]] std::unique_ptr<spdlog::formatter> json_line_formatter();
// `text` as the inside of a JSON string: quotes, backslashes and control characters escaped;
// invalid UTF-8 bytes replaced by U+FFFD, so a line is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace ct
