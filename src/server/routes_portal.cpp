// The router's last resort: what no route matched belongs to the web portal when it is a GET or
// HEAD outside the service's own paths (portal_files.h); another method there is a 405; anything
// else keeps the 404 problem of an unknown route.
#include "server/portal_files.h"
#include "server/problem.h"
#include "server/request_note.h"
#include "server/routes.h"
#include "server/routes_public.h"

namespace ct::server {
namespace {

template <typename Builder>
restinio::request_handling_status_t send(Builder resp, const PortalReply& r, bool tls) {
  resp.append_header(restinio::http_field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) resp.append_header(name, value);
  if (tls) resp.append_header(restinio::http_field::strict_transport_security, kHstsValue);
  return resp.done();
}

restinio::request_handling_status_t reply(const RequestHandle& req, const PortalReply& r, bool head, bool tls) {
  note_response("portal", r.status);
  if (head) {
    // HEAD (RFC 9110 §9.3.2): the GET answer's header, Content-Length included, and no body.
    auto resp = req->create_response<restinio::user_controlled_output_t>(status_line(r.status));
    resp.set_content_length(r.body.size());
    return send(std::move(resp), r, tls);
  }
  auto resp = req->create_response(status_line(r.status));
  resp.set_body(r.body);
  return send(std::move(resp), r, tls);
}

}  // namespace

void add_portal_fallback(Router& router, std::shared_ptr<const PortalFiles> portal, bool tls) {
  router.non_matched_request_handler([portal = std::move(portal), tls](restinio::request_handle_t req) {
    const auto method = req->header().method();
    const std::string path(req->header().path());
    if (portal && !reserved_for_service(path)) {
      const bool head = method == restinio::http_method_head();
      if (method == restinio::http_method_get() || head) {
        const bool gzip = accepts_gzip(req->header().get_field_or(restinio::http_field::accept_encoding, ""));
        return reply(req, portal->answer(path, gzip), head, tls);
      }
      note_response("portal", 405);
      return req->create_response(status_line(405))
          .append_header(restinio::http_field::content_type, "application/problem+json")
          .append_header(restinio::http_field::allow, "GET, HEAD")
          .set_body(problem_json(405, http_error(405)).dump())
          .done();
    }
    note_response("unmatched", 404);
    return req->create_response(restinio::status_not_found())
        .append_header(restinio::http_field::content_type, "application/problem+json")
        .set_body(problem_json(404, http_error(404)).dump())
        .done();
  });
}

}  // namespace ct::server
