// The OpenAPI document lists exactly the routes of the table the router is built from.
#include "server/openapi.h"
#include "server/routes_public.h"

#include <gtest/gtest.h>

#include <set>

namespace ct::server {
namespace {

TEST(OpenApi, DocumentsEveryRouteOnceAndNothingElse) {
  const auto doc = openapi_document();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> documented;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      EXPECT_TRUE(documented.insert(method + " " + path).second);
      EXPECT_TRUE(op.contains("operationId"));
      EXPECT_TRUE(op.contains("x-roles"));
      EXPECT_TRUE(op["responses"].contains("default")) << path;
      int declared = 0;
      for (const auto& p : op.value("parameters", nlohmann::json::array())) declared += p["in"] == "path" ? 1 : 0;
      EXPECT_EQ(declared, static_cast<int>(path_parameters(path).size())) << path;
    }
  }
  std::set<std::string> served;
  for (const auto& r : api_routes()) {
    std::string m = r.method;
    for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(served.insert(m + " " + r.path).second) << "defined twice: " << r.path;
    EXPECT_EQ(r.path.rfind("/api/v1/", 0), 0u) << r.path;  // the public service documents its own
    EXPECT_TRUE(static_cast<bool>(r.handler)) << r.path;
  }
  for (const auto& d : public_route_docs()) {
    std::string m = d.method;
    for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(served.insert(m + " " + d.path).second) << "defined twice: " << d.path;
  }
  EXPECT_EQ(documented, served);
  EXPECT_TRUE(served.count("get /api/v1/openapi.json"));
}

TEST(OpenApi, RolesComeFromTheAccessPolicy) {
  for (const auto& r : api_routes()) {
    const auto roles = roles_for(r);
    if (r.path == "/api/v1/audit") {
      ASSERT_EQ(roles.size(), 1u);
      EXPECT_EQ(roles.front(), registry::Role::auditor);
    }
    if (r.path == "/api/v1/requests/{id}/approve") {
      ASSERT_EQ(roles.size(), 1u);
      EXPECT_EQ(roles.front(), registry::Role::ra_officer);
    }
    if (r.access == Access::signed_in) EXPECT_FALSE(roles.empty()) << r.path;
  }
}

}  // namespace
}  // namespace ct::server
