// The one table of API routes (api_route.h), assembled from the per-resource parts.
#include "server/api_route.h"

namespace ct::server {

// Official documents: exports and imports (routes_api_documents.cpp).
void add_document_routes(std::vector<ApiRoute>& out);

const std::vector<ApiRoute>& api_routes() {
  static const std::vector<ApiRoute> all = [] {
    std::vector<ApiRoute> v;
    add_session_routes(v);
    add_account_link_routes(v);
    add_organization_routes(v);
    add_subscriber_routes(v);
    add_user_routes(v);
    add_request_routes(v);
    add_transition_routes(v);
    add_attachment_routes(v);
    add_round_routes(v);
    add_batch_routes(v);
    add_batch_review_routes(v);
    add_certificate_routes(v);
    add_pki_routes(v);
    add_document_routes(v);
    add_audit_routes(v);
    add_notification_routes(v);
    add_device_routes(v);
    add_token_station_routes(v);
    add_openapi_route(v);
    return v;
  }();
  return all;
}

std::vector<registry::Role> roles_for(const ApiRoute& r) {
  using registry::Role;
  std::vector<Role> out;
  for (Role role : {Role::subscriber, Role::unit_manager, Role::aggregator, Role::ra_officer, Role::ca_operator,
                    Role::auditor, Role::admin}) {
    if (r.access == Access::anyone || !r.action || registry::reach_of(role, *r.action) != registry::Reach::none) {
      out.push_back(role);
    }
  }
  return out;
}

}  // namespace ct::server
