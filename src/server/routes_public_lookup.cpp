// The public JSON endpoints (SPEC §7): certificate lookup, certificate download, and "check a
// certificate file". Errors are RFC 7807 problems; every client address is rate limited.
#include <algorithm>
#include <charconv>

#include <restinio/helpers/file_upload.hpp>

#include "crypto/pem.h"
#include "server/lookup.h"
#include "server/problem.h"
#include "server/request_note.h"
#include "server/routes_public.h"

namespace ct::server {
namespace {

// Lookups change when a certificate is revoked: HTTP caches may keep them only briefly.
constexpr const char* kLookupCacheControl = "public, max-age=10";

Error bad_param(const std::string& name) {
  return Error::make(ErrorCode::invalid_input, "Tham số không hợp lệ: " + name, "Invalid parameter: " + name, name);
}

restinio::request_handling_status_t send_json(const RequestHandle& req, const nlohmann::json& body) {
  return Reply()
      .header(restinio::http_field::content_type, "application/json")
      .header(restinio::http_field::cache_control, kLookupCacheControl)
      .body(body.dump())
      .send(req);
}

restinio::request_handling_status_t send_error(const RequestHandle& req, const Error& e) {
  return reply_problem(req, e.code == ErrorCode::invalid_input ? 400 : http_status_for(e.code), e);
}

bool rate_limited(PublicServices& services, const RequestHandle& req, const ServerContext& ctx) {
  return !services.limiter.allow(request_client(*req, ctx).address, std::chrono::steady_clock::now());
}

Result<int> int_param(const restinio::query_string_params_t& qp, const char* name, int fallback) {
  auto v = qp.get_param(name);
  if (!v) return fallback;
  int out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size()) return fail(bad_param(name));
  return out;
}

Result<LookupQuery> parse_lookup(const RequestHandle& req) {
  // Relaxed: browsers and curl leave '@' (e-mail) unescaped. In a name '+' is a space (HTML
  // forms); in an e-mail it stays a '+'.
  auto qp = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
  if (!qp) return fail(bad_param("query"));
  LookupQuery q;
  if (auto v = qp->get_param("serial")) q.serial = std::string(*v);
  if (auto v = qp->get_param("email")) q.email = std::string(*v);
  if (auto v = qp->get_param("q")) {
    q.q = std::string(*v);
    std::replace(q.q->begin(), q.q->end(), '+', ' ');
  }
  auto limit = int_param(*qp, "limit", 20);
  if (!limit) return fail(limit.error());
  auto offset = int_param(*qp, "offset", 0);
  if (!offset) return fail(offset.error());
  q.limit = *limit;
  q.offset = *offset;
  if (auto s = check_lookup_query(q); !s) return fail(s.error());
  return q;
}

// "<serial>.pem", "<serial>.der" or "<serial>" (JSON).
restinio::request_handling_status_t serve_one(const RequestHandle& req, ServerContext& ctx, std::string_view file) {
  std::string_view serial = file;
  std::string_view ext;
  if (const auto dot = file.rfind('.'); dot != std::string_view::npos) {
    serial = file.substr(0, dot);
    ext = file.substr(dot);
  }
  if (!ext.empty() && ext != ".pem" && ext != ".der") {
    return reply_problem(req, 404, Error::make(ErrorCode::not_found, "Không tìm thấy", "Not found", "file"));
  }
  auto rec = certificate_by_serial(ctx.app.db(), serial);
  if (!rec) return send_error(req, rec.error());
  if (ext == ".der") {
    return Reply()
        .header(restinio::http_field::content_type, "application/pkix-cert")
        .header(restinio::http_field::content_disposition, "attachment; filename=\"" + rec->serial + ".cer\"")
        .header(restinio::http_field::cache_control, kLookupCacheControl)
        .body(std::string(rec->der.begin(), rec->der.end()))
        .send(req);
  }
  if (ext == ".pem") {
    return Reply()
        .header(restinio::http_field::content_type, "application/x-pem-file")
        .header(restinio::http_field::content_disposition, "attachment; filename=\"" + rec->serial + ".pem\"")
        .header(restinio::http_field::cache_control, kLookupCacheControl)
        .body(crypto::to_pem(rec->der, "CERTIFICATE"))
        .send(req);
  }
  LookupQuery q;
  q.serial = rec->serial;
  auto found = lookup_certificates(ctx.app.db(), ctx.app.profiles(), ctx.app.clock(), q);
  if (!found) return send_error(req, found.error());
  return send_json(req, (*found)["items"].at(0));
}

// The uploaded certificate: a multipart/form-data part with a file, or the raw body.
Result<std::string> uploaded_file(const RequestHandle& req, int& http_status) {
  const std::string type = media_type(req->header().get_field_or(restinio::http_field::content_type, ""));
  const std::string& body = req->body();
  if (body.size() > kMaxInspectBytes + 4096) {
    http_status = 413;
    return fail(http_error(413));
  }
  if (type == "multipart/form-data") {
    std::optional<std::string> file;
    auto parts = restinio::file_upload::enumerate_parts_with_files(*req, [&](restinio::file_upload::part_description_t part) {
      file = std::string(part.body);
      return restinio::file_upload::handling_result_t::stop_enumeration;
    });
    if (!parts || !file) {
      http_status = 400;
      return fail(Error::make(ErrorCode::invalid_input, "Không tìm thấy tệp trong biểu mẫu", "No file in the form", "file"));
    }
    if (file->size() > kMaxInspectBytes) {
      http_status = 413;
      return fail(http_error(413));
    }
    return std::move(*file);
  }
  if (type == "application/pkix-cert" || type == "application/x-pem-file" || type == "application/octet-stream" ||
      type == "application/x-x509-ca-cert" || type == "application/x-x509-user-cert") {
    if (body.size() > kMaxInspectBytes) {
      http_status = 413;
      return fail(http_error(413));
    }
    return body;
  }
  http_status = 415;
  return fail(http_error(415));
}

}  // namespace

void add_lookup_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>& services) {
  get_route(r, "/api/v1/public/certificates", [&ctx, services](auto req, auto) {
    note_response("/api/v1/public/certificates", 200);
    if (rate_limited(*services, req, ctx)) return reply_problem(req, 429, http_error(429));
    auto q = parse_lookup(req);
    if (!q) return send_error(req, q.error());
    auto found = lookup_certificates(ctx.app.db(), ctx.app.profiles(), ctx.app.clock(), *q);
    if (!found) return send_error(req, found.error());
    return send_json(req, *found);
  });
  get_route(r, R"(/api/v1/public/certificates/:file([^/]+))", [&ctx, services](auto req, auto params) {
    note_response("/api/v1/public/certificates/:file", 200);
    if (rate_limited(*services, req, ctx)) return reply_problem(req, 429, http_error(429));
    return serve_one(req, ctx, params["file"]);
  });
  r.http_post("/api/v1/public/inspect", [&ctx, services](auto req, auto) {
    note_response("/api/v1/public/inspect", 200);
    if (rate_limited(*services, req, ctx)) return reply_problem(req, 429, http_error(429));
    int status = 400;
    auto file = uploaded_file(req, status);
    if (!file) return reply_problem(req, status, file.error());
    auto result = inspect_certificate_file(ctx.app.db(), ctx.app.profiles(), ctx.app.clock(),
                                           std::span(reinterpret_cast<const std::uint8_t*>(file->data()), file->size()));
    if (!result) return send_error(req, result.error());
    return Reply()
        .header(restinio::http_field::content_type, "application/json")
        .header(restinio::http_field::cache_control, "no-store")
        .body(result->dump())
        .send(req);
  });
}

}  // namespace ct::server
