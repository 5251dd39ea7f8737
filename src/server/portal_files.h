#pragma once
// The web portal (SPEC §7): the built single-page application (web/dist, `make web`) served from
// `server.web_dir` beside the API, by GET and HEAD. No HTTP library here: the router glue is
// routes_portal.cpp.
//
//   - a path that names no file (its last segment has no extension), "/" included, is a route of
//     the application: index.html, `Cache-Control: no-cache`;
//   - a path with an extension is a file under the directory: its bytes with the Content-Type of
//     the extension; /assets/* (content-hashed names) are cached for a year, immutable; a file
//     that is not there is a 404 problem;
//   - HTML carries the portal's security headers (a strict Content-Security-Policy, no framing);
//   - the directory or its index.html missing: the application's routes answer 503 with a short
//     page in Vietnamese and English saying to run `make web` (the API keeps working).
//
// Path traversal is refused before the file system is touched (`..`, percent-encoded dots,
// slashes and backslashes, backslashes, NUL and control characters: 400), and what is opened is
// checked after resolving symlinks to lie inside the directory's own canonical path. Files are
// read per request (they are small; at most kMaxPortalFile bytes), so nothing is kept in memory
// and a rebuilt portal is served without a restart. Thread-safe: no state besides the directory.
//
// Compression: `scripts/build-web.sh` writes `<file>.gz` beside each script, style sheet and
// page; when the client accepts gzip and that file exists (inside the directory, like any other),
// it is sent instead with `Content-Encoding: gzip`. Every answer that could be either says
// `Vary: Accept-Encoding`.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ct::server {

inline constexpr std::size_t kMaxPortalFile = 32 * 1024 * 1024;

// True for what the service itself answers, never the portal: /api…, /ocsp…, /crl/…, /ca/…,
// /healthz, /metrics.
[[nodiscard]] bool reserved_for_service(std::string_view path) noexcept;

// True when an Accept-Encoding header value admits gzip (a "gzip" or "*" coding whose q is not 0).
[[nodiscard]] bool accepts_gzip(std::string_view accept_encoding) noexcept;

struct PortalReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class PortalFiles final {
 public:
  explicit PortalFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The answer to GET `raw_path` (the request target's path as received, still percent-encoded);
  // for HEAD the caller sends it without the body.
  [[nodiscard]] PortalReply answer(std::string_view raw_path, bool accepts_gzip = false) const;
  // True when the directory holds an index.html (for the start-up log).
  [[nodiscard]] bool built() const;
  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace ct::server
