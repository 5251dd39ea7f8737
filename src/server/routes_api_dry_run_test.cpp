// Dry runs for the portal's inline validation: POST /api/v1/subscribers/validate and
// POST /api/v1/requests/validate take the body of the create route, pass the same role and scope
// checks, answer the findings, and store nothing.
#include <gtest/gtest.h>

#include "server/server_test_support.h"

namespace ct::server {
namespace {

class DryRunRoutes : public testing::ApiFixture {
 protected:
  static HttpRequest json_body(const nlohmann::json& body) {
    HttpRequest req;
    req.headers["content-type"] = "application/json";
    req.body = body.dump();
    return req;
  }

  // Rows of the tables a create would write, and the audit log.
  std::string snapshot() {
    auto lease = ctx_->db().acquire();
    EXPECT_TRUE(lease);
    std::string out;
    for (const char* table : {"subscribers", "requests", "request_events", "attachments", "audit_log"}) {
      auto q = (*lease)->query(std::string("SELECT COUNT(*) FROM ") + table);
      EXPECT_TRUE(q);
      auto row = q->step();
      EXPECT_TRUE(row && *row);
      out += std::string(table) + "=" + std::to_string(q->get_int(0)) + " ";
    }
    return out;
  }

  nlohmann::json person_body(std::int64_t org) {
    return {{"org_id", org},           {"full_name", "Lê Thị Mới"},  {"dob", "01/02/1980"},
            {"cccd", "027080000123"},  {"cccd_date", "01/01/2021"}, {"cccd_place", "C06"},
            {"email", "moi@bacninh.gov.vn"}, {"position", "Chuyên viên"}, {"device", "SOFT"}};
  }

  static bool has_finding(const nlohmann::json& findings, const std::string& field, const std::string& severity) {
    for (const auto& f : findings)
      if (f["field"] == field && f["severity"] == severity) return true;
    return false;
  }
};

TEST_F(DryRunRoutes, SubscriberFindingsWithoutStoringAnything) {
  const std::string before = snapshot();
  const auto ok = call("POST", "/api/v1/subscribers/validate", "um1", json_body(person_body(inside_.org)));
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto clean = nlohmann::json::parse(ok.body);
  ASSERT_TRUE(clean["findings"].is_array());
  for (const auto& f : clean["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();

  auto bad = person_body(inside_.org);
  bad["cccd"] = "12345";
  bad["email"] = "moi@gmail.com";
  bad["dob"] = "31/02/1980";
  const auto refused = call("POST", "/api/v1/subscribers/validate", "um1", json_body(bad));
  ASSERT_EQ(refused.status, 200) << refused.body;
  const auto findings = nlohmann::json::parse(refused.body)["findings"];
  EXPECT_TRUE(has_finding(findings, "cccd", "error")) << findings.dump();
  EXPECT_TRUE(has_finding(findings, "dob", "error")) << findings.dump();
  for (const auto& f : findings) {
    for (const char* key : {"field", "code", "severity", "message_vi", "message_en"}) {
      EXPECT_TRUE(f.contains(key)) << key;
    }
  }
  EXPECT_EQ(snapshot(), before);

  // The same findings the create route refuses with.
  const auto created = call("POST", "/api/v1/subscribers", "um1", json_body(bad));
  ASSERT_EQ(created.status, 422) << created.body;
  EXPECT_EQ(nlohmann::json::parse(created.body)["findings"], findings);
}

TEST_F(DryRunRoutes, SubscriberRefusalsAreTheCreateRoutes) {
  // Outside the subtree: the create route's refusal, word for word (the organization is out of
  // sight, so the answer is the one of an organization that does not exist).
  const auto dry = call("POST", "/api/v1/subscribers/validate", "um1", json_body(person_body(outside_.org)));
  const auto real = call("POST", "/api/v1/subscribers", "um1", json_body(person_body(outside_.org)));
  EXPECT_EQ(dry.status, 404);
  EXPECT_EQ(dry.status, real.status);
  EXPECT_EQ(nlohmann::json::parse(dry.body)["title_en"], nlohmann::json::parse(real.body)["title_en"]);
  EXPECT_EQ(call("POST", "/api/v1/subscribers/validate", "sub1", json_body(person_body(inside_.org))).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/subscribers/validate", "um1", json_body(person_body(999999))).status, 404);
  auto missing = person_body(inside_.org);
  missing.erase("full_name");
  const auto malformed = call("POST", "/api/v1/subscribers/validate", "um1", json_body(missing));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(nlohmann::json::parse(malformed.body)["field"], "full_name");
  auto unknown = person_body(inside_.org);
  unknown["priority"] = 1;
  EXPECT_EQ(call("POST", "/api/v1/subscribers/validate", "um1", json_body(unknown)).status, 400);
}

TEST_F(DryRunRoutes, RequestFindingsOfADraftWithoutStoringAnything) {
  const std::string before = snapshot();
  const auto r = call("POST", "/api/v1/requests/validate", "um1",
                      json_body({{"type", "new"}, {"subscriber_id", inside_.subscriber}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto dry = nlohmann::json::parse(r.body);
  EXPECT_EQ(dry["form"], "Mẫu 01");
  ASSERT_TRUE(dry["findings"].is_array());
  EXPECT_FALSE(dry["findings"].empty());  // no CSR or documents yet, a valid certificate already held…
  EXPECT_EQ(snapshot(), before);

  // The draft created from the same body has exactly these findings.
  const auto created = call("POST", "/api/v1/requests", "um1",
                            json_body({{"type", "new"}, {"subscriber_id", inside_.subscriber}}));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(nlohmann::json::parse(created.body)["findings"], dry["findings"]);

  const auto revoke = call("POST", "/api/v1/requests/validate", "um1",
                           json_body({{"type", "revoke"}, {"subscriber_id", inside_.subscriber},
                                      {"cert_serial", inside_.serial}, {"ground", "retirement"}}));
  ASSERT_EQ(revoke.status, 200) << revoke.body;
  EXPECT_EQ(nlohmann::json::parse(revoke.body)["form"], "Mẫu 05");
  const auto mailbox = call("POST", "/api/v1/requests/validate", "sub1",
                            json_body({{"type", "mailbox"}, {"subscriber_id", inside_.subscriber}}));
  ASSERT_EQ(mailbox.status, 200) << mailbox.body;
  EXPECT_EQ(nlohmann::json::parse(mailbox.body)["form"], "");
}

TEST_F(DryRunRoutes, RequestRefusalsAreTheCreateRoutes) {
  const nlohmann::json outside{{"type", "mailbox"}, {"subscriber_id", outside_.subscriber}};
  const auto dry = call("POST", "/api/v1/requests/validate", "um1", json_body(outside));
  const auto real = call("POST", "/api/v1/requests", "um1", json_body(outside));
  EXPECT_EQ(dry.status, 404);  // the subscriber is out of sight
  EXPECT_EQ(dry.status, real.status);
  EXPECT_EQ(nlohmann::json::parse(dry.body)["title_en"], nlohmann::json::parse(real.body)["title_en"]);
  for (const char* login : {"ra1", "ca1", "auditor", "admin"}) {
    EXPECT_EQ(call("POST", "/api/v1/requests/validate", login,
                   json_body({{"type", "mailbox"}, {"subscriber_id", inside_.subscriber}}))
                  .status,
              403)
        << login;
  }
  EXPECT_EQ(call("POST", "/api/v1/requests/validate", "um1",
                 json_body({{"type", "steal"}, {"subscriber_id", inside_.subscriber}}))
                .status,
            400);
  EXPECT_EQ(call("POST", "/api/v1/requests/validate", "um1", json_body({{"type", "mailbox"}})).status, 400);
  EXPECT_EQ(call("POST", "/api/v1/requests/validate", "um1",
                 json_body({{"type", "mailbox"}, {"subscriber_id", 999999}}))
                .status,
            404);
  HttpRequest not_json;
  not_json.headers["content-type"] = "application/json";
  not_json.body = "{\"type\": ";
  EXPECT_EQ(call("POST", "/api/v1/requests/validate", "um1", not_json).status, 400);
}

}  // namespace
}  // namespace ct::server
