// Every API route (taken from the OpenAPI document) walked with every role, on an object
// inside the role's subtree and on one outside it, through dispatch() — the path every HTTP
// request takes. Deny by default: a role the route's gate does not admit gets 403, a scoped role
// reaching outside its subtree gets the 404 of an object that does not exist (no existence
// oracle, issue 14 item 11), and an admitted role is never refused for
// authorization (it may still get 404/409/422 for the object's state). Without a session every
// signed-in route answers 401; a state-changing request without the CSRF token answers 403.
#include <gtest/gtest.h>

#include "server/openapi.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

using testing::Place;

enum class Expect { allowed, denied, hidden };

struct Walker {
  const char* login;
  registry::Role role;
};
const Walker kWalkers[] = {{"sub1", registry::Role::subscriber}, {"um1", registry::Role::unit_manager},
                           {"agg", registry::Role::aggregator},  {"ra1", registry::Role::ra_officer},
                           {"ca1", registry::Role::ca_operator}, {"auditor", registry::Role::auditor},
                           {"admin", registry::Role::admin}};

// Exceptions to the general rule, each with its reason.
struct Override {
  const char* route;
  const char* login;
  bool inside;
  Expect expect;
};
const Override kOverrides[] = {
    // A batch belongs to the aggregator's organization (the department), above a school: out of a
    // unit's sight, it answers as a batch that does not exist.
    {"GET /api/v1/batches/{id}", "sub1", true, Expect::hidden},
    {"GET /api/v1/batches/{id}", "um1", true, Expect::hidden},
    {"GET /api/v1/batches/{id}/export", "sub1", true, Expect::hidden},
    {"GET /api/v1/batches/{id}/export", "um1", true, Expect::hidden},
    // An import creates subscribers too, which a subscriber may not (the gate admits request_create).
    {"POST /api/v1/imports", "sub1", true, Expect::denied},
    {"POST /api/v1/imports", "sub1", false, Expect::denied},
    {"POST /api/v1/imports/report", "sub1", true, Expect::denied},
    {"POST /api/v1/imports/report", "sub1", false, Expect::denied},
};

class ApiRouteWalk : public testing::ApiFixture {
 protected:
  HttpRequest request_for(const ApiRoute& r, const Place& p) {
    HttpRequest req;
    for (const auto& name : path_parameters(r.path)) {
      std::string v;
      if (name == "device_serial") {
        v = p.device;
      } else if (name == "serial") {
        v = p.serial;
      } else if (name == "attachment_id") {
        v = std::to_string(p.attachment);
      } else if (name == "request_id") {
        v = std::to_string(p.request);
      } else if (r.path.rfind("/api/v1/organizations", 0) == 0) {
        v = std::to_string(p.org);
      } else if (r.path.rfind("/api/v1/subscribers", 0) == 0) {
        v = std::to_string(p.subscriber);
      } else if (r.path.rfind("/api/v1/requests", 0) == 0) {
        v = std::to_string(p.request);
      } else if (r.path.rfind("/api/v1/batches", 0) == 0) {
        v = std::to_string(p.batch);
      }
      req.params[name] = v;
    }
    const std::string key = r.method + " " + r.path;
    nlohmann::json body = nlohmann::json::object();
    ++counter_;
    if (key == "POST /api/v1/session") body = {{"login", "nobody" + std::to_string(counter_)}, {"password", "wrong"}};
    if (key == "POST /api/v1/organizations") body = {{"name", "Phòng " + std::to_string(counter_)}, {"parent_id", p.org}};
    if (key == "POST /api/v1/subscribers" || key == "POST /api/v1/subscribers/validate" ||
        key == "PUT /api/v1/subscribers/{id}") {
      char cccd[16];
      std::snprintf(cccd, sizeof cccd, "0270850%05d", counter_);
      body = {{"org_id", p.org}, {"full_name", "Lê Thị Mới"}, {"dob", "01/02/1980"}, {"cccd", cccd},
              {"cccd_date", "01/01/2021"}, {"cccd_place", "C06"}, {"email", "moi@bacninh.gov.vn"},
              {"position", "Chuyên viên"}, {"device", "SOFT"}};
    }
    if (key == "POST /api/v1/users") {
      body = {{"login", "u" + std::to_string(counter_)}, {"role", "auditor"},
              {"email", "u" + std::to_string(counter_) + "@bacninh.gov.vn"}};
    }
    if (key == "POST /api/v1/account-link" || key == "POST /api/v1/account-link/complete") {
      body = {{"token", std::string(64, 'a')}};
      if (key == "POST /api/v1/account-link/complete") body["password"] = "Không phải liên kết thật";
    }
    if (key == "POST /api/v1/password-reset") body = {{"login", "nobody" + std::to_string(counter_)}};
    if (key == "POST /api/v1/requests" || key == "POST /api/v1/requests/validate") {
      body = {{"type", "mailbox"}, {"subscriber_id", p.subscriber}};
    }
    if (key == "PATCH /api/v1/requests/{id}") body = {{"note", "ghi chú"}};
    if (key == "POST /api/v1/requests/{id}/return" || key == "POST /api/v1/requests/{id}/reject" ||
        key == "POST /api/v1/batches/{id}/return") {
      body = {{"comment", "thiếu giấy tờ"}};
    }
    if (key == "POST /api/v1/rounds") body = {{"name", "Đợt"}, {"deadline", "31/12/2099"}, {"org_id", p.org}};
    if (key == "POST /api/v1/batches") body = {{"round_id", p.round}};
    if (key == "POST /api/v1/batches/{id}/requests") body = {{"request_ids", {p.request}}};
    if (key == "POST /api/v1/certificates/{serial}/revoke") body = {{"reason", "certificateHold"}};
    if (key == "POST /api/v1/devices/{device_serial}/state") body = {{"state", "locked"}};
    if (key == "POST /api/v1/devices/{device_serial}/handover") body = {{"received_by", "Nguyễn Văn An"}};
    if (key == "POST /api/v1/devices") {
      body = {{"kind", "SIM"}, {"serial", "8984" + std::to_string(counter_)}, {"subscriber_id", p.subscriber}};
    }
    if (r.body == Body::json || r.body == Body::json_or_empty) {
      req.headers["content-type"] = "application/json";
      req.body = body.dump();
    }
    if (r.body == Body::binary) {
      req.headers["content-type"] = "application/pdf";
      req.body = "%PDF-1.4\nbổ sung\n";
      req.query = {{"kind", "other"}, {"name", "Bổ sung.pdf"}};
    }
    return req;
  }

  // Whether the route acts on an object of a place (path parameter or a body naming one).
  static bool names_object(const ApiRoute& r) {
    if (!path_parameters(r.path).empty()) return true;
    const std::string key = r.method + " " + r.path;
    return key == "POST /api/v1/subscribers" || key == "POST /api/v1/subscribers/validate" ||
           key == "POST /api/v1/requests" || key == "POST /api/v1/requests/validate" || key == "POST /api/v1/rounds" ||
           key == "POST /api/v1/batches" || key == "POST /api/v1/organizations" || key == "POST /api/v1/devices";
  }

  Expect expected(const ApiRoute& r, const Walker& w, bool inside) {
    const std::string key = r.method + " " + r.path;
    for (const auto& o : kOverrides) {
      if (key == o.route && std::string(w.login) == o.login && inside == o.inside) return o.expect;
    }
    const auto roles = roles_for(r);
    if (std::find(roles.begin(), roles.end(), w.role) == roles.end()) return Expect::denied;
    if (!inside && registry::is_scoped(w.role) && names_object(r)) return Expect::hidden;
    return Expect::allowed;
  }

  int counter_ = 0;
};

const ApiRoute& route_of(const std::string& method, const std::string& path) {
  for (const auto& r : api_routes()) {
    if (r.method == method && r.path == path) return r;
  }
  throw std::logic_error("documented but not in the table: " + method + " " + path);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(ApiRouteWalk, EveryRouteEveryRoleInsideAndOutside) {
  const auto doc = openapi_document();
  int checked = 0;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method_lower, op] : ops.items()) {
      if (op["tags"][0] == "public") continue;  // no sign-in, no roles: public_service.sh covers them
      const ApiRoute& r = route_of(upper(method_lower), path);
      const std::string key = r.method + " " + r.path;
      if (r.access == Access::signed_in) {
        auto anon = call(r.method, r.path, "", request_for(r, inside_));
        EXPECT_EQ(anon.status, 401) << key << " without a session: " << anon.body;
        EXPECT_EQ(anon.content_type, "application/problem+json") << key;
      }
      for (const auto& w : kWalkers) {
        for (bool inside : {true, false}) {
          SCOPED_TRACE(key + " as " + w.login + (inside ? " inside" : " outside"));
          const auto resp = call(r.method, r.path, w.login, request_for(r, inside ? inside_ : outside_));
          EXPECT_LT(resp.status, 500) << resp.body;
          if (r.access == Access::anyone) {
            if (key == "POST /api/v1/session") {
              EXPECT_EQ(resp.status, 401) << resp.body;
            } else if (key.rfind("POST /api/v1/account-link", 0) == 0) {
              // No such link; after a few from one address, the address waits.
              EXPECT_TRUE(resp.status == 404 || resp.status == 429) << resp.body;
            } else if (key == "POST /api/v1/password-reset") {
              EXPECT_TRUE(resp.status == 202 || resp.status == 429) << resp.body;
            } else {
              EXPECT_EQ(resp.status, 200) << resp.body;
            }
          } else if (expected(r, w, inside) == Expect::denied) {
            EXPECT_EQ(resp.status, 403) << resp.body;
            EXPECT_EQ(resp.content_type, "application/problem+json");
          } else if (expected(r, w, inside) == Expect::hidden) {
            EXPECT_EQ(resp.status, 404) << resp.body;
            EXPECT_EQ(resp.content_type, "application/problem+json");
          } else {
            EXPECT_NE(resp.status, 401) << resp.body;
            EXPECT_NE(resp.status, 403) << resp.body;
          }
          if (resp.status >= 400) {
            auto j = nlohmann::json::parse(resp.body, nullptr, false);
            ASSERT_TRUE(j.is_object()) << resp.body;
            EXPECT_EQ(j.value("status", 0), resp.status);
            EXPECT_FALSE(j.value("title", "").empty());
            EXPECT_FALSE(j.value("title_en", "").empty());
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(api_routes().size() * std::size(kWalkers) * 2));
}

TEST_F(ApiRouteWalk, StateChangesNeedTheCsrfToken) {
  for (const auto& r : api_routes()) {
    if (r.access != Access::signed_in || r.method == "GET") continue;
    SCOPED_TRACE(r.method + " " + r.path);
    auto s = session_of("admin");
    HttpRequest req = request_for(r, inside_);
    req.method = r.method;
    req.headers["cookie"] = std::string(kSessionCookie) + "=" + s.id;
    auto missing = dispatch(*services_, r, req);
    EXPECT_EQ(missing.status, 403);
    EXPECT_NE(missing.body.find("X-CSRF-Token"), std::string::npos);
    req.headers["x-csrf-token"] = std::string(s.session.csrf_token.size(), 'A');
    EXPECT_EQ(dispatch(*services_, r, req).status, 403);
  }
}

TEST_F(ApiRouteWalk, ListsShowOnlyTheSubtree) {
  auto ids_in = [](const HttpResponse& r, const char* field) {
    std::set<std::string> out;
    auto j = nlohmann::json::parse(r.body);
    for (const auto& item : j["items"]) out.insert(item[field].dump());
    return out;
  };
  auto requests = ids_in(call("GET", "/api/v1/requests", "um1"), "id");
  EXPECT_EQ(requests.count(std::to_string(inside_.request)), 1u);
  EXPECT_EQ(requests.count(std::to_string(outside_.request)), 0u);
  auto certs = ids_in(call("GET", "/api/v1/certificates", "agg"), "serial");
  EXPECT_EQ(certs.count("\"" + inside_.serial + "\""), 1u);
  EXPECT_EQ(certs.count("\"" + outside_.serial + "\""), 0u);
  auto mine = ids_in(call("GET", "/api/v1/certificates", "sub1"), "serial");
  EXPECT_EQ(mine.size(), 1u);
  auto all = ids_in(call("GET", "/api/v1/certificates", "auditor"), "serial");
  EXPECT_EQ(all.count("\"" + outside_.serial + "\""), 1u);
  auto subs = ids_in(call("GET", "/api/v1/subscribers", "um_fin"), "id");
  EXPECT_EQ(subs, std::set<std::string>{std::to_string(outside_.subscriber)});
  auto stats = nlohmann::json::parse(call("GET", "/api/v1/statistics", "um1").body);
  EXPECT_EQ(stats["requests_by_state"].value("draft", 0), 1);
  EXPECT_EQ(stats["certificates_by_status"].value("valid", 0), 1);
}

}  // namespace
}  // namespace ct::server
