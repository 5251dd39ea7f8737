// Sign-in: argon2id password, TOTP second factor (RFC 6238) for ra_officer, ca_operator and
// admin in the same request, replay refused, every refusal alike, throttling per address and per
// (login, address) instead of a lockout, failures audited by window, audit without secrets,
// bounded password hashing; and dispatch of the sign-in route.
#include "server/auth.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "registry/user_credentials.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

using registry::totp_code;
using registry::totp_step;

TEST(Totp, Rfc6238Vectors) {
  // RFC 6238 Appendix B, SHA-1 key "12345678901234567890", truncated to 6 digits.
  const std::string key = "12345678901234567890";
  const std::span<const std::uint8_t> secret(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  struct Vector {
    std::int64_t t;
    const char* code;
  };
  for (const auto& v : {Vector{59, "287082"}, Vector{1111111109, "081804"}, Vector{1234567890, "005924"},
                        Vector{2000000000, "279037"}}) {
    const TimePoint at{std::chrono::seconds{v.t}};
    EXPECT_EQ(totp_code(secret, at), v.code) << v.t;
    auto step = totp_step(secret, v.code, at);
    ASSERT_TRUE(step) << v.t;
    EXPECT_EQ(*step, v.t / 30);
    // One step of drift either way, not two.
    EXPECT_TRUE(totp_step(secret, v.code, at + std::chrono::seconds{30}));
    EXPECT_FALSE(totp_step(secret, v.code, at + std::chrono::seconds{90}));
  }
  EXPECT_FALSE(totp_step(secret, "28708", TimePoint{std::chrono::seconds{59}}));
  EXPECT_FALSE(totp_step(secret, "28708a", TimePoint{std::chrono::seconds{59}}));
}

TEST(Base32, Rfc4648) {
  auto enc = [](const std::string& s) {
    return registry::base32_encode(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
  };
  EXPECT_EQ(enc(""), "");
  EXPECT_EQ(enc("f"), "MY");
  EXPECT_EQ(enc("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(enc("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "12345678901234567890"}) {
    auto back = registry::base32_decode(enc(s));
    ASSERT_TRUE(back) << s;
    EXPECT_EQ(std::string(back->begin(), back->end()), s);
  }
  EXPECT_FALSE(registry::base32_decode("MY1"));  // '1' is not in the alphabet
}

class AuthTest : public testing::ApiFixture {
 protected:
  // Enrolls a TOTP secret for `login` and returns its raw bytes.
  Bytes enroll(const std::string& login) {
    auto key = ctx_->totp_key();
    auto lease = ctx_->db().acquire();
    auto b32 = registry::enroll_totp(**lease, ids_.at(login), *key, ctx_->rng(), ctx_->clock().now());
    EXPECT_TRUE(b32);
    auto secret = registry::load_totp_secret(**lease, ids_.at(login), *key);
    EXPECT_TRUE(secret && *secret);
    EXPECT_EQ(registry::base32_encode((*secret)->secret), *b32);
    return (*secret)->secret;
  }
  tl::expected<SignedIn, Problem> sign_in(const std::string& login, const std::string& password,
                                          const std::string& totp = "", const std::string& address = "192.0.2.1") {
    return services_->auth.sign_in({login, password, totp, address});
  }
  std::vector<audit::AuditEntry> audited(const std::string& action) {
    auto lease = ctx_->db().acquire();
    audit::AuditQuery q;
    q.action_prefix = action;
    q.limit = 1000;
    auto entries = audit::list(**lease, q);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<audit::AuditEntry>{};
  }
};

TEST_F(AuthTest, PasswordAloneForUnitRoles) {
  auto ok = sign_in("um1", kPassword);
  ASSERT_TRUE(ok) << ok.error().error.describe();
  EXPECT_EQ(ok->actor.login, "um1");
  auto s = services_->sessions.find(ok->session.id);
  ASSERT_TRUE(s && *s);
  auto wrong = sign_in("um1", "not the password");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().status, 401);
  auto unknown = sign_in("nobody", kPassword);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().status, 401);
  EXPECT_EQ(unknown.error().error.message_en, wrong.error().error.message_en);
}

TEST_F(AuthTest, SecondFactorForOfficersOperatorsAndAdmins) {
  const Bytes secret = enroll("ra1");
  auto missing = sign_in("ra1", kPassword);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().status, 401);
  EXPECT_EQ(missing.error().error.context, "credentials");
  const auto now = ctx_->clock().now();
  std::string bad = totp_code(secret, now);
  bad[0] = bad[0] == '9' ? '0' : static_cast<char>(bad[0] + 1);
  EXPECT_FALSE(sign_in("ra1", kPassword, bad));
  auto ok = sign_in("ra1", kPassword, totp_code(secret, now));
  ASSERT_TRUE(ok) << ok.error().error.describe();
  // RFC 6238 §5.2: the same code is not accepted twice.
  auto replay = sign_in("ra1", kPassword, totp_code(secret, now));
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().status, 401);
  // Without an enrolled secret, no sign-in.
  auto none = sign_in("ca1", kPassword, "123456");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().status, 401);
}

TEST_F(AuthTest, SignInDoesNotTellARightPasswordFromAWrongOne) {
  (void)enroll("ra1");
  auto right = sign_in("ra1", kPassword);
  auto wrong = sign_in("ra1", "not the password");
  auto not_enrolled = sign_in("ca1", kPassword);
  auto unknown = sign_in("nobody", kPassword);
  for (const auto* r : {&right, &wrong, &not_enrolled, &unknown}) {
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().status, 401);
    EXPECT_EQ(r->error().error.context, "credentials");
    EXPECT_EQ(r->error().error.message_vi, wrong.error().error.message_vi);
    EXPECT_EQ(r->error().error.message_en, wrong.error().error.message_en);
  }
  // Over the route too: the same body.
  auto body_of = [&](const std::string& password) {
    HttpRequest req;
    req.headers["content-type"] = "application/json";
    req.body = nlohmann::json{{"login", "ra1"}, {"password", password}}.dump();
    return call("POST", "/api/v1/session", "", req).body;
  };
  EXPECT_EQ(body_of(kPassword), body_of("not the password"));
}

TEST_F(AuthTest, WrongPasswordsFromOneAddressDoNotStopTheRightUserFromAnother) {
  int throttled = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = sign_in("um1", "wrong", "", "203.0.113.7");
    ASSERT_FALSE(r);
    if (r.error().status == 429) {
      ++throttled;
      ASSERT_TRUE(r.error().retry_after);
      EXPECT_GE(*r.error().retry_after, 1);
    }
  }
  EXPECT_GE(throttled, 190);  // past the free failures, answered at once
  // Even the right password waits from that address…
  auto same_address = sign_in("um1", kPassword, "", "203.0.113.7");
  ASSERT_FALSE(same_address);
  EXPECT_EQ(same_address.error().status, 429);
  // …but not from another: the stranger's failures lock nobody out.
  auto ok = sign_in("um1", kPassword, "", "198.51.100.9");
  ASSERT_TRUE(ok) << ok.error().error.describe();
}

TEST_F(AuthTest, FailuresDoNotFloodTheAudit) {
  for (int i = 0; i < 40; ++i) (void)sign_in("um1", "wrong", "", "203.0.113.7");
  for (int i = 0; i < 30; ++i) (void)sign_in("made-up-" + std::to_string(i), "wrong", "", "203.0.113.8");
  // The first of each window, with its reason; the rest are counted (session_test.cpp).
  EXPECT_EQ(audited("auth.login_failed").size(), 2u);
}

TEST(Slots, BoundThePasswordChecksAtOnce) {
  Slots slots(2);
  auto a = slots.take();
  auto b = slots.take();
  EXPECT_TRUE(a && b);
  EXPECT_FALSE(slots.take());
  a.reset();
  EXPECT_TRUE(slots.take());
}

TEST_F(AuthTest, AuditHasNoSecrets) {
  (void)sign_in("um1", "Sai-mật-khẩu-bí-mật");
  (void)sign_in("Mật-khẩu-gõ-nhầm-ô", kPassword);
  auto ok = sign_in("um1", kPassword);
  ASSERT_TRUE(ok);
  auto lease = ctx_->db().acquire();
  audit::AuditQuery q;
  q.action_prefix = "auth.";
  auto entries = audit::list(**lease, q);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);  // one failure of um1, one of an unknown login, one success
  for (const auto& e : *entries) {
    const std::string all = e.event.actor + e.event.object_id + e.event.details;
    EXPECT_EQ(all.find("Sai-mật-khẩu"), std::string::npos);
    EXPECT_EQ(all.find("gõ-nhầm"), std::string::npos);
    EXPECT_EQ(all.find(kPassword), std::string::npos);
    EXPECT_EQ(all.find(ok->session.id), std::string::npos);
  }
  EXPECT_EQ(entries->front().event.action, "auth.login");
  EXPECT_EQ((*entries)[1].event.actor, "anonymous");
}

TEST_F(AuthTest, SignInRouteSetsTheCookie) {
  HttpRequest req;
  req.headers["content-type"] = "application/json";
  req.body = nlohmann::json{{"login", "um1"}, {"password", kPassword}}.dump();
  auto r = call("POST", "/api/v1/session", "", req);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["user"]["login"], "um1");
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(r.body.find(kPassword), std::string::npos);
  req.body = R"({"login":"um1","password":"x","remember":true})";
  auto unknown_field = call("POST", "/api/v1/session", "", req);
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_NE(unknown_field.body.find("remember"), std::string::npos);
}

}  // namespace
}  // namespace ct::server
