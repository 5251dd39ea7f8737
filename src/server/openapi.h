#pragma once
// The OpenAPI 3 document of the signed-in API, built from api_routes() — the same table the
// router is built from — so every route served is documented and every route documented is
// served. Served at GET /api/v1/openapi.json.

#include <string>

#include <nlohmann/json.hpp>

#include "server/api_route.h"

namespace ct::server {

[[nodiscard]] nlohmann::json openapi_document();
// The names of the path parameters of an OpenAPI template ("/a/{id}/b/{x}" → id, x).
[[nodiscard]] std::vector<std::string> path_parameters(const std::string& path);
// True for parameters that are integers ({id}, {…_id}); others are strings.
[[nodiscard]] bool integer_parameter(const std::string& name);
// The regular expression a path parameter's value must match (no anchors): digits for an
// integer, hex for a certificate {serial}, letters, digits and "._:-" for a {device_serial}
// (a token's serial as its maker prints it).
[[nodiscard]] std::string parameter_pattern(const std::string& name);

}  // namespace ct::server
