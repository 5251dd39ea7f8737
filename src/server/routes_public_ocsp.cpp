// OCSP over HTTP (RFC 6960 Appendix A.1, profiled by RFC 5019 §5–6). Answers come from the
// pre-signed cache (pki/ocsp_cache.h). Errors of the OCSP layer are OCSP responses with HTTP 200
// (malformedRequest, unauthorized, tryLater: RFC 6960 §2.3, RFC 5019 §2.2.3) — what OpenSSL,
// NSS and browsers read; only HTTP-level refusals use an HTTP status, with an OCSP body still:
// 413 too large, 415 wrong Content-Type (malformedRequest), 429 with Retry-After (tryLater) for a
// client over its rate limit. The limit (ocsp.rate_limit_*) counts the requests the cache cannot
// answer from memory — a store read, perhaps a signature: unknown serials, misses, several
// CertIDs; answers from memory cost what a static file does and are never refused.
#include <algorithm>
#include <array>

#include "server/request_note.h"
#include "server/routes_public.h"

namespace ct::server {
namespace {

constexpr const char* kOcspResponseType = "application/ocsp-response";

// RFC 4648 §4 (standard) and §5 (URL-safe) alphabets together; -1 for anything else.
constexpr std::array<std::int8_t, 256> kBase64 = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (std::size_t i = 0; i < 26; ++i) {
    t['A' + i] = static_cast<std::int8_t>(i);
    t['a' + i] = static_cast<std::int8_t>(26 + i);
  }
  for (std::size_t i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(52 + i);
  t['+'] = 62;
  t['-'] = 62;
  t['/'] = 63;
  t['_'] = 63;
  return t;
}();

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error malformed(const std::string& en) {
  return Error::make(ErrorCode::invalid_input, "Yêu cầu OCSP không hợp lệ", "Malformed OCSP request: " + en, "ocsp");
}

std::string error_response(crypto::OcspErrorStatus status) {
  const Bytes der = crypto::ocsp_error_response(status);
  return {der.begin(), der.end()};
}

restinio::request_handling_status_t send_error(const RequestHandle& req, int http_status,
                                               crypto::OcspErrorStatus status) {
  request_note().status = http_status;
  return Reply(http_status)
      .header(restinio::http_field::content_type, kOcspResponseType)
      .header(restinio::http_field::cache_control, "no-store")
      .body(error_response(status))
      .send(req);
}

restinio::request_handling_status_t send_too_many(const RequestHandle& req, std::chrono::seconds retry_after) {
  request_note().status = 429;
  return Reply(429)
      .header(restinio::http_field::content_type, kOcspResponseType)
      .header(restinio::http_field::cache_control, "no-store")
      .header(restinio::http_field::retry_after, std::to_string(retry_after.count()))
      .body(error_response(crypto::OcspErrorStatus::try_later))
      .send(req);
}

restinio::request_handling_status_t send_reply(const RequestHandle& req, const pki::OcspReply& reply, bool get,
                                               TimePoint now) {
  if (!reply.entry) {
    return Reply()
        .header(restinio::http_field::content_type, kOcspResponseType)
        .header(restinio::http_field::cache_control, "no-store")
        .body(reply.body)
        .send(req);
  }
  const pki::OcspEntry& e = *reply.entry;
  if (!get) {
    // RFC 5019 §5: only GET responses are meant for HTTP caches.
    return Reply()
        .header(restinio::http_field::content_type, kOcspResponseType)
        .body(std::shared_ptr<const std::string>(reply.entry, &e.der))
        .send(req);
  }
  // RFC 5019 §6.2: Last-Modified = thisUpdate, Expires = nextUpdate, ETag, and a max-age that
  // ends before nextUpdate.
  const auto left = std::max<std::int64_t>(0, (e.next_update - now).count());
  const std::string cache_control = "max-age=" + std::to_string(left) + ", public, no-transform, must-revalidate";
  if (etag_matches(req->header().get_field_or(restinio::http_field::if_none_match, ""), e.etag)) {
    request_note().status = 304;
    return Reply(304)
        .header(restinio::http_field::etag, e.etag)
        .header(restinio::http_field::cache_control, cache_control)
        .send(req);
  }
  return Reply()
      .header(restinio::http_field::content_type, kOcspResponseType)
      .header(restinio::http_field::last_modified, e.last_modified)
      .header(restinio::http_field::expires, e.expires)
      .header(restinio::http_field::etag, e.etag)
      .header(restinio::http_field::cache_control, cache_control)
      .body(std::shared_ptr<const std::string>(reply.entry, &e.der))
      .send(req);
}

// From memory when the cache can; otherwise (the store, maybe a signature) within the client's
// rate limit.
restinio::request_handling_status_t answer_ocsp(const RequestHandle& req, ServerContext& ctx,
                                                PublicServices& services, std::span<const std::uint8_t> der,
                                                bool get) {
  if (ctx.ocsp == nullptr) return send_error(req, 200, crypto::OcspErrorStatus::unauthorized);
  const TimePoint now = ctx.app.clock().now();
  if (auto reply = ctx.ocsp->answer_from_memory(der)) return send_reply(req, *reply, get, now);
  if (!services.ocsp_limiter.allow(request_client(*req, ctx).address, std::chrono::steady_clock::now())) {
    return send_too_many(req, services.ocsp_limiter.retry_after());
  }
  return send_reply(req, ctx.ocsp->answer(der), get, now);
}

}  // namespace

Result<Bytes> decode_ocsp_get(std::string_view tail) {
  // 64 KiB of DER is at most 87,384 base64 characters, each at most 3 with percent-encoding.
  if (tail.empty()) return fail(malformed("empty"));
  if (tail.size() > kMaxOcspRequestBytes * 4) return fail(malformed("too long"));
  std::string text;
  text.reserve(tail.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    if (tail[i] != '%') {
      text.push_back(tail[i]);
      continue;
    }
    if (i + 2 >= tail.size()) return fail(malformed("bad percent-escape"));
    const int hi = hex_value(tail[i + 1]);
    const int lo = hex_value(tail[i + 2]);
    if (hi < 0 || lo < 0) return fail(malformed("bad percent-escape"));
    text.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  std::size_t end = text.size();
  for (int pad = 0; pad < 2 && end > 0 && text[end - 1] == '='; ++pad) --end;
  if (end % 4 == 1) return fail(malformed("bad base64 length"));
  Bytes out;
  out.reserve(end * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < end; ++i) {
    const std::int8_t v = kBase64[static_cast<unsigned char>(text[i])];
    if (v < 0) return fail(malformed("not base64"));
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFFU));
    }
  }
  if (out.size() > kMaxOcspRequestBytes) return fail(malformed("too long"));
  return out;
}

int check_ocsp_post(std::string_view content_type, std::size_t body_size) noexcept {
  if (body_size > kMaxOcspRequestBytes) return 413;
  if (media_type(content_type) != "application/ocsp-request") return 415;
  return 0;
}

std::optional<restinio::request_handling_status_t> route_public_fast(const RequestHandle& req, ServerContext& ctx) {
  constexpr std::string_view kPrefix = "/ocsp/";
  const std::string_view path = req->header().path();
  if (req->header().method() != restinio::http_method_get() || !path.starts_with(kPrefix) ||
      path.size() == kPrefix.size()) {
    return std::nullopt;
  }
  auto der = decode_ocsp_get(path.substr(kPrefix.size()));
  std::optional<pki::OcspReply> reply;
  if (der && ctx.ocsp != nullptr) {
    reply = ctx.ocsp->answer_from_memory(*der);
    if (!reply) return std::nullopt;
  }
  note_response("/ocsp/:request", 200);
  if (!der) return send_error(req, 200, crypto::OcspErrorStatus::malformed_request);
  if (!reply) return send_error(req, 200, crypto::OcspErrorStatus::unauthorized);
  return send_reply(req, *reply, true, ctx.app.clock().now());
}

void add_ocsp_routes(Router& r, ServerContext& ctx, const std::shared_ptr<PublicServices>& services) {
  r.http_post("/ocsp", [&ctx, services](auto req, auto) {
    note_response("/ocsp", 200);
    const auto& body = req->body();
    if (const int refused = check_ocsp_post(req->header().get_field_or(restinio::http_field::content_type, ""),
                                            body.size());
        refused != 0) {
      return send_error(req, refused, crypto::OcspErrorStatus::malformed_request);
    }
    return answer_ocsp(req, ctx, *services,
                       std::span(reinterpret_cast<const std::uint8_t*>(body.data()), body.size()), false);
  });
  get_route(r, R"(/ocsp/:request(.+))", [&ctx, services](auto req, auto params) {
    note_response("/ocsp/:request", 200);
    auto der = decode_ocsp_get(params["request"]);
    if (!der) return send_error(req, 200, crypto::OcspErrorStatus::malformed_request);
    return answer_ocsp(req, ctx, *services, *der, true);
  });
}

}  // namespace ct::server
