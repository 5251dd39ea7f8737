// What only the PostgreSQL backend does: the pool, connection errors, passwords kept out of
// messages, aborted transactions, concurrent first migrations. Needs the private cluster
// (CHUNGTHU_TEST_POSTGRES_URL); the URL helpers run everywhere.
#include "store/postgres_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "store/migrations.h"
#include "store/open.h"
#include "store/pki_repository.h"
#include "store/postgres_url.h"
#include "store/store_test_support.h"

namespace ct::store {
namespace {

using testing::test_postgres_url;
using testing::with_database;

TEST(PostgresUrl, RedactsThePassword) {
  EXPECT_EQ(redact_database_url("postgresql://ca:S3cret@db.gov.vn:5432/chungthu"),
            "postgresql://ca:***@db.gov.vn:5432/chungthu");
  EXPECT_EQ(redact_database_url("postgresql://ca@db.gov.vn/chungthu?password=S3cret&sslmode=require"),
            "postgresql://ca@db.gov.vn/chungthu?password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("host=db user=ca password=S3cret dbname=x"), "host=db user=ca password=*** dbname=x");
  EXPECT_EQ(redact_database_url("postgresql:///x?host=/run/pg"), "postgresql:///x?host=/run/pg");
  EXPECT_EQ(redact_database_url("postgresql:///x?user=capassword=S3cret"), "postgresql:///x?user=capassword=***")
      << "a malformed URL is redacted too";
  const auto secrets = url_passwords("postgresql://ca:p%40ss@h/db");
  EXPECT_EQ(scrub_secrets("failed for p@ss and p%40ss", secrets), "failed for *** and ***");
  EXPECT_EQ(one_line("connection failed:\n\tIs the server running?\n"), "connection failed: Is the server running?");
}

TEST(PostgresUrl, UnreachableServerIsOneLineWithoutThePassword) {
  auto db = open_database("postgresql://chungthu:Tuyet-Mat-42@127.0.0.1:1/chungthu?connect_timeout=5", "/nonexistent");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::unavailable);
  const std::string text = db.error().describe();
  EXPECT_EQ(text.find("Tuyet-Mat-42"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  EXPECT_NE(text.find("PostgreSQL"), std::string::npos) << text;
  EXPECT_NE(text.find("chungthu:***@127.0.0.1"), std::string::npos) << text;
}

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = test_postgres_url();
    if (url_.empty()) GTEST_SKIP() << "CHUNGTHU_TEST_POSTGRES_URL is unset (ctest starts a private cluster)";
    scratch_ = testing::make_scratch_dir();
    for (const auto& b : testing::backends()) {
      if (b.name == "postgresql") backend_ = b;
    }
    auto db = backend_.open(scratch_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    if (!scratch_.empty()) std::filesystem::remove_all(scratch_);
  }

  std::string url_;
  std::filesystem::path scratch_;
  testing::BackendFactory backend_;
  std::unique_ptr<Database> db_;
};

TEST_F(Postgres, WrongPasswordIsOneClearLine) {
  std::string url = url_;
  url.replace(url.find("user=chungthu_test"), 18, "user=chungthu_pw&password=Sai-Mat-Khau-7");
  auto db = open_database(url, scratch_);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::unavailable);
  const std::string text = db.error().describe();
  EXPECT_NE(text.find("password authentication failed"), std::string::npos) << text;
  EXPECT_EQ(text.find("Sai-Mat-Khau-7"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;

  url.replace(url.find("Sai-Mat-Khau-7"), 14, "right-password");
  auto right = open_postgres(url);
  EXPECT_TRUE(right) << right.error().describe();
}

TEST_F(Postgres, CommitOfAnAbortedTransactionFails) {
  auto c = db_->acquire();
  ASSERT_TRUE((*c)->exec("CREATE TABLE t (k TEXT PRIMARY KEY)"));
  auto tx = Transaction::begin(**c);
  ASSERT_TRUE((*c)->exec("INSERT INTO t VALUES ('a')"));
  auto dup = (*c)->exec("INSERT INTO t VALUES ('a')");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  auto committed = tx->commit();
  ASSERT_FALSE(committed);
  EXPECT_FALSE((*c)->in_transaction());
  auto q = (*c)->query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(q && *q->step());
  EXPECT_EQ(q->get_int(0), 0);
}

TEST_F(Postgres, PoolIsBoundedAndWaits) {
  auto small = open_postgres(with_database(url_, "postgres"), {2, std::chrono::seconds(1)});
  ASSERT_TRUE(small);
  auto a = (*small)->acquire();
  auto b = (*small)->acquire();
  ASSERT_TRUE(a && b);
  auto refused = (*small)->acquire();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);

  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto c = (*small)->acquire();
    got = c.has_value();
  });
  { auto release = std::move(*a); }
  waiter.join();
  EXPECT_TRUE(got);
}

TEST_F(Postgres, ALostConnectionIsUnavailableAndReplaced) {
  {
    auto victim = db_->acquire();
    std::int64_t backend = 0;
    {
      auto pid = (*victim)->query("SELECT pg_backend_pid()");
      ASSERT_TRUE(pid && *pid->step());
      backend = pid->get_int(0);
    }
    auto killer = db_->acquire();
    auto kill = (*killer)->query("SELECT pg_terminate_backend($1::int)");
    ASSERT_TRUE(kill);
    ASSERT_TRUE(kill->bind(1, backend).run());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto after = (*victim)->exec("SELECT 1");
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code, ErrorCode::unavailable) << after.error().describe();
  }
  for (int i = 0; i < 3; ++i) {
    auto c = db_->acquire();
    ASSERT_TRUE(c);
    EXPECT_TRUE((*c)->exec("SELECT 1"));
  }
}

// Processes starting together on an empty database: the advisory lock lets one of them apply
// each migration; the others find it recorded.
TEST_F(Postgres, FreshDatabaseConcurrentStartersMigrateOnce) {
  const std::string name = "ct_fresh_" + std::to_string(std::random_device{}());
  {
    auto admin = open_postgres(url_, {1});
    ASSERT_TRUE(admin);
    ASSERT_TRUE((*(*admin)->acquire())->exec("CREATE DATABASE " + name));
  }
  constexpr int kStarters = 4;
  std::vector<std::optional<Error>> errors(kStarters);
  std::vector<std::thread> starters;
  for (int i = 0; i < kStarters; ++i) {
    starters.emplace_back([&, i] {
      auto db = open_database(with_database(url_, name), scratch_);
      if (!db) errors[static_cast<std::size_t>(i)] = db.error();
    });
  }
  for (auto& t : starters) t.join();
  for (const auto& e : errors) EXPECT_FALSE(e) << e->describe();
  {
    auto db = open_postgres(with_database(url_, name), {1});
    ASSERT_TRUE(db);
    auto c = (*db)->acquire();
    auto q = (*c)->query("SELECT COUNT(*) FROM schema_version");
    ASSERT_TRUE(q && *q->step());
    EXPECT_EQ(q->get_int(0), static_cast<std::int64_t>(migrations().size()));
  }
  auto admin = open_postgres(url_, {1});
  ASSERT_TRUE((*(*admin)->acquire())->exec("DROP DATABASE " + name + " WITH (FORCE)"));
}

}  // namespace
}  // namespace ct::store
