// The web portal's files (portal_files.h): the application's page for its routes, files with
// their types and caching, traversal refused whatever its spelling, and a clear 503 when the
// portal is not built.
#include "server/portal_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include <nlohmann/json.hpp>

namespace ct::server {
namespace {

namespace fs = std::filesystem;

std::string header(const PortalReply& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class PortalFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "ct_portal_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dist_ = root_ / "dist";
    write(dist_ / "index.html", "<!doctype html><title>chungthu</title><div id=root></div>");
    write(dist_ / "assets/index-abc123.js", "console.log('xin chào');");
    write(dist_ / "assets/index-abc123.css", "body{margin:0}");
    write(dist_ / "assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(dist_ / "favicon.ico", std::string("\0\0\1\0", 4));
    write(dist_ / "robots.txt", "User-agent: *\n");
    write(dist_ / ".env", "SECRET=1");
    write(root_ / "secret.txt", "outside the portal");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  fs::path root_, dist_;
};

TEST_F(PortalFilesTest, ApplicationRoutesGetTheIndexWithSecurityHeaders) {
  PortalFiles portal(dist_);
  EXPECT_TRUE(portal.built());
  for (const char* path : {"/", "/requests", "/requests/42", "/tra-cuu/nguyen-van-an", "/assets", "/apiary"}) {
    SCOPED_TRACE(path);
    const auto r = portal.answer(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("<div id=root>"), std::string::npos);
    EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
    EXPECT_EQ(header(r, "Content-Security-Policy"),
              "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
              "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(r, "Referrer-Policy"), "same-origin");
    EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
  }
}

TEST_F(PortalFilesTest, FilesWithTheirTypeAndCaching) {
  PortalFiles portal(dist_);
  struct Case {
    const char* path;
    const char* type;
    const char* cache;
  };
  for (const auto& c : {Case{"/assets/index-abc123.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
                        Case{"/assets/index-abc123.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
                        Case{"/assets/logo.svg", "image/svg+xml", "public, max-age=31536000, immutable"},
                        Case{"/favicon.ico", "image/x-icon", "no-cache"},
                        Case{"/robots.txt", "text/plain; charset=utf-8", "no-cache"},
                        Case{"/index.html", "text/html; charset=utf-8", "no-cache"}}) {
    SCOPED_TRACE(c.path);
    const auto r = portal.answer(c.path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, c.type);
    EXPECT_EQ(header(r, "Cache-Control"), c.cache);
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  }
  EXPECT_EQ(portal.answer("/assets/index-abc123.js").body, "console.log('xin chào');");
  EXPECT_EQ(portal.answer("/favicon.ico").body.size(), 4u);
  EXPECT_FALSE(header(portal.answer("/index.html"), "Content-Security-Policy").empty());
  EXPECT_TRUE(header(portal.answer("/assets/index-abc123.js"), "Content-Security-Policy").empty());
}

TEST_F(PortalFilesTest, MissingFileIsAProblem) {
  PortalFiles portal(dist_);
  for (const char* path : {"/assets/index-gone.js", "/nothing.png", "/.env", "/assets/.hidden.js"}) {
    SCOPED_TRACE(path);
    const auto r = portal.answer(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.content_type, "application/problem+json");
    const auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["status"], 404);
    EXPECT_EQ(j["field"], "path");
    EXPECT_FALSE(j.value("title", "").empty());
    EXPECT_FALSE(j.value("title_en", "").empty());
  }
}

TEST_F(PortalFilesTest, TraversalIsRefusedWhateverItsSpelling) {
  PortalFiles portal(dist_);
  const std::string nul("/a\0b.js", 7);
  for (const std::string& path : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
        "/assets%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/assets\\..\\..\\secret.txt", "/x%00.js", nul,
        "/%0a.js", "/a%zz.js", "/a%2", "..", "", "/requests/../..", "/...."}) {
    SCOPED_TRACE(path);
    const auto r = portal.answer(path);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(r.body.find("outside the portal"), std::string::npos);
  }
}

TEST_F(PortalFilesTest, SymlinksCannotLeadOutside) {
  fs::create_symlink(root_ / "secret.txt", dist_ / "assets/leak.txt");
  fs::create_directory_symlink(root_, dist_ / "up");
  fs::create_symlink(dist_ / "robots.txt", dist_ / "assets/robots-link.txt");
  PortalFiles portal(dist_);
  for (const char* path : {"/assets/leak.txt", "/up/secret.txt"}) {
    SCOPED_TRACE(path);
    const auto r = portal.answer(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body.find("outside the portal"), std::string::npos);
  }
  EXPECT_EQ(portal.answer("/assets/robots-link.txt").status, 200);  // a link inside stays inside
}

TEST_F(PortalFilesTest, IndexLinkedOutsideIsNotServed) {
  fs::remove(dist_ / "index.html");
  fs::create_symlink(root_ / "secret.txt", dist_ / "index.html");
  PortalFiles portal(dist_);
  EXPECT_FALSE(portal.built());
  EXPECT_EQ(portal.answer("/").status, 503);
}

TEST_F(PortalFilesTest, NotBuiltAnswers503WithAPage) {
  for (const fs::path& dir : {root_ / "no-such-dir", root_}) {  // no directory; a directory without index.html
    SCOPED_TRACE(dir.string());
    PortalFiles portal(dir);
    EXPECT_FALSE(portal.built());
    for (const char* path : {"/", "/requests/7"}) {
      const auto r = portal.answer(path);
      EXPECT_EQ(r.status, 503);
      EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
      EXPECT_NE(r.body.find("make web"), std::string::npos);
      EXPECT_NE(r.body.find("chưa được dựng"), std::string::npos);
      EXPECT_NE(r.body.find("not built"), std::string::npos);
      EXPECT_FALSE(header(r, "Content-Security-Policy").empty());
      EXPECT_EQ(header(r, "Cache-Control"), "no-store");
    }
    EXPECT_EQ(portal.answer("/assets/index-abc123.js").status, 404);
  }
}

TEST_F(PortalFilesTest, PrecompressedFilesForClientsThatAcceptGzip) {
  write(dist_ / "assets/index-abc123.js.gz", "GZ-SCRIPT");
  write(dist_ / "index.html.gz", "GZ-PAGE");
  PortalFiles portal(dist_);
  const auto gz = portal.answer("/assets/index-abc123.js", true);
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.body, "GZ-SCRIPT");
  EXPECT_EQ(gz.content_type, "text/javascript; charset=utf-8");  // the type of what it encodes
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(gz, "Vary"), "Accept-Encoding");
  const auto plain = portal.answer("/assets/index-abc123.js", false);
  EXPECT_EQ(plain.body, "console.log('xin chào');");
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  // The application's page too, with its security headers.
  const auto page = portal.answer("/requests/7", true);
  EXPECT_EQ(page.body, "GZ-PAGE");
  EXPECT_EQ(header(page, "Content-Encoding"), "gzip");
  EXPECT_FALSE(header(page, "Content-Security-Policy").empty());
  // No .gz beside it: the file itself, and nothing varies.
  const auto css = portal.answer("/assets/index-abc123.css", true);
  EXPECT_EQ(css.body, "body{margin:0}");
  EXPECT_EQ(header(css, "Content-Encoding"), "");
  EXPECT_EQ(header(css, "Vary"), "");
  // A .gz that is a symlink out of the directory is not followed.
  fs::create_symlink(root_ / "secret.txt", dist_ / "assets/index-abc123.css.gz");
  const auto escaped = portal.answer("/assets/index-abc123.css", true);
  EXPECT_EQ(escaped.body, "body{margin:0}");
  EXPECT_EQ(header(escaped, "Content-Encoding"), "");
}

TEST(PortalEncoding, AcceptEncodingIsReadLikeRfc9110) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip(" deflate , gzip ; q=0.1"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, br"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(PortalPaths, TheServiceKeepsItsOwn) {
  for (const char* p : {"/api", "/api/v1/requests", "/api/nothing", "/ocsp", "/ocsp/MEIwQDA", "/ocspx", "/crl/issuing.crl",
                        "/crl", "/ca/issuing.crt", "/healthz", "/readyz", "/metrics", "/metrics/x"}) {
    EXPECT_TRUE(reserved_for_service(p)) << p;
  }
  for (const char* p : {"/", "/apiary", "/cases", "/crls-help", "/requests", "/assets/index.js", "/healthzone"}) {
    EXPECT_FALSE(reserved_for_service(p)) << p;
  }
}

}  // namespace
}  // namespace ct::server
