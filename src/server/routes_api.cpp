#include "server/routes.h"

namespace ct::server {

// Filled by the API work (sign-in, roles, registry and PKI resources, OpenAPI).
void add_api_routes(Router&, ServerContext&) {}

}  // namespace ct::server
