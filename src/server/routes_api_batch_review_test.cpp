// Batches for the aggregator and the registration office: the list in scope, and a whole batch
// approved or returned with one outcome per request — validation and the two-person rule still
// decide each request on its own.
#include <gtest/gtest.h>

#include "pki/revocation.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

using registry::Role;

class BatchReviewRoutes : public testing::ApiFixture {
 protected:
  static HttpRequest json_body(const nlohmann::json& body, std::int64_t id = 0) {
    HttpRequest req;
    if (id != 0) req.params["id"] = std::to_string(id);
    req.headers["content-type"] = "application/json";
    req.body = body.dump();
    return req;
  }
  static HttpRequest with_query(std::map<std::string, std::string> query) {
    HttpRequest req;
    req.query = std::move(query);
    return req;
  }

  std::int64_t revoke_request(const std::string& serial) {
    auto env = ctx_->registry_env();
    registry::RequestWorkflow wf(env);
    registry::NewRequest n;
    n.type = registry::RequestType::revoke;
    n.subscriber_id = inside_.subscriber;
    n.cert_serial = serial;
    n.ground = "retirement";
    const std::string pdf = "%PDF-1.4\nđơn thu hồi\n";
    n.attachments.push_back({"request_letter", "Đơn.pdf", Bytes(pdf.begin(), pdf.end())});
    auto r = wf.create(actor("um1"), n);
    EXPECT_TRUE(r) << (r ? "" : r.error().describe());
    return r ? r->id : 0;
  }

  // The inside batch, submitted: a mailbox request and revocations of two certificates of An,
  // all forwarded to the registration office.
  void forward_inside_batch() {
    second_serial_ = issue(inside_.subscriber, "Nguyễn Văn An");
    first_revoke_ = revoke_request(inside_.serial);
    second_revoke_ = revoke_request(second_serial_);
    auto env = ctx_->registry_env();
    registry::RequestWorkflow wf(env);
    for (std::int64_t id : {inside_.request, first_revoke_, second_revoke_}) {
      auto s = wf.submit(actor("um1"), id, "");
      ASSERT_TRUE(s) << s.error().describe();
      ASSERT_EQ(s->state, registry::RequestState::submitted);
    }
    ASSERT_TRUE(registry::add_to_batch(env, actor("agg"), inside_.batch, {inside_.request, first_revoke_, second_revoke_}));
    auto b = registry::submit_batch(env, actor("agg"), inside_.batch, "");
    ASSERT_TRUE(b) << b.error().describe();
    ASSERT_EQ(b->state, "submitted");
  }

  nlohmann::json results(const HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j["results"].is_array()) << r.body;
    return j["results"];
  }

  static const nlohmann::json& item(const nlohmann::json& results, std::int64_t request_id) {
    for (const auto& i : results)
      if (i["request_id"] == request_id) return i;
    static const nlohmann::json none;
    ADD_FAILURE() << "no result for request " << request_id << " in " << results.dump();
    return none;
  }

  std::string state_of(std::int64_t request_id) {
    HttpRequest req;
    req.params["id"] = std::to_string(request_id);
    return nlohmann::json::parse(call("GET", "/api/v1/requests/{id}", "ra1", req).body).value("state", "");
  }

  std::string second_serial_;
  std::int64_t first_revoke_ = 0, second_revoke_ = 0;
};

TEST_F(BatchReviewRoutes, ListShowsTheBatchesInScopeNewestFirst) {
  auto ids = [&](const std::string& login, std::map<std::string, std::string> query = {}) {
    const auto r = call("GET", "/api/v1/batches", login, with_query(std::move(query)));
    EXPECT_EQ(r.status, 200) << r.body;
    const auto page = nlohmann::json::parse(r.body);
    std::vector<std::int64_t> out;
    for (const auto& b : page["items"]) out.push_back(b["id"].get<std::int64_t>());
    return out;
  };
  EXPECT_EQ(ids("agg"), std::vector<std::int64_t>{inside_.batch});
  EXPECT_EQ(ids("agg_fin"), std::vector<std::int64_t>{outside_.batch});  // another department sees none of ours
  EXPECT_EQ(ids("ra1"), (std::vector<std::int64_t>{outside_.batch, inside_.batch}));
  EXPECT_EQ(ids("ca1").size(), 2u);
  EXPECT_EQ(ids("auditor").size(), 2u);
  EXPECT_EQ(ids("admin").size(), 2u);
  EXPECT_EQ(ids("ra1", {{"round_id", std::to_string(inside_.round)}}), std::vector<std::int64_t>{inside_.batch});
  EXPECT_TRUE(ids("ra1", {{"state", "submitted"}}).empty());
  EXPECT_EQ(ids("ra1", {{"state", "open"}, {"limit", "1"}}), std::vector<std::int64_t>{outside_.batch});
  EXPECT_EQ(call("GET", "/api/v1/batches", "ra1", with_query({{"state", "lost"}})).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/batches", "um1").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/batches", "sub1").status, 403);

  const auto page = nlohmann::json::parse(call("GET", "/api/v1/batches", "agg").body);
  const auto& b = page["items"][0];
  EXPECT_EQ(b["round_id"], inside_.round);
  EXPECT_EQ(b["round_name"], "Đợt GD");
  EXPECT_EQ(b["org_id"], education_);
  EXPECT_EQ(b["org_name"], "Sở Giáo dục và Đào tạo");
  EXPECT_EQ(b["state"], "open");
  EXPECT_EQ(b["late"], false);
  EXPECT_EQ(b["requests"], 0);
  EXPECT_EQ(b["created_by"], "agg");
  EXPECT_TRUE(b.contains("created_at"));
  EXPECT_FALSE(b.contains("submitted_at"));  // not submitted: not invented

  HttpRequest one;
  one.params["id"] = std::to_string(inside_.batch);
  const auto single = call("GET", "/api/v1/batches/{id}", "agg", one);
  EXPECT_EQ(nlohmann::json::parse(single.body)["round_name"], "Đợt GD");
  // Another department's batch is out of sight: the answer of a batch that does not exist.
  EXPECT_EQ(call("GET", "/api/v1/batches/{id}", "agg_fin", one).status, 404);
}

TEST_F(BatchReviewRoutes, ApproveDecidesEachRequestOnItsOwn) {
  forward_inside_batch();
  // The second certificate is revoked directly meanwhile: its revocation request no longer
  // passes validation, the others still do.
  auto env = ctx_->registry_env();
  pki::RevocationRequest direct;
  direct.serial = second_serial_;
  direct.reason = crypto::CrlReason::key_compromise;
  direct.actor = "ca1";
  ASSERT_TRUE(pki::revoke(env.db, env.clock, direct));

  auto first = results(call("POST", "/api/v1/batches/{id}/approve", "ra1", json_body({{"comment", "đủ hồ sơ"}}, inside_.batch)));
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(item(first, inside_.request)["ok"], true);
  EXPECT_EQ(item(first, inside_.request)["state"], "approved");
  EXPECT_EQ(item(first, first_revoke_)["ok"], true);  // revocation: the first of two approvals
  EXPECT_EQ(item(first, first_revoke_)["state"], "forwarded");
  const auto& refused = item(first, second_revoke_);
  EXPECT_EQ(refused["ok"], false);
  EXPECT_EQ(refused["status"], 422);
  EXPECT_FALSE(refused.value("title", "").empty());
  EXPECT_FALSE(refused.value("title_en", "").empty());
  EXPECT_FALSE(refused.value("detail", "").empty());
  EXPECT_FALSE(refused.value("detail_en", "").empty());
  ASSERT_TRUE(refused["findings"].is_array());
  EXPECT_FALSE(refused["findings"].empty());
  EXPECT_EQ(state_of(inside_.request), "approved");
  EXPECT_EQ(state_of(second_revoke_), "forwarded");

  // The same officer again: refused for the revocation that needs a second person, not for the batch.
  auto again =
      results(call("POST", "/api/v1/batches/{id}/approve", "ra1", json_body(nlohmann::json::object(), inside_.batch)));
  ASSERT_EQ(again.size(), 2u);  // the approved mailbox request is no longer awaiting approval
  EXPECT_EQ(item(again, first_revoke_)["ok"], false);
  EXPECT_EQ(item(again, first_revoke_)["status"], 409);
  EXPECT_EQ(item(again, first_revoke_)["findings"], nlohmann::json::array());
  EXPECT_EQ(item(again, second_revoke_)["status"], 422);
  EXPECT_EQ(state_of(first_revoke_), "forwarded");

  {
    auto lease = ctx_->db().acquire();
    ASSERT_TRUE(lease);
    user(**lease, "ra2", Role::ra_officer, std::nullopt);
  }
  auto second = results(call("POST", "/api/v1/batches/{id}/approve", "ra2", json_body(nlohmann::json::object(), inside_.batch)));
  EXPECT_EQ(item(second, first_revoke_)["ok"], true);
  EXPECT_EQ(item(second, first_revoke_)["state"], "approved");
  EXPECT_EQ(item(second, second_revoke_)["ok"], false);
  EXPECT_EQ(state_of(first_revoke_), "approved");

  // What is left is returned with the reason; nothing else is touched.
  auto returned = results(call("POST", "/api/v1/batches/{id}/return", "ra1",
                               json_body({{"comment", "chứng thư đã bị thu hồi"},
                                          {"field_reasons", {{"cert_serial", "đã thu hồi"}}}},
                                         inside_.batch)));
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(item(returned, second_revoke_)["ok"], true);
  EXPECT_EQ(item(returned, second_revoke_)["state"], "returned");
  EXPECT_EQ(state_of(second_revoke_), "returned");
  EXPECT_EQ(state_of(inside_.request), "approved");
}

TEST_F(BatchReviewRoutes, ReturnEveryRequestWithAReason) {
  forward_inside_batch();
  for (const nlohmann::json& body : {nlohmann::json::object(), nlohmann::json{{"comment", "  "}}}) {
    const auto r = call("POST", "/api/v1/batches/{id}/return", "ra1", json_body(body, inside_.batch));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body)["field"], "comment");
  }
  EXPECT_EQ(state_of(inside_.request), "forwarded");  // a refused call changes nothing

  auto all = results(call("POST", "/api/v1/batches/{id}/return", "ra1",
                          json_body({{"comment", "bổ sung quyết định bổ nhiệm"}}, inside_.batch)));
  ASSERT_EQ(all.size(), 3u);
  for (const auto& i : all) {
    EXPECT_EQ(i["ok"], true) << i.dump();
    EXPECT_EQ(i["state"], "returned");
  }
  HttpRequest one;
  one.params["id"] = std::to_string(inside_.request);
  const auto view = nlohmann::json::parse(call("GET", "/api/v1/requests/{id}", "um1", one).body);
  EXPECT_EQ(view["timeline"].back()["action"], "return");
  EXPECT_EQ(view["timeline"].back()["comment"], "bổ sung quyết định bổ nhiệm");
  // Nothing left to return: an empty list, not an error.
  EXPECT_TRUE(results(call("POST", "/api/v1/batches/{id}/return", "ra1",
                           json_body({{"comment", "lần nữa"}}, inside_.batch))).empty());
}

TEST_F(BatchReviewRoutes, ASubmitRefusedByRevalidationNamesEachRequestAndField) {
  second_serial_ = issue(inside_.subscriber, "Nguyễn Văn An");
  const std::int64_t good = revoke_request(second_serial_);
  const std::int64_t bad = revoke_request(inside_.serial);
  auto env = ctx_->registry_env();
  registry::RequestWorkflow wf(env);
  for (std::int64_t id : {good, bad}) ASSERT_TRUE(wf.submit(actor("um1"), id, ""));
  ASSERT_TRUE(registry::add_to_batch(env, actor("agg"), inside_.batch, {good, bad}));
  // The certificate of the second request is revoked directly before the batch is sent.
  pki::RevocationRequest direct;
  direct.serial = inside_.serial;
  direct.reason = crypto::CrlReason::key_compromise;
  direct.actor = "ca1";
  ASSERT_TRUE(pki::revoke(env.db, env.clock, direct));

  const auto r = call("POST", "/api/v1/batches/{id}/submit", "agg", json_body(nlohmann::json::object(), inside_.batch));
  EXPECT_EQ(r.status, 422) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["field"], "requests");
  ASSERT_TRUE(j["findings"].is_array() && !j["findings"].empty()) << r.body;
  for (const auto& f : j["findings"]) EXPECT_EQ(f["request_id"], bad) << r.body;
  bool names_certificate = false;
  for (const auto& f : j["findings"]) names_certificate |= f["field"] == "cert_serial";
  EXPECT_TRUE(names_certificate) << r.body;
  // Nothing was forwarded.
  EXPECT_EQ(state_of(good), "submitted");
  EXPECT_EQ(state_of(bad), "submitted");
}

TEST_F(BatchReviewRoutes, OnlyTheRegistrationOfficeReviewsBatches) {
  forward_inside_batch();
  for (const char* login : {"agg", "agg_fin", "um1", "ca1", "auditor", "admin", "sub1"}) {
    SCOPED_TRACE(login);
    EXPECT_EQ(call("POST", "/api/v1/batches/{id}/approve", login, json_body(nlohmann::json::object(), inside_.batch)).status, 403);
    EXPECT_EQ(call("POST", "/api/v1/batches/{id}/return", login, json_body({{"comment", "x"}}, inside_.batch)).status, 403);
  }
  EXPECT_EQ(state_of(inside_.request), "forwarded");
  const auto missing = call("POST", "/api/v1/batches/{id}/approve", "ra1", json_body(nlohmann::json::object(), 999999));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["field"], "id");
  // An open batch has nothing awaiting approval.
  EXPECT_TRUE(results(call("POST", "/api/v1/batches/{id}/approve", "ra1", json_body(nlohmann::json::object(), outside_.batch))).empty());
}

}  // namespace
}  // namespace ct::server
