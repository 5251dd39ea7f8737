#pragma once
// Shared by the routes_api_*.cpp tables: paging, list envelopes, and turning registry results
// into API results.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/time_format.h"
#include "registry/registry_env.h"
#include "server/api_route.h"
#include "server/api_schema.h"
#include "server/json_io.h"
#include "server/request_context.h"

namespace ct::server {

inline constexpr std::int64_t kMaxPageLimit = 1000;

// ?limit= (1–1000, default 100) and ?offset= (default 0).
[[nodiscard]] inline Result<registry::Page> page_of(const HttpRequest& req) {
  auto limit = query_integer(req, "limit", 100, 1, kMaxPageLimit);
  if (!limit) return fail(limit.error());
  auto offset = query_integer(req, "offset", 0, 0, 1'000'000'000);
  if (!offset) return fail(offset.error());
  return registry::Page{static_cast<int>(*limit), static_cast<int>(*offset)};
}

[[nodiscard]] inline std::vector<QueryParam> page_params(std::vector<QueryParam> more = {}) {
  more.push_back({"limit", "integer", "Page size, 1–1000 (default 100)"});
  more.push_back({"offset", "integer", "Items to skip (default 0)"});
  return more;
}

[[nodiscard]] inline nlohmann::json page_json(nlohmann::json items, registry::Page p) {
  return {{"items", std::move(items)}, {"limit", p.limit}, {"offset", p.offset}};
}

[[nodiscard]] inline nlohmann::json opt_json(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

[[nodiscard]] inline std::string query_text(const HttpRequest& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

// Reads the body's fields with `read` (a JsonReader), then checks nothing else was sent.
template <typename T, typename F>
[[nodiscard]] Result<T> read_body(const nlohmann::json& body, F read) {
  JsonReader r(body);
  T out = read(r);
  if (auto s = r.finish(); !s) return fail(s.error());
  return out;
}

// A file download (every API answer is Cache-Control: no-store); `filename` is ASCII (letters,
// digits, '-', '_', '.') chosen by the caller.
[[nodiscard]] inline HttpResponse file_response(const Bytes& bytes, const char* type, const std::string& filename) {
  HttpResponse r;
  r.content_type = type;
  r.body.assign(bytes.begin(), bytes.end());
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

// A problem from an error, as an ApiResult.
[[nodiscard]] inline tl::unexpected<Problem> problem(Error e) { return tl::unexpected<Problem>(Problem(std::move(e))); }

}  // namespace ct::server
