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

restinio::request_handling_status_t reply(const RequestHandle& req, const PortalReply& r, bool tls) {
  note_response("portal", r.status);
  Reply out(r.status);
  out.header(restinio::http_field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) out.header(name, value);
  if (tls) out.header(restinio::http_field::strict_transport_security, kHstsValue);
  return out.body(r.body).send(req);  // HEAD: the same header, no body
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
        return reply(req, portal->answer(path, gzip), tls);
      }
      note_response("portal", 405);
      return Reply(405)
          .header(restinio::http_field::content_type, "application/problem+json")
          .header(restinio::http_field::allow, "GET, HEAD")
          .body(problem_json(405, http_error(405)).dump())
          .send(req);
    }
    note_response("unmatched", 404);
    return Reply(404)
        .header(restinio::http_field::content_type, "application/problem+json")
        .body(problem_json(404, http_error(404)).dump())
        .send(req);
  });
}

}  // namespace ct::server
