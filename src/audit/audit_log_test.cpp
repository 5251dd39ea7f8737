#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include "audit/audit_test_support.h"

namespace ct::audit {
namespace {

using testing::AuditLogTest;
using namespace std::chrono_literals;

TEST_F(AuditLogTest, EmptyLogVerifiesAndHasNoCheckpoint) {
  const VerifyReport r = verify_now();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 0);
  auto cp = checkpoint(*db_, clock_, *key_, *chain_);
  ASSERT_TRUE(cp) << cp.error().describe();
  EXPECT_FALSE(cp->has_value());
}

TEST_F(AuditLogTest, AppendAssignsConsecutiveSequenceNumbersAndChains) {
  append_n(3);
  auto conn = db_->acquire();
  ASSERT_TRUE(conn);
  auto all = list(**conn, AuditQuery{});
  ASSERT_TRUE(all) << all.error().describe();
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[0].seq, 3);  // newest first
  EXPECT_EQ((*all)[2].seq, 1);
  EXPECT_EQ((*all)[2].prev_hash, "");
  EXPECT_EQ((*all)[1].prev_hash, (*all)[2].hash);
  EXPECT_EQ((*all)[0].prev_hash, (*all)[1].hash);
  EXPECT_EQ((*all)[0].hash.size(), 64U);
  EXPECT_EQ((*all)[2].event.details, R"({"n":1})");  // normalized
  EXPECT_TRUE((*all)[0].keyed);
  checkpoint_now();
  const VerifyReport r = verify_now();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.entries, 3);
}

TEST_F(AuditLogTest, AppendOutsideTransactionIsRefused) {
  auto conn = db_->acquire();
  ASSERT_TRUE(conn);
  auto seq = append(**conn, clock_, event(1));
  ASSERT_FALSE(seq);
  EXPECT_EQ(seq.error().code, ErrorCode::internal);
}

TEST_F(AuditLogTest, InvalidEventsAreRefused) {
  for (const char* details : {"not json", "[1, 2]", "\"text\"", "{\"a\": ", ""}) {
    AuditEvent e = event(1);
    e.details = details;
    auto seq = append_one(e);
    ASSERT_FALSE(seq) << details;
    EXPECT_EQ(seq.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(seq.error().context, "details");
  }
  AuditEvent e = event(1);
  e.outcome = "maybe";
  ASSERT_FALSE(append_one(e));
  e = event(1);
  e.action.clear();
  ASSERT_FALSE(append_one(e));
  EXPECT_TRUE(verify_now().ok);
  EXPECT_EQ(verify_now().entries, 0);
}

TEST_F(AuditLogTest, RolledBackAppendLeavesNoTrace) {
  append_n(2);
  {
    auto conn = db_->acquire();
    ASSERT_TRUE(conn);
    auto tx = store::Transaction::begin(**conn, true);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(append(**conn, clock_, event(3)));
  }
  auto seq = append_one(event(4));
  ASSERT_TRUE(seq);
  EXPECT_EQ(*seq, 3);
  checkpoint_now();
  EXPECT_TRUE(verify_now().ok);
}

TEST_F(AuditLogTest, ChangedFieldIsFoundAtThatEntry) {
  append_n(8);
  exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5");
  expect_bad_at(5);
}

TEST_F(AuditLogTest, ChangedDetailsOrTimeIsFound) {
  append_n(8);
  exec(R"(UPDATE audit_log SET details = '{"n":99}' WHERE seq = 2)");
  expect_bad_at(2);
  exec(R"(UPDATE audit_log SET details = '{"n":2}', at = at + 1 WHERE seq = 2)");
  expect_bad_at(2);
}

TEST_F(AuditLogTest, DeletedMiddleEntryIsFound) {
  append_n(8);
  exec("DELETE FROM audit_log WHERE seq = 4");
  expect_bad_at(4);
}

TEST_F(AuditLogTest, DeletedAndRenumberedEntryIsFound) {
  append_n(8);
  exec("DELETE FROM audit_log WHERE seq = 4");
  exec("UPDATE audit_log SET seq = seq - 1 WHERE seq > 4");
  expect_bad_at(4);
}

TEST_F(AuditLogTest, DeletedNewestEntriesAreFoundByTheHead) {
  append_n(8);
  exec("DELETE FROM audit_log WHERE seq >= 7");
  expect_bad_at(7);
}

TEST_F(AuditLogTest, DeletedNewestEntriesAndHeadAreFoundByACheckpoint) {
  append_n(8);
  checkpoint_now();
  exec("DELETE FROM audit_log WHERE seq >= 7");
  exec("UPDATE audit_head SET last_seq = 6, last_hash = (SELECT hash FROM audit_log WHERE seq = 6)");
  expect_bad_at(7);
}

TEST_F(AuditLogTest, ReorderedContentsAreFound) {
  append_n(8);
  exec("UPDATE audit_log SET seq = -3 WHERE seq = 3");
  exec("UPDATE audit_log SET seq = 3 WHERE seq = 4");
  exec("UPDATE audit_log SET seq = 4 WHERE seq = -3");
  expect_bad_at(3);
}

TEST_F(AuditLogTest, SwappedColumnsAreFound) {
  append_n(8);
  exec("CREATE TEMP TABLE s AS SELECT * FROM audit_log WHERE seq IN (3, 4)");
  exec("UPDATE audit_log SET (at, actor, action, object_type, object_id, org_id, outcome, details, prev_hash, hash) "
       "= (SELECT at, actor, action, object_type, object_id, org_id, outcome, details, prev_hash, hash FROM s "
       "WHERE s.seq = 7 - audit_log.seq) WHERE seq IN (3, 4)");
  expect_bad_at(3);
}

TEST_F(AuditLogTest, CheckpointSignsTheHeadAndVerifies) {
  append_n(5);
  const Checkpoint cp = checkpoint_now();
  EXPECT_EQ(cp.seq, 5);
  const Checkpoint again = checkpoint_now();
  EXPECT_EQ(again.signature, cp.signature);  // nothing new: the same checkpoint
  append_n(3);
  checkpoint_now();
  const VerifyReport r = verify_now();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.entries, 8);
  EXPECT_EQ(r.checkpoints, 2);
}

TEST_F(AuditLogTest, CheckpointRefusesABrokenChain) {
  append_n(5);
  exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
  auto cp = checkpoint(*db_, clock_, *key_, *chain_);
  ASSERT_FALSE(cp);
  EXPECT_EQ(cp.error().code, ErrorCode::integrity);
}

TEST_F(AuditLogTest, ForgedCheckpointIsFound) {
  append_n(6);
  auto other = crypto::generate_key(crypto::KeyType::ec_p256);
  ASSERT_TRUE(other);
  ASSERT_TRUE(checkpoint(*db_, clock_, *other, *chain_));
  expect_bad_at(6);
}

TEST_F(AuditLogTest, VerifyWithAnotherKeyFindsTheCheckpoint) {
  append_n(4);
  checkpoint_now();
  auto other = crypto::generate_key(crypto::KeyType::ec_p384);
  ASSERT_TRUE(other);
  auto r = verify(*db_, {other->public_key_der(), *chain_, std::nullopt});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->first_bad_seq, 4);
}

// The attacker changes entry 3 and recomputes every later hash and the head, but cannot re-sign
// the checkpoint at 6.
TEST_F(AuditLogTest, RehashedForgeryIsFoundByTheCheckpoint) {
  append_n(6);
  checkpoint_now();
  auto conn = db_->acquire();
  ASSERT_TRUE(conn);
  auto all = list(**conn, AuditQuery{});
  ASSERT_TRUE(all);
  exec("DELETE FROM audit_log");
  exec("UPDATE audit_head SET last_seq = 0, last_hash = ''");
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    AuditEvent e = it->event;
    if (it->seq == 3) e.actor = "mallory";
    clock_.set(it->at);
    auto tx = store::Transaction::begin(**conn, true);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(append(**conn, clock_, e));
    ASSERT_TRUE(tx->commit());
  }
  expect_bad_at(6);
}

TEST_F(AuditLogTest, ListFiltersAndScopes) {
  for (int i = 1; i <= 9; ++i) {
    ASSERT_TRUE(append_one(event(i, i <= 3 ? std::optional<std::int64_t>(10)
                                           : i <= 6 ? std::optional<std::int64_t>(20) : std::nullopt)));
  }
  auto conn = db_->acquire();
  ASSERT_TRUE(conn);
  auto count = [&](const AuditQuery& q) {
    auto r = list(**conn, q);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? r->size() : 0U;
  };
  AuditQuery q;
  q.actor = "alice";
  EXPECT_EQ(count(q), 4U);
  q = {};
  q.action_prefix = "cert.rev";
  EXPECT_EQ(count(q), 3U);
  q.action_prefix = "cert.";
  EXPECT_EQ(count(q), 9U);
  q.action_prefix = "cert.%";
  EXPECT_EQ(count(q), 0U);
  q = {};
  q.object_type = "certificate";
  q.object_id = "SERIAL5";
  EXPECT_EQ(count(q), 1U);
  q = {};
  q.org_ids = std::vector<std::int64_t>{10};
  EXPECT_EQ(count(q), 3U);
  q.org_ids = std::vector<std::int64_t>{10, 20};
  EXPECT_EQ(count(q), 6U);
  q.org_ids = std::vector<std::int64_t>{};
  EXPECT_EQ(count(q), 0U);
  q = {};
  q.from = from_unix(1'750'000'000 + 2);
  q.to = from_unix(1'750'000'000 + 4);
  EXPECT_EQ(count(q), 3U);
  q = {};
  q.limit = 2;
  q.offset = 1;
  auto page = list(**conn, q);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2U);
  EXPECT_EQ((*page)[0].seq, 8);
  q.limit = 0;
  EXPECT_FALSE(list(**conn, q));
}

}  // namespace
}  // namespace ct::audit
