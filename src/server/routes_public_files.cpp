// CA certificates and CRLs over HTTP: the caIssuers (RFC 5280 §4.2.2.1) and CRL distribution
// point (§4.2.1.13) URLs our certificates carry. Both are DER, with caching headers and
// conditional GET by ETag (RFC 9110 §13.1.2); both come from the store, so every node serves the same.
#include <filesystem>

#include "common/time_format.h"
#include "crypto/keys.h"
#include "pki/crl_files.h"
#include "server/request_note.h"
#include "server/routes_public.h"
#include "store/pki_repository.h"

namespace ct::server {
namespace {

// "issuing.crl" → "issuing" when the suffix is `ext` and the name is a CA name ([a-z0-9_-]).
std::optional<std::string> ca_name(std::string_view file, std::string_view ext) {
  if (file.size() <= ext.size() || !file.ends_with(ext)) return std::nullopt;
  const std::string_view name = file.substr(0, file.size() - ext.size());
  for (char ch : name) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    if (!ok) return std::nullopt;
  }
  return std::string(name);
}

Error no_such(const std::string& what_vi, const std::string& what_en) {
  return Error::make(ErrorCode::not_found, what_vi, what_en, "file");
}

restinio::request_handling_status_t not_modified(const RequestHandle& req, const std::string& etag,
                                                 const std::string& cache_control) {
  request_note().status = 304;
  return Reply(304)
      .header(restinio::http_field::etag, etag)
      .header(restinio::http_field::cache_control, cache_control)
      .send(req);
}

restinio::request_handling_status_t serve_ca(const RequestHandle& req, ServerContext& ctx, const std::string& file) {
  auto name = ca_name(file, ".crt");
  if (!name) return reply_problem(req, 404, no_such("Không có CA này", "No such CA"));
  auto lease = ctx.app.db().acquire();
  if (!lease) return reply_problem(req, 503, lease.error());
  auto ca = store::find_ca(**lease, *name);
  if (!ca) return reply_problem(req, 503, ca.error());
  if (!*ca) return reply_problem(req, 404, no_such("Không có CA tên " + *name, "No CA named " + *name));
  const Bytes sha = crypto::digest(crypto::HashAlg::sha256, (*ca)->certificate);
  const std::string etag = "\"" + to_hex(sha) + "\"";
  const std::string cache_control = "max-age=86400, public";
  if (etag_matches(req->header().get_field_or(restinio::http_field::if_none_match, ""), etag)) {
    return not_modified(req, etag, cache_control);
  }
  return Reply()
      .header(restinio::http_field::content_type, "application/pkix-cert")
      .header(restinio::http_field::etag, etag)
      .header(restinio::http_field::cache_control, cache_control)
      .body(std::string((*ca)->certificate.begin(), (*ca)->certificate.end()))
      .send(req);
}

restinio::request_handling_status_t serve_crl(const RequestHandle& req, ServerContext& ctx, const std::string& file) {
  auto name = ca_name(file, ".crl");
  if (!name) return reply_problem(req, 404, no_such("Không có CRL này", "No such CRL"));
  auto lease = ctx.app.db().acquire();
  if (!lease) return reply_problem(req, 503, lease.error());
  auto ca = store::find_ca(**lease, *name);
  if (!ca) return reply_problem(req, 503, ca.error());
  if (!*ca || (*ca)->kind == "ocsp") return reply_problem(req, 404, no_such("Không có CA tên " + *name, "No CA named " + *name));
  auto current = pki::current_crl_file(**lease, **ca, ctx.app.crl_dir());
  if (!current) return reply_problem(req, 503, current.error());
  if (!*current) return reply_problem(req, 404, no_such("CA chưa phát hành CRL", "The CA has not published a CRL yet"));
  const store::CrlRecord& rec = (*current)->record;
  const TimePoint now = ctx.app.clock().now();
  // A numbered CRL never changes, so its SHA-256 (in the record) is a strong ETag, the same on
  // every node.
  const std::string etag = "\"" + rec.sha256 + "\"";
  const auto left = std::max<std::int64_t>(0, (rec.next_update - now).count());
  const std::string cache_control = "max-age=" + std::to_string(left) + ", public, no-transform";
  if (etag_matches(req->header().get_field_or(restinio::http_field::if_none_match, ""), etag)) {
    return not_modified(req, etag, cache_control);
  }
  return Reply()
      .header(restinio::http_field::content_type, "application/pkix-crl")
      .header(restinio::http_field::last_modified, timefmt::http_date(rec.this_update))
      .header(restinio::http_field::cache_control, cache_control)
      .header(restinio::http_field::etag, etag)
      .header(restinio::http_field::expires, timefmt::http_date(rec.next_update))
      .file((*current)->file)  // throws when it cannot be opened
      .send(req);
}

}  // namespace

void add_file_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>&) {
  get_route(r, R"(/ca/:file([^/]+))", [&ctx](auto req, auto params) {
    note_response("/ca/:file", 200);
    return serve_ca(req, ctx, std::string(params["file"]));
  });
  get_route(r, R"(/crl/:file([^/]+))", [&ctx](auto req, auto params) {
    note_response("/crl/:file", 200);
    try {
      return serve_crl(req, ctx, std::string(params["file"]));
    } catch (const std::exception&) {
      return reply_problem(req, 503, Error::make(ErrorCode::unavailable, "Không đọc được tệp CRL", "Cannot read the CRL file"));
    }
  });
}

}  // namespace ct::server
