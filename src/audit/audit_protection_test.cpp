// Regression tests of issue 14, item 2: the audit log could be rewritten by anyone with write access
// to the database (unkeyed SHA-256 chain, checkpoints only now and then, none at all accepted).
// Now: entries are keyed with a chain key outside the database, a log without checkpoints fails,
// and the signed head kept outside the database finds deleted entries and checkpoints.
#include <gtest/gtest.h>

#include <fstream>

#include "audit/audit_test_support.h"

namespace ct::audit {
namespace {

using testing::AuditLogTest;

class LegacyAuditLogTest : public AuditLogTest {
 protected:
  [[nodiscard]] bool adopt_in_set_up() const override { return false; }
};

TEST_F(AuditLogTest, RewrittenTailWithoutTheChainKeyIsFound) {
  append_n(6);
  checkpoint_now(true);
  append_n(4);  // 7 to 10: after the last checkpoint
  ASSERT_TRUE(verify_now(true).ok);
  rewrite_tail_with_sha256(8, /*keyed_flag=*/false);
  expect_bad_at(8, true);
  EXPECT_NE(verify_now().problem_en.find("not keyed"), std::string::npos) << verify_now().problem_en;
}

TEST_F(AuditLogTest, RewrittenTailKeepingTheKeyedFlagIsFound) {
  append_n(6);
  checkpoint_now(true);
  append_n(4);
  rewrite_tail_with_sha256(8, /*keyed_flag=*/true);
  expect_bad_at(8, true);
}

// The same forgery done from the first entry after the checkpoint onwards, checkpoints deleted too.
TEST_F(AuditLogTest, RewrittenLogWithDeletedCheckpointsIsFound) {
  append_n(6);
  checkpoint_now(true);
  append_n(4);
  rewrite_tail_with_sha256(1, /*keyed_flag=*/false);
  exec("DELETE FROM audit_checkpoints");
  expect_bad_at(1, true);
  expect_bad_at(1, false);
}

TEST_F(AuditLogTest, DeletedCheckpointsFail) {
  append_n(5);
  checkpoint_now();
  append_n(2);
  ASSERT_TRUE(verify_now().ok);
  exec("DELETE FROM audit_checkpoints");
  expect_bad_at(1);
  EXPECT_NE(verify_now().problem_en.find("no signed checkpoint"), std::string::npos);
}

TEST_F(AuditLogTest, DeletedNewestCheckpointIsFoundByTheSignedHead) {
  append_n(4);
  checkpoint_now(true);
  append_n(3);
  checkpoint_now(true);
  exec("DELETE FROM audit_checkpoints WHERE seq = 7");
  const VerifyReport without_file = verify_now(false);
  EXPECT_TRUE(without_file.ok) << without_file.problem_en;
  EXPECT_EQ(without_file.protected_through, 4);
  expect_bad_at(5, true);
}

// Truncation: the newest entries, their checkpoint and the head row changed together leave a log
// consistent with itself; the signed head outside the database still names entry 8.
TEST_F(AuditLogTest, TruncatedEntriesAndCheckpointsAreFoundByTheSignedHead) {
  append_n(5);
  checkpoint_now(true);
  append_n(3);
  checkpoint_now(true);
  exec("DELETE FROM audit_log WHERE seq >= 7");
  exec("DELETE FROM audit_checkpoints WHERE seq = 8");
  exec("UPDATE audit_head SET last_seq = 6, last_hash = (SELECT hash FROM audit_log WHERE seq = 6)");
  EXPECT_TRUE(verify_now(false).ok);
  expect_bad_at(7, true);
  const VerifyReport r = verify_now(true);
  EXPECT_EQ(r.signed_head, 8);
  EXPECT_NE(r.problem_en.find("outside the database"), std::string::npos) << r.problem_en;
}

TEST_F(AuditLogTest, VerifySaysUpToWhichEntryTheLogIsProtected) {
  append_n(5);
  checkpoint_now(true);
  append_n(2);
  const VerifyReport r = verify_now(true);
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.entries, 7);
  EXPECT_EQ(r.protected_through, 5);
  EXPECT_EQ(r.keyed_from, 1);
  EXPECT_EQ(r.signed_head, 5);
  checkpoint_now(true);
  EXPECT_EQ(verify_now(true).protected_through, 7);
}

TEST_F(AuditLogTest, WrongChainKeyFailsWithoutShowingIt) {
  append_n(3);
  checkpoint_now();
  const auto other = testing::make_chain_key(0x11);
  const VerifyReport r = verify_now(false, other.get());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem_en.find("chain key is wrong"), std::string::npos) << r.problem_en;
  EXPECT_NE(r.problem_vi.find("Khóa chuỗi"), std::string::npos) << r.problem_vi;
  const std::string secret = to_hex(Bytes(ChainKey::kSize, 0x11));
  EXPECT_EQ(r.problem_en.find(secret), std::string::npos);
  EXPECT_EQ(r.problem_vi.find(secret), std::string::npos);
  auto cp = checkpoint(*db_, clock_, *key_, *other);
  ASSERT_FALSE(cp);
  EXPECT_EQ(cp.error().code, ErrorCode::integrity);
  auto adopted = adopt_chain_key(*db_, clock_, *other, *key_);
  ASSERT_FALSE(adopted);
  EXPECT_EQ(adopted.error().code, ErrorCode::integrity);
}

TEST_F(AuditLogTest, AppendWithoutTheBoundKeyIsRefused) {
  append_n(2);
  binding_.reset();
  auto seq = append_one(event(3));
  ASSERT_FALSE(seq);
  EXPECT_EQ(seq.error().code, ErrorCode::integrity);
  binding_ = std::make_unique<ChainKeyBinding>(chain_);
  EXPECT_TRUE(append_one(event(3)));
}

// A forger who clears the log's key id gets unkeyed entries appended; no checkpoint signs them and
// verify finds them.
TEST_F(AuditLogTest, UnkeyedEntryAfterTheKeyIsRefusedByCheckpointAndVerify) {
  append_n(3);
  checkpoint_now();
  exec("UPDATE audit_head SET chain_key_id = ''");
  ASSERT_TRUE(append_one(event(4)));
  auto cp = checkpoint(*db_, clock_, *key_, *chain_);
  ASSERT_FALSE(cp);
  EXPECT_EQ(cp.error().code, ErrorCode::integrity);
  expect_bad_at(4);
}

// An installation from before the chain key: its entries stay unkeyed, covered by the checkpoint
// signed when the log adopts the key; the entries after it are keyed.
TEST_F(LegacyAuditLogTest, LegacyEntriesAreCoveredWhenTheLogAdoptsItsKey) {
  append_n(3);
  {
    auto conn = db_->acquire();
    ASSERT_TRUE(conn);
    auto id = chain_key_id(**conn);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "");
  }
  auto adopted = adopt_chain_key(*db_, clock_, *chain_, *key_);
  ASSERT_TRUE(adopted) << adopted.error().describe();
  EXPECT_TRUE(*adopted);
  adopted = adopt_chain_key(*db_, clock_, *chain_, *key_);
  ASSERT_TRUE(adopted);
  EXPECT_FALSE(*adopted);
  append_n(2);
  VerifyReport r = verify_now();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.protected_through, 3);
  EXPECT_EQ(r.keyed_from, 4);
  EXPECT_EQ(r.checkpoints, 1);
  checkpoint_now();
  EXPECT_EQ(verify_now().protected_through, 5);
  exec("UPDATE audit_log SET keyed = 0 WHERE seq = 5");
  expect_bad_at(5);
}

TEST_F(LegacyAuditLogTest, UnkeyedEntriesWithoutACheckpointFail) {
  append_n(3);
  expect_bad_at(1);
}

TEST_F(AuditLogTest, SignedHeadNeverMovesBackwards) {
  append_n(5);
  const Checkpoint five = checkpoint_now();
  append_n(3);
  const Checkpoint eight = checkpoint_now(true);
  ASSERT_TRUE(advance_signed_head(head_file(), five));
  auto h = read_signed_head(head_file());
  ASSERT_TRUE(h && h->has_value());
  EXPECT_EQ((*h)->seq, 8);
  EXPECT_EQ((*h)->hash, eight.hash);
  EXPECT_EQ((*h)->signature, eight.signature);
  EXPECT_EQ(to_unix((*h)->at), to_unix(eight.at));
  EXPECT_EQ(std::filesystem::status(head_file()).permissions() & std::filesystem::perms::others_write,
            std::filesystem::perms::none);
}

TEST_F(AuditLogTest, DamagedSignedHeadIsRefusedAndKept) {
  append_n(2);
  const Checkpoint cp = checkpoint_now();
  for (const char* text :
       {"", "chungthu-audit-head 1\nseq 2\n", "chungthu-audit-head 1\nseq x\nhash AB\nat 1\nsignature AB\n",
        "chungthu-audit-head 2\nseq 2\nhash AB\nat 1\nsignature AB\n"}) {
    std::ofstream(head_file(), std::ios::binary | std::ios::trunc) << text;
    auto h = read_signed_head(head_file());
    ASSERT_FALSE(h) << text;
    EXPECT_EQ(h.error().code, ErrorCode::integrity);
    EXPECT_FALSE(advance_signed_head(head_file(), cp));
  }
  auto round = parse_signed_head(format_signed_head(cp));
  ASSERT_TRUE(round) << round.error().describe();
  EXPECT_EQ(round->seq, cp.seq);
}

TEST_F(AuditLogTest, ForgedSignedHeadIsFound) {
  append_n(4);
  Checkpoint cp = checkpoint_now();
  cp.seq = 9;  // claims more entries than ever existed, with a signature over entry 4
  ASSERT_TRUE(advance_signed_head(head_file(), cp));
  expect_bad_at(9, true);
  EXPECT_NE(verify_now(true).problem_en.find("signature"), std::string::npos);
}

}  // namespace
}  // namespace ct::audit
