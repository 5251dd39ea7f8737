#include "common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ct {
namespace {

// The length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return len;
}

// "crl: published …" → "crl"; a message without such a prefix → "log".
std::string_view event_of(std::string_view msg) {
  const auto colon = msg.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return "log";
  for (char c : msg.substr(0, colon)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return "log";
  }
  return msg.substr(0, colon);
}

void add_field(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":\"";
  append_json_string(out, value);
  out += '"';
}

class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line = "{\"time\":\"";
    const auto since = msg.time.time_since_epoch();
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(since - secs).count();
    const std::time_t t = static_cast<std::time_t>(secs.count());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[40];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    line += stamp;
    line += '"';
    const auto level = spdlog::level::to_string_view(msg.level);
    add_field(line, "level", std::string_view(level.data(), level.size()));
    const std::string_view text(msg.payload.data(), msg.payload.size());
    add_field(line, "event", event_of(text));
    add_field(line, "msg", text);
    const LogContext& c = log_context();
    if (!c.request_id.empty()) add_field(line, "request_id", c.request_id);
    if (!c.method.empty()) add_field(line, "method", c.method);
    if (!c.route.empty()) add_field(line, "route", c.route);
    if (!c.actor.empty()) add_field(line, "actor", c.actor);
    if (c.status != 0) line += ",\"status\":" + std::to_string(c.status);
    if (c.duration_ms >= 0) {
      char d[32];
      std::snprintf(d, sizeof d, "%.3f", c.duration_ms);
      line += ",\"duration_ms\":";
      line += d;
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if (const std::size_t len = utf8_sequence(text, i); len > 0) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
}

LogContext& log_context() noexcept {
  static thread_local LogContext context;
  return context;
}

std::unique_ptr<spdlog::formatter> json_line_formatter() { return std::make_unique<JsonLineFormatter>(); }

Result<LogSettings> load_log_settings(const Config& cfg, spdlog::level::level_enum fallback_level) {
  LogSettings out;
  auto level = cfg.string("log.level", "");
  if (!level) return fail(level.error());
  if (level->empty()) {
    out.level = fallback_level;
  } else if (*level == "debug" || *level == "info" || *level == "warn" || *level == "error") {
    out.level = spdlog::level::from_str(*level);
  } else {
    return fail(ErrorCode::invalid_input, "log.level không hợp lệ: '" + *level + "' (debug, info, warn, error)",
                "Invalid log.level: '" + *level + "' (debug, info, warn, error)", "log.level");
  }
  auto format = cfg.string("log.format", "text");
  if (!format) return fail(format.error());
  if (*format != "text" && *format != "json") {
    return fail(ErrorCode::invalid_input, "log.format không hợp lệ: '" + *format + "' (text, json)",
                "Invalid log.format: '" + *format + "' (text, json)", "log.format");
  }
  out.json = *format == "json";
  auto access = cfg.boolean("log.access", false);
  if (!access) return fail(access.error());
  out.access = *access;
  return out;
}

void apply_log_settings(const LogSettings& settings) {
  spdlog::set_level(settings.level);
  if (settings.json) {
    spdlog::set_formatter(json_line_formatter());
  } else {
    spdlog::set_formatter(std::make_unique<spdlog::pattern_formatter>());
  }
}

}  // namespace ct
