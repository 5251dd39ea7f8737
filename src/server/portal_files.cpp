#include "server/portal_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>

#include "common/text.h"
#include "server/problem.h"

namespace ct::server {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

struct MediaType {
  std::string_view ext;
  const char* type;
};
constexpr std::array kMediaTypes{
    MediaType{"html", "text/html; charset=utf-8"},     MediaType{"js", "text/javascript; charset=utf-8"},
    MediaType{"mjs", "text/javascript; charset=utf-8"}, MediaType{"css", "text/css; charset=utf-8"},
    MediaType{"svg", "image/svg+xml"},                  MediaType{"png", "image/png"},
    MediaType{"ico", "image/x-icon"},                   MediaType{"woff2", "font/woff2"},
    MediaType{"json", "application/json"},              MediaType{"map", "application/json"},
    MediaType{"txt", "text/plain; charset=utf-8"},
};

const char* media_type_of(std::string_view ext) {
  const std::string e = text::ascii_lower(ext);
  for (const auto& m : kMediaTypes)
    if (m.ext == e) return m.type;
  return "application/octet-stream";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path with its percent-escapes decoded, or nullopt when it could reach outside the
// directory or name something no file system should see: "..", a backslash, NUL or another
// control character, in clear or percent-encoded, and encoded dots and slashes.
std::optional<std::string> decoded_path(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return std::nullopt;
  const std::string folded = text::ascii_lower(raw);
  for (std::string_view bad : {"..", "\\", "%2e", "%2f", "%5c", "%00"}) {
    if (folded.find(bad) != std::string::npos) return std::nullopt;
  }
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      const int hi = hex_value(raw[i + 1]), lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return std::nullopt;
    out.push_back(c);
  }
  return out;
}

// The file `rel` under `root` once symlinks are resolved, if it is a regular file inside root.
std::optional<fs::path> inside(const fs::path& root, const fs::path& rel) {
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  const fs::path p = fs::canonical(base / rel, ec);
  if (ec) return std::nullopt;
  const auto [b, q] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  if (b != base.end() || q == p.end()) return std::nullopt;
  if (!fs::is_regular_file(p, ec) || ec) return std::nullopt;
  return p;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec || size > kMaxPortalFile) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return body;
}

void add_html_headers(PortalReply& r) {
  r.headers.emplace_back("Content-Security-Policy", kCsp);
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("X-Frame-Options", "DENY");
}

PortalReply problem_reply(int status, const Error& e) {
  PortalReply r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = problem_json(status, e).dump();
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

PortalReply not_built() {
  PortalReply r;
  r.status = 503;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>chungthu — cổng thông tin chưa được dựng</title></head><body>\n"
      "<h1>Cổng thông tin chưa được dựng</h1>\n"
      "<p>Hãy chạy <code>make web</code> rồi tải lại trang. API vẫn hoạt động: "
      "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p>\n"
      "<h2 lang=\"en\">The portal is not built</h2>\n"
      "<p lang=\"en\">Run <code>make web</code>, then reload this page. The API keeps working: "
      "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p>\n"
      "</body></html>\n";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Retry-After", "60");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  add_html_headers(r);
  return r;
}

}  // namespace

bool reserved_for_service(std::string_view path) noexcept {
  auto under = [&](std::string_view prefix) {
    return path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
  };
  return under("/api") || path.starts_with("/ocsp") || under("/crl") || under("/ca") || under("/healthz") ||
         under("/readyz") || under("/metrics");
}

bool accepts_gzip(std::string_view header) noexcept {
  // Each coding: name [; q=value]. Names and parameters are case-insensitive (RFC 9110 §12.5.3).
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string name = text::ascii_lower(text::trim(item.substr(0, semi)));
    if (name != "gzip" && name != "*") continue;
    bool zero = false;
    if (semi != std::string_view::npos) {
      const std::string params = text::ascii_lower(item.substr(semi + 1));
      const auto q = params.find("q=");
      if (q != std::string::npos) {
        const std::string v = text::trim(std::string_view(params).substr(q + 2));
        // q=0, q=0.0, q=0.000: refused; anything else admits it.
        zero = !v.empty() && v.front() == '0' && v.find_first_not_of("0.", 0) == std::string::npos;
      }
    }
    if (!zero) return true;
  }
  return false;
}

bool PortalFiles::built() const { return inside(dir_, "index.html").has_value(); }

namespace {

// The body of `rel` (already resolved to `file`) for a client that may accept gzip: `<rel>.gz`
// when it exists inside the directory and the client accepts it (marking the reply), else the
// file itself.
std::optional<std::string> read_for(const fs::path& dir, const std::string& rel, const fs::path& file, bool gzip,
                                    PortalReply& r) {
  const auto gz = inside(dir, fs::path(rel + ".gz"));
  if (gz) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (gz && gzip) {
    if (auto body = read_file(*gz)) {
      r.headers.emplace_back("Content-Encoding", "gzip");
      return body;
    }
  }
  return read_file(file);
}

}  // namespace

PortalReply PortalFiles::answer(std::string_view raw_path, bool gzip) const {
  auto path = decoded_path(raw_path);
  if (!path) {
    return problem_reply(400, Error::make(ErrorCode::invalid_input, "Đường dẫn không hợp lệ",
                                          "Invalid path", "path"));
  }
  const std::string_view last = std::string_view(*path).substr(path->rfind('/') + 1);
  const bool hidden = path->find("/.") != std::string::npos;
  const auto dot = last.rfind('.');
  PortalReply r;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (!hidden && dot == std::string_view::npos) {
    // A route of the application: its one page.
    const auto index = inside(dir_, "index.html");
    const auto body = index ? read_for(dir_, "index.html", *index, gzip, r) : std::nullopt;
    if (!body) return not_built();
    r.content_type = media_type_of("html");
    r.body = std::move(*body);
    r.headers.emplace_back("Cache-Control", "no-cache");
    add_html_headers(r);
    return r;
  }
  const std::string rel = path->substr(1);
  const auto file = hidden ? std::nullopt : inside(dir_, fs::path(rel));
  const auto body = file ? read_for(dir_, rel, *file, gzip, r) : std::nullopt;
  if (!body) {
    return problem_reply(404, Error::make(ErrorCode::not_found, "Không có tệp này trong cổng thông tin",
                                          "No such file in the portal", "path"));
  }
  const std::string_view ext = last.substr(dot + 1);
  r.content_type = media_type_of(ext);
  r.body = std::move(*body);
  r.headers.emplace_back("Cache-Control", path->starts_with("/assets/") ? kImmutable : "no-cache");
  if (text::ascii_lower(ext) == "html") add_html_headers(r);
  return r;
}

}  // namespace ct::server
