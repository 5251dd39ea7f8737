// The notification routes: each user sees only the mails sent to them and sets their optional
// mails; the outbox and its retry are the admin's.
#include <gtest/gtest.h>

#include "server/server_test_support.h"
#include "store/notifications.h"

namespace ct::server {
namespace {

class NotificationRoutes : public testing::ApiFixture {
 protected:
  // A mail of a new event for user `login`, in `state`; returns its id.
  std::int64_t mail_for(const std::string& login, const std::string& subject, store::OutboxState state) {
    auto lease = ctx_->db().acquire();
    store::NotificationEvent e;
    e.kind = "request.submitted";
    e.created_at = ctx_->clock().now();
    EXPECT_TRUE(store::add_notification_event(**lease, e));
    auto q = (*lease)->query("SELECT MAX(id) FROM notification_events");
    EXPECT_TRUE(q && q->step());
    store::OutboxMessage m;
    m.event_id = q->get_int(0);
    m.kind = e.kind;
    m.recipient = login + "@bacninh.gov.vn";
    m.user_id = ids_.at(login);
    m.subject = subject;
    m.body_text = "Nội dung thư";
    m.next_attempt = m.created_at = ctx_->clock().now();
    EXPECT_TRUE(store::add_outbox_message(**lease, m));
    auto id = (*lease)->query("SELECT MAX(id) FROM outbox");
    EXPECT_TRUE(id && id->step());
    const std::int64_t out = id->get_int(0);
    if (state == store::OutboxState::failed) {
      auto u = (*lease)->query("UPDATE outbox SET state = 'failed', last_error = '550 no such user' WHERE id = $1");
      EXPECT_TRUE(u && u->bind(1, out).run());
    }
    return out;
  }
};

TEST_F(NotificationRoutes, EachUserSeesOnlyTheirOwnMails) {
  mail_for("um1", "Yêu cầu 7 đã được gửi", store::OutboxState::queued);
  mail_for("um_fin", "Yêu cầu 9 đã được gửi", store::OutboxState::queued);
  const auto r = call("GET", "/api/v1/notifications", "um1");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  ASSERT_EQ(j["items"].size(), 1u) << r.body;
  EXPECT_EQ(j["items"][0]["subject"], "Yêu cầu 7 đã được gửi");
  EXPECT_EQ(j["items"][0]["body_text"], "Nội dung thư");
  EXPECT_EQ(nlohmann::json::parse(call("GET", "/api/v1/notifications", "ra1").body)["items"].size(), 0u);
}

TEST_F(NotificationRoutes, OptionalMailsTurnOffAndStayOff) {
  HttpRequest req;
  req.headers["content-type"] = "application/json";
  req.body = R"({"digest": false})";
  auto r = call("PATCH", "/api/v1/notifications/settings", "ra1", req);
  ASSERT_EQ(r.status, 200) << r.body;
  r = call("GET", "/api/v1/notifications/settings", "ra1");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["digest"], false);
  EXPECT_EQ(j["unit_reminders"], true);
  req.body = R"({"digest": "no"})";
  EXPECT_EQ(call("PATCH", "/api/v1/notifications/settings", "ra1", req).status, 400);
}

TEST_F(NotificationRoutes, OutboxAndRetryAreTheAdminsOnly) {
  const auto failed = mail_for("um1", "Thư lỗi", store::OutboxState::failed);
  const auto queued = mail_for("um1", "Thư chờ", store::OutboxState::queued);
  EXPECT_EQ(call("GET", "/api/v1/outbox", "um1").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/outbox", "ra1").status, 403);
  HttpRequest only_failed;
  only_failed.query["state"] = "failed";
  auto r = call("GET", "/api/v1/outbox", "admin", only_failed);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["last_error"], "550 no such user");
  EXPECT_EQ(j["counts"]["failed"], 1);
  HttpRequest id;
  id.params["id"] = std::to_string(queued);
  EXPECT_EQ(call("POST", "/api/v1/outbox/{id}/retry", "admin", id).status, 409);  // not failed
  id.params["id"] = std::to_string(failed);
  EXPECT_EQ(call("POST", "/api/v1/outbox/{id}/retry", "um1", id).status, 403);
  r = call("POST", "/api/v1/outbox/{id}/retry", "admin", id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["state"], "queued");
}

TEST_F(NotificationRoutes, TheAdminSetsAUsersOfficialAddressWithinTheDomains) {
  HttpRequest req;
  req.params["id"] = std::to_string(ids_.at("um1"));
  req.headers["content-type"] = "application/json";
  req.body = R"({"email": "Truong.HT@BacNinh.gov.vn"})";
  EXPECT_EQ(call("PATCH", "/api/v1/users/{id}", "um1", req).status, 403);
  auto r = call("PATCH", "/api/v1/users/{id}", "admin", req);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["email"], "truong.ht@bacninh.gov.vn");
  req.body = R"({"email": "truong@gmail.com"})";
  r = call("PATCH", "/api/v1/users/{id}", "admin", req);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("email"), std::string::npos);
  req.body = R"({"email": ""})";
  r = call("PATCH", "/api/v1/users/{id}", "admin", req);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(nlohmann::json::parse(r.body)["email"].is_null());
}

}  // namespace
}  // namespace ct::server
