// One conformance suite for every store backend (SPEC §10).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "common/text.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/pki_repository.h"
#include "store/store_test_support.h"

namespace ct::store {
namespace {

using testing::BackendFactory;

class StoreConformance : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto lease = db_->acquire();
    ASSERT_TRUE(lease);
    CaRecord ca{0, "issuing", "CA phục vụ các cơ quan Nhà nước", "issuing", std::nullopt, Bytes{1, 2, 3},
                "soft:issuing", "0A", from_unix(1000), from_unix(2000000000), from_unix(1000)};
    auto id = insert_ca(**lease, ca);
    ASSERT_TRUE(id) << id.error().describe();
    ca_id_ = *id;
  }
  CertificateRecord cert(const std::string& serial, const std::string& cn, const std::string& email) const {
    CertificateRecord r;
    r.serial = serial;
    r.ca_id = ca_id_;
    r.profile = "individual";
    r.subject = "C=VN,CN=" + cn;
    r.common_name = cn;
    r.email = email;
    r.name_fold = text_fold(cn);
    r.not_before = from_unix(1000);
    r.not_after = from_unix(1900000000);
    r.der = Bytes{0x30, 0x00};
    r.key_sha256 = "AB";
    r.created_at = from_unix(1000);
    return r;
  }
  static std::string text_fold(const std::string& s) { return text::fold(s); }

  std::int64_t ca_id_ = 0;
};


TEST_P(StoreConformance, MigrationsAreRecordedAndIdempotent) {
  auto lease = db_->acquire();
  ASSERT_TRUE(lease);
  EXPECT_EQ(*schema_version(**lease), latest_schema_version());
  auto again = migrate(*db_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, latest_schema_version());
}

TEST_P(StoreConformance, NewerSchemaIsRefused) {
  {
    auto lease = db_->acquire();
    ASSERT_TRUE((*lease)->exec("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)"));
  }
  auto m = migrate(*db_);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::integrity);
  EXPECT_NE(m.error().message_en.find("newer"), std::string::npos);
}

TEST_P(StoreConformance, CertificateRoundTripAndDuplicateSerialConflict) {
  auto lease = db_->acquire();
  auto id = insert_certificate(**lease, cert("0ABC1234", "Nguyễn Văn An", "an.nv@bacninh.gov.vn"));
  ASSERT_TRUE(id) << id.error().describe();
  auto found = find_certificate(**lease, "0ABC1234");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->common_name, "Nguyễn Văn An");
  EXPECT_EQ((*found)->der, (Bytes{0x30, 0x00}));
  EXPECT_EQ((*found)->status, CertStatus::valid);
  auto dup = insert_certificate(**lease, cert("0ABC1234", "Other", "x@bacninh.gov.vn"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_TRUE(*serial_exists(**lease, "0ABC1234"));
  EXPECT_FALSE(*serial_exists(**lease, "0ABC1235"));
}

TEST_P(StoreConformance, SearchBySerialPrefixEmailAndFoldedName) {
  auto lease = db_->acquire();
  ASSERT_TRUE(insert_certificate(**lease, cert("0ABC1234", "Nguyễn Văn An", "an.nv@bacninh.gov.vn")));
  ASSERT_TRUE(insert_certificate(**lease, cert("7F001122", "Trần Thị Bình", "binh.tt@bacninh.gov.vn")));
  auto by_prefix = search_certificates(**lease, {"0abc", 10, 0});
  ASSERT_TRUE(by_prefix);
  ASSERT_EQ(by_prefix->size(), 1u);
  EXPECT_EQ(by_prefix->front().serial, "0ABC1234");
  auto by_email = search_certificates(**lease, {"BINH.TT@bacninh.gov.vn", 10, 0});
  ASSERT_EQ(by_email->size(), 1u);
  EXPECT_EQ(by_email->front().serial, "7F001122");
  auto by_name = search_certificates(**lease, {"nguyen van an", 10, 0});
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ(by_name->front().common_name, "Nguyễn Văn An");
  EXPECT_TRUE(search_certificates(**lease, {"", 10, 0})->empty());
  EXPECT_TRUE(search_certificates(**lease, {"'; DROP TABLE certificates; --", 10, 0})->empty());
}

TEST_P(StoreConformance, RevocationStateMachine) {
  auto lease = db_->acquire();
  ASSERT_TRUE(insert_certificate(**lease, cert("01", "A", "a@x.vn")));
  ASSERT_TRUE(insert_certificate(**lease, cert("02", "B", "b@x.vn")));
  ASSERT_TRUE(set_revoked(**lease, "01", true, from_unix(5000), 6, std::nullopt));
  auto again = set_revoked(**lease, "01", true, from_unix(6000), 6, std::nullopt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  ASSERT_TRUE(release_hold(**lease, "01"));
  EXPECT_EQ((*find_certificate(**lease, "01"))->status, CertStatus::valid);
  ASSERT_TRUE(set_revoked(**lease, "01", true, from_unix(7000), 6, std::nullopt));
  ASSERT_TRUE(set_revoked(**lease, "01", false, from_unix(8000), 1, from_unix(6500)));
  auto r = *find_certificate(**lease, "01");
  EXPECT_EQ(r->status, CertStatus::revoked);
  EXPECT_EQ(to_unix(*r->revoked_at), 7000);  // the hold's time is kept
  EXPECT_EQ(*r->revocation_reason, 1);
  EXPECT_FALSE(release_hold(**lease, "01"));
  auto missing = set_revoked(**lease, "FF", false, from_unix(1), 1, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  std::vector<std::string> seen;
  ASSERT_TRUE(for_each_revoked(**lease, ca_id_, from_unix(0), [&](const RevokedEntry& e) -> Status {
    seen.push_back(e.serial);
    return {};
  }));
  EXPECT_EQ(seen, std::vector<std::string>{"01"});
}

TEST_P(StoreConformance, TransactionRollsBackUnlessCommitted) {
  auto lease = db_->acquire();
  {
    auto tx = Transaction::begin(**lease);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(insert_certificate(**lease, cert("0D", "D", "d@x.vn")));
  }
  EXPECT_FALSE(*serial_exists(**lease, "0D"));
  {
    auto tx = Transaction::begin(**lease);
    ASSERT_TRUE(insert_certificate(**lease, cert("0D", "D", "d@x.vn")));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_TRUE(*serial_exists(**lease, "0D"));
}

TEST_P(StoreConformance, CrlNumbersStrictlyIncreaseUnderConcurrency) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::vector<std::int64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto lease = db_->acquire();
        ASSERT_TRUE(lease);
        auto tx = Transaction::begin(**lease);
        ASSERT_TRUE(tx) << tx.error().describe();
        auto n = next_crl_number(**lease, ca_id_);
        ASSERT_TRUE(n) << n.error().describe();
        ASSERT_TRUE(tx->commit());
        got[t].push_back(*n);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<std::int64_t> all;
  for (auto& v : got) {
    for (std::size_t i = 1; i < v.size(); ++i) EXPECT_LT(v[i - 1], v[i]);
    all.insert(all.end(), v.begin(), v.end());
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<std::int64_t>(i + 1));
}

TEST_P(StoreConformance, CrlRecordsLatestFirst) {
  auto lease = db_->acquire();
  for (std::int64_t n = 1; n <= 3; ++n) {
    CrlRecord r{ca_id_, n, from_unix(100 * n), from_unix(100 * n + 50), n, false, std::nullopt, "AA", "p", from_unix(1)};
    ASSERT_TRUE(insert_crl(**lease, r));
  }
  auto latest = latest_crl(**lease, ca_id_, false);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->number, 3);
  EXPECT_FALSE(*latest_crl(**lease, ca_id_, true));
}

// A migration that fails part-way leaves nothing of itself: DDL is transactional on both
// backends, and the recorded version stays the previous one.
TEST_P(StoreConformance, FailedMigrationLeavesThePreviousVersion) {
  std::vector<Migration> list = migrations();
  const int next = latest_schema_version() + 1;
  list.push_back({next, "broken on purpose",
                  "CREATE TABLE half_done (id {{ID}}); INSERT INTO half_done (id) VALUES (1); "
                  "CREATE TABLE no_such_syntax ("});
  auto m = migrate(*db_, list);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().context.find("migration " + std::to_string(next)), std::string::npos) << m.error().describe();
  auto lease = db_->acquire();
  EXPECT_EQ(*schema_version(**lease), latest_schema_version());
  auto q = (*lease)->query("SELECT COUNT(*) FROM half_done");
  EXPECT_FALSE(q && q->step()) << "the failed migration's first table survived";
  auto again = migrate(*db_);
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(*again, latest_schema_version());
}

TEST_P(StoreConformance, BlobsKeepEveryByte) {
  auto lease = db_->acquire();
  CertificateRecord r = cert("0E", "E", "e@x.vn");
  r.der.clear();
  for (int i = 0; i < 256; ++i) r.der.push_back(static_cast<std::uint8_t>(i));
  r.der.push_back(0);
  ASSERT_TRUE(insert_certificate(**lease, r));
  EXPECT_EQ((*find_certificate(**lease, "0E"))->der, r.der);
}

// The revoked-list stream is read row by row; a sink that queries the same connection must see
// the rest of the stream intact (PostgreSQL: the unread rows are set aside first).
TEST_P(StoreConformance, StreamingScanAllowsQueriesInItsSink) {
  constexpr int kRevoked = 300;
  auto lease = db_->acquire();
  {
    auto tx = Transaction::begin(**lease);
    for (int i = 0; i < kRevoked; ++i) {
      char serial[16];
      std::snprintf(serial, sizeof serial, "%06X", i + 1);
      ASSERT_TRUE(insert_certificate(**lease, cert(serial, "N", "n@x.vn")));
      ASSERT_TRUE(set_revoked(**lease, serial, false, from_unix(5000), 1, std::nullopt));
    }
    ASSERT_TRUE(tx->commit());
  }
  std::set<std::string> seen;
  ASSERT_TRUE(for_each_revoked(**lease, ca_id_, from_unix(0), [&](const RevokedEntry& e) -> Status {
    seen.insert(e.serial);
    auto exists = serial_exists(**lease, e.serial);
    if (!exists) return fail(exists.error());
    EXPECT_TRUE(*exists);
    return {};
  }));
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kRevoked));
  int stopped_after = 0;
  auto stopped = for_each_revoked(**lease, ca_id_, from_unix(0), [&](const RevokedEntry&) -> Status {
    if (++stopped_after == 3) return fail(ErrorCode::internal, "dừng", "stop");
    return {};
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped_after, 3);
  EXPECT_TRUE(*serial_exists(**lease, "000001"));
}

// Several pools migrating one database at once (processes starting together) apply each
// migration once and all succeed.
TEST_P(StoreConformance, ConcurrentStartersMigrateOnce) {
  constexpr int kStarters = 4;
  std::vector<std::thread> starters;
  std::vector<Status> results(kStarters);
  for (int i = 0; i < kStarters; ++i) {
    starters.emplace_back([&, i] {
      auto db = GetParam().reopen(scratch_);
      results[static_cast<std::size_t>(i)] = db ? Status{} : Status(fail(db.error()));
    });
  }
  for (auto& t : starters) t.join();
  for (const auto& r : results) EXPECT_TRUE(r) << r.error().describe();
  auto lease = db_->acquire();
  auto q = (*lease)->query("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_version");
  ASSERT_TRUE(q && *q->step());
  EXPECT_EQ(q->get_int(0), q->get_int(1));
  EXPECT_EQ(q->get_int(0), static_cast<std::int64_t>(migrations().size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(testing::backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace ct::store
