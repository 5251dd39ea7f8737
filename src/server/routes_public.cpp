#include "server/routes.h"

namespace ct::server {

// Filled by the public-service work (lookup, inspect, CA certificates, CRLs, OCSP).
void add_public_routes(Router&, ServerContext&) {}

}  // namespace ct::server
