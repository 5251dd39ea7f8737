// Sessions: only a hash stored, idle and absolute expiry, CSRF token, cookie attributes
// (RFC 6265); sign-in throttling (growing waits, windows audited with a count, counts forgotten).
#include "server/session.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "audit/audit_windows.h"
#include "crypto/keys.h"
#include "registry/user.h"
#include "server/sign_in_throttle.h"
#include "store/open.h"

namespace ct::server {
namespace {

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_session_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto db = store::open_database("sqlite", dir_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    auto lease = db_->acquire();
    auto u = registry::insert_user(**lease, {"ra1", registry::Role::ra_officer, std::nullopt, std::nullopt, std::nullopt}, "x",
                                   clock_.now());
    ASSERT_TRUE(u);
    user_ = u->id;
    settings_.idle = std::chrono::minutes(30);
    settings_.absolute = std::chrono::hours(12);
    store_ = std::make_unique<SessionStore>(*db_, clock_, rng_, settings_);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::filesystem::path dir_;
  FixedClock clock_{TimePoint{std::chrono::seconds{1'800'000'000}}};
  DeterministicRng rng_{7};
  SessionSettings settings_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SessionStore> store_;
  std::int64_t user_ = 0;
};

TEST_F(SessionTest, StoresOnlyAHashOfTheId) {
  auto s = store_->create(user_);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id.size(), 64u);
  EXPECT_EQ(s->session.id_hash, crypto::sha256_hex(s->id));
  EXPECT_NE(s->session.csrf_token, s->id);
  auto lease = db_->acquire();
  auto q = (*lease)->query("SELECT id_hash FROM sessions");
  ASSERT_TRUE(q);
  ASSERT_TRUE(*q->step());
  EXPECT_EQ(q->get_text(0), s->session.id_hash);
  EXPECT_EQ(q->get_text(0).find(s->id), std::string::npos);
  auto found = store_->find(s->id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->user_id, user_);
  EXPECT_EQ((*found)->csrf_token, s->session.csrf_token);
  auto wrong = store_->find(s->id.substr(1) + "0");
  ASSERT_TRUE(wrong);
  EXPECT_FALSE(*wrong);
}

TEST_F(SessionTest, IdleAndAbsoluteExpiry) {
  auto s = store_->create(user_);
  ASSERT_TRUE(s);
  // Used every 20 minutes: alive past the idle limit, until the absolute end.
  for (int i = 0; i < 35; ++i) {
    clock_.advance(std::chrono::minutes(20));
    auto f = store_->find(s->id);
    ASSERT_TRUE(f);
    EXPECT_TRUE(f->has_value()) << "after " << (i + 1) * 20 << " minutes";
  }
  clock_.advance(std::chrono::minutes(20));  // 12 h after sign-in
  auto ended = store_->find(s->id);
  ASSERT_TRUE(ended);
  EXPECT_FALSE(*ended);
  auto idle = store_->create(user_);
  ASSERT_TRUE(idle);
  clock_.advance(std::chrono::minutes(30));
  auto f = store_->find(idle->id);
  ASSERT_TRUE(f);
  EXPECT_FALSE(*f);
}

TEST_F(SessionTest, EndedSessionsAreGone) {
  auto s = store_->create(user_);
  ASSERT_TRUE(s);
  ASSERT_TRUE(store_->end(s->id));
  EXPECT_FALSE(*store_->find(s->id));
  auto a = store_->create(user_);
  auto b = store_->create(user_);
  ASSERT_TRUE(store_->end_all(user_));
  EXPECT_FALSE(*store_->find(a->id));
  EXPECT_FALSE(*store_->find(b->id));
}

TEST_F(SessionTest, CookieAttributes) {
  const std::string c = session_cookie("abc", settings_, false);
  EXPECT_EQ(c.rfind(std::string(kSessionCookie) + "=abc;", 0), 0u);
  for (const char* attr : {"HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"}) {
    EXPECT_NE(c.find(attr), std::string::npos) << attr;
  }
  EXPECT_EQ(c.find("Secure"), std::string::npos);
  EXPECT_NE(session_cookie("abc", settings_, true).find("; Secure"), std::string::npos);
  EXPECT_NE(session_cookie("", settings_, false).find("Max-Age=0"), std::string::npos);
}

TEST_F(SessionTest, CookieHeaderParsing) {
  const std::string name = kSessionCookie;
  EXPECT_EQ(session_id_from_cookies(name + "=abc"), "abc");
  EXPECT_EQ(session_id_from_cookies("a=1; " + name + "=xyz; b=2"), "xyz");
  EXPECT_EQ(session_id_from_cookies(" " + name + " = \"q\" "), "q");
  EXPECT_EQ(session_id_from_cookies("x" + name + "=no"), "");
  EXPECT_EQ(session_id_from_cookies(""), "");
  EXPECT_EQ(session_id_from_cookies(";;;="), "");
}

TEST_F(SessionTest, SignInWaitsGrowPerAddressAndRunOut) {
  ThrottleSettings t;
  t.free_failures = 3;
  t.address_free_failures = 10;
  t.max_delay = std::chrono::seconds(60);
  SignInThrottle throttle(*db_, clock_, t);
  const FailureSubject who{true, "ra1", std::nullopt};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(*throttle.wait("ra1", "203.0.113.7"));
    ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", who, "password"));
  }
  // The fourth failure: 1 s; then 2, 4, … up to the cap.
  ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", who, "password"));
  EXPECT_EQ(**throttle.wait("ra1", "203.0.113.7"), std::chrono::seconds(1));
  ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", who, "password"));
  EXPECT_EQ(**throttle.wait("ra1", "203.0.113.7"), std::chrono::seconds(2));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", who, "password"));
  EXPECT_EQ(**throttle.wait("ra1", "203.0.113.7"), std::chrono::seconds(60));
  // Another address is not held back by these failures, another login from it is (the address
  // passed its own free failures).
  EXPECT_FALSE(*throttle.wait("ra1", "198.51.100.9"));
  EXPECT_TRUE(*throttle.wait("ra2", "203.0.113.7"));
  clock_.advance(std::chrono::seconds(60));
  EXPECT_FALSE(*throttle.wait("ra1", "203.0.113.7"));
  // A success clears the pair's count, not the address's.
  ASSERT_TRUE(throttle.succeeded("ra1", "203.0.113.7"));
  ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", who, "password"));
  EXPECT_TRUE(*throttle.wait("ra2", "203.0.113.7"));
}

TEST_F(SessionTest, SignInFailuresAuditedOncePerWindowWithTheirCount) {
  SignInThrottle throttle(*db_, clock_, ThrottleSettings{});
  const FailureSubject ra1{true, "ra1", std::nullopt};
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(throttle.failed("ra1", "203.0.113.7", ra1, "password"));
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(throttle.failed("made-up-" + std::to_string(i), "203.0.113.8", FailureSubject{}, "unknown login"));
  }
  auto entries = [&] {
    auto lease = db_->acquire();
    audit::AuditQuery q;
    q.action_prefix = "auth.login_failed";
    auto e = audit::list(**lease, q);
    EXPECT_TRUE(e);
    return e ? *e : std::vector<audit::AuditEntry>{};
  };
  EXPECT_EQ(entries().size(), 2u);
  clock_.advance(audit::kCountWindow);
  ASSERT_TRUE(throttle.sweep());
  auto after = entries();
  ASSERT_EQ(after.size(), 4u);
  std::map<std::string, std::int64_t> counted;
  for (const auto& e : after) {
    auto d = nlohmann::json::parse(e.event.details);
    if (d.contains("count")) counted[e.event.actor] = d["count"].get<std::int64_t>();
  }
  EXPECT_EQ(counted["ra1"], 39);
  EXPECT_EQ(counted["anonymous"], 29);
  // Nothing more to audit; the counts are forgotten a day after the last failure.
  clock_.advance(kSignInForgetAfter);
  ASSERT_TRUE(throttle.sweep());
  EXPECT_EQ(entries().size(), 4u);
  auto lease = db_->acquire();
  auto q = (*lease)->query("SELECT (SELECT COUNT(*) FROM sign_in_throttle) + (SELECT COUNT(*) FROM audit_windows)");
  ASSERT_TRUE(q);
  ASSERT_TRUE(*q->step());
  EXPECT_EQ(q->get_int(0), 0);
}

}  // namespace
}  // namespace ct::server
