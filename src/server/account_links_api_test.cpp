// Issue 14, finding 5, over the API: the admin who creates a user sees no password and no TOTP
// secret anywhere (creation, the user list, the outbox); the user activates through the mailed
// link, which works once; a reset through a link ends the sessions of the old password; the
// forgotten-password form answers alike for every login; bad tokens are throttled per address.
#include <gtest/gtest.h>

#include <regex>

#include "registry/user_credentials.h"
#include "server/server_test_support.h"
#include "store/notifications.h"

namespace ct::server {
namespace {

class AccountLinkApiTest : public testing::ApiFixture {
 protected:
  static HttpRequest json_body(const nlohmann::json& j, const std::string& client = "198.51.100.20") {
    HttpRequest req;
    req.headers["content-type"] = "application/json";
    req.body = j.dump();
    req.client = client;
    return req;
  }
  // The token in the newest mail to `email`, read as its recipient would (the store's row).
  std::string mailed_token(const std::string& email) {
    auto lease = ctx_->db().acquire();
    store::OutboxFilter f;
    f.recipient = email;
    f.newest_first = true;
    auto rows = store::list_outbox(**lease, f);
    EXPECT_TRUE(rows && !rows->empty());
    if (!rows || rows->empty()) return {};
    EXPECT_TRUE(rows->front().holds_secret);
    std::smatch m;
    static const std::regex kLink("/activate#t=([0-9a-f]{64})");
    EXPECT_TRUE(std::regex_search(rows->front().body_text, m, kLink)) << rows->front().body_text;
    EXPECT_NE(rows->front().body_html.find("/activate#t=" + m[1].str()), std::string::npos);
    return m[1].str();
  }
  std::string code_at(const std::string& base32, std::chrono::seconds ahead) {
    return registry::totp_code(registry::base32_decode(base32).value_or(Bytes{}), ctx_->clock().now() + ahead);
  }
};

TEST_F(AccountLinkApiTest, TheAdminSeesNoSecretAndTheUserActivatesThroughTheMailedLink) {
  auto created = call("POST", "/api/v1/users", "admin",
                      json_body({{"login", "ra9"}, {"role", "ra_officer"}, {"email", "ra9@bacninh.gov.vn"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  auto user = nlohmann::json::parse(created.body);
  EXPECT_FALSE(user.contains("password"));
  EXPECT_FALSE(user.contains("totp_secret"));
  EXPECT_FALSE(user.contains("totp_uri"));
  EXPECT_FALSE(user["activated"].get<bool>());
  EXPECT_TRUE(user.contains("activation_expires_at"));
  // A password in the body is no longer taken.
  auto with_password = call("POST", "/api/v1/users", "admin",
                            json_body({{"login", "ra10"}, {"role", "ra_officer"}, {"email", "ra10@bacninh.gov.vn"},
                                       {"password", "Admin-chose-this-1"}}));
  EXPECT_EQ(with_password.status, 400) << with_password.body;

  const std::string token = mailed_token("ra9@bacninh.gov.vn");
  ASSERT_EQ(token.size(), 64u);
  // The admin's outbox and user list hold no trace of it.
  for (const char* path : {"/api/v1/outbox", "/api/v1/users"}) {
    auto listed = call("GET", path, "admin");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(token), std::string::npos) << path;
    EXPECT_EQ(listed.body.find("activate#t="), std::string::npos) << path;
  }

  // Before activation no password signs in.
  auto early = call("POST", "/api/v1/session", "", json_body({{"login", "ra9"}, {"password", ""}}));
  EXPECT_EQ(early.status, 401);

  auto opened = call("POST", "/api/v1/account-link", "", json_body({{"token", token}}));
  ASSERT_EQ(opened.status, 200) << opened.body;
  auto link = nlohmann::json::parse(opened.body);
  EXPECT_EQ(link["login"], "ra9");
  EXPECT_EQ(link["purpose"], "activate");
  EXPECT_EQ(link["totp"], "enrol");
  const std::string secret = link["totp_secret"];
  EXPECT_EQ(link["totp_uri"], registry::otpauth_uri("ra9", secret));

  const std::string password = "Mật khẩu của ra9 tự đặt";
  auto wrong = call("POST", "/api/v1/account-link/complete", "",
                    json_body({{"token", token}, {"password", password}, {"totp", "000000"}}));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(nlohmann::json::parse(wrong.body).value("field", ""), "totp") << wrong.body;
  auto done = call("POST", "/api/v1/account-link/complete", "",
                   json_body({{"token", token}, {"password", password}, {"totp", code_at(secret, {})}}));
  ASSERT_EQ(done.status, 200) << done.body;
  auto again = call("POST", "/api/v1/account-link/complete", "",
                    json_body({{"token", token}, {"password", password}, {"totp", code_at(secret, {})}}));
  EXPECT_EQ(again.status, 404) << "a link works once";

  // The user signs in with what only they know (the next step's code: the one used to
  // activate is spent).
  auto signed_in = call("POST", "/api/v1/session", "",
                        json_body({{"login", "ra9"}, {"password", password},
                                   {"totp", code_at(secret, std::chrono::seconds(registry::kTotpStepSeconds))}}));
  EXPECT_EQ(signed_in.status, 201) << signed_in.body;
  auto users = nlohmann::json::parse(call("GET", "/api/v1/users", "admin").body);
  for (const auto& u : users["items"]) {
    if (u["login"] == "ra9") EXPECT_TRUE(u["activated"].get<bool>());
  }
}

TEST_F(AccountLinkApiTest, AResetLinkEndsTheSessionsOfTheOldPassword) {
  auto old_session = session_of("um1");
  HttpRequest me;
  me.headers["cookie"] = std::string(kSessionCookie) + "=" + old_session.id;
  ASSERT_EQ(call("GET", "/api/v1/session", "", me).status, 200);

  auto sent = call("POST", "/api/v1/users/{id}/reset-link", "admin", [&] {
    HttpRequest r = json_body(nlohmann::json::object());
    r.params["id"] = std::to_string(ids_.at("um1"));
    return r;
  }());
  ASSERT_EQ(sent.status, 202) << sent.body;
  const std::string token = mailed_token("um1@bacninh.gov.vn");
  EXPECT_EQ(sent.body.find(token), std::string::npos);
  auto opened = nlohmann::json::parse(call("POST", "/api/v1/account-link", "", json_body({{"token", token}})).body);
  EXPECT_EQ(opened["purpose"], "reset");
  EXPECT_EQ(opened["totp"], "none");
  EXPECT_FALSE(opened.contains("totp_secret"));
  auto done = call("POST", "/api/v1/account-link/complete", "",
                   json_body({{"token", token}, {"password", "Mật khẩu mới của um1"}}));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(call("GET", "/api/v1/session", "", me).status, 401) << "the old session ended";
  EXPECT_EQ(call("POST", "/api/v1/session", "", json_body({{"login", "um1"}, {"password", kPassword}})).status, 401);
  EXPECT_EQ(call("POST", "/api/v1/session", "",
                 json_body({{"login", "um1"}, {"password", "Mật khẩu mới của um1"}}))
                .status,
            201);
  // Only the admin sends links.
  HttpRequest other = json_body(nlohmann::json::object());
  other.params["id"] = std::to_string(ids_.at("um1"));
  EXPECT_EQ(call("POST", "/api/v1/users/{id}/reset-link", "ra1", other).status, 403);
}

TEST_F(AccountLinkApiTest, ForgottenPasswordAnswersAlikeAndBadTokensAreThrottled) {
  auto known = call("POST", "/api/v1/password-reset", "", json_body({{"login", "um1"}}, "198.51.100.30"));
  auto unknown = call("POST", "/api/v1/password-reset", "", json_body({{"login", "khong-co"}}, "198.51.100.31"));
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_FALSE(mailed_token("um1@bacninh.gov.vn").empty());

  int refused = 0;
  int throttled = 0;
  for (int i = 0; i < 12; ++i) {
    auto r = call("POST", "/api/v1/account-link", "",
                  json_body({{"token", std::string(63, 'a') + std::to_string(i % 10)}}, "203.0.113.40"));
    if (r.status == 404) ++refused;
    if (r.status == 429) {
      ++throttled;
      EXPECT_TRUE(std::any_of(r.headers.begin(), r.headers.end(),
                              [](const auto& h) { return h.first == "Retry-After"; }));
    }
  }
  EXPECT_GE(refused, 5);
  EXPECT_GE(throttled, 1) << "guessing tokens from one address must wait";
  // Another address is not held up.
  auto elsewhere = call("POST", "/api/v1/account-link", "", json_body({{"token", std::string(64, 'b')}}, "203.0.113.41"));
  EXPECT_EQ(elsewhere.status, 404);
  // Bodies anyone may send are small.
  auto big = call("POST", "/api/v1/account-link", "", json_body({{"token", std::string(20000, 'a')}}, "203.0.113.42"));
  EXPECT_EQ(big.status, 413);
}

TEST_F(AccountLinkApiTest, ASentLinkMailKeepsNoLinkInTheStore) {
  ASSERT_EQ(call("POST", "/api/v1/users", "admin",
                 json_body({{"login", "aud9"}, {"role", "auditor"}, {"email", "aud9@bacninh.gov.vn"}}))
                .status,
            201);
  const std::string token = mailed_token("aud9@bacninh.gov.vn");
  auto lease = ctx_->db().acquire();
  auto taken = store::take_outbox_message(**lease, "test-sender", ctx_->clock().now(), std::chrono::seconds(60), true);
  ASSERT_TRUE(taken && *taken);
  ASSERT_TRUE(store::mark_outbox_sent(**lease, (*taken)->id, "test-sender", ctx_->clock().now()));
  auto row = store::find_outbox_message(**lease, (*taken)->id);
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->body_text.find(token), std::string::npos);
  EXPECT_EQ((*row)->body_html.find(token), std::string::npos);
  EXPECT_EQ((*row)->body_text, store::kSecretBodyRemoved);
}

}  // namespace
}  // namespace ct::server
