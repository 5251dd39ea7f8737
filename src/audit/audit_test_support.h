#pragma once
// Test-only: an audit log in a temporary SQLite database, with a checkpoint key and a chain key
// bound and adopted (as app::Context does when it opens an installation), a fixed clock, and
// helpers to append, tamper and verify. Included by *_test.cpp only.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"
#include "audit/chain_key.h"
#include "audit/signed_head.h"
#include "store/open.h"

namespace ct::audit::testing {

using namespace std::chrono_literals;

inline std::shared_ptr<const ChainKey> make_chain_key(std::uint8_t fill) {
  auto key = ChainKey::from_bytes(Bytes(ChainKey::kSize, fill));
  EXPECT_TRUE(key);
  return std::make_shared<const ChainKey>(std::move(*key));
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_audit_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto db = store::open_database("sqlite", dir_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    auto key = crypto::generate_key(crypto::KeyType::ec_p256);
    ASSERT_TRUE(key) << key.error().describe();
    key_ = std::make_unique<crypto::PrivateKey>(std::move(*key));
    chain_ = make_chain_key(0x5a);
    binding_ = std::make_unique<ChainKeyBinding>(chain_);
    if (adopt_in_set_up()) {
      auto adopted = adopt_chain_key(*db_, clock_, *chain_, *key_);
      ASSERT_TRUE(adopted) << adopted.error().describe();
      ASSERT_TRUE(*adopted);
    }
  }
  void TearDown() override {
    binding_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // False: the log starts as one made before the chain key existed.
  [[nodiscard]] virtual bool adopt_in_set_up() const { return true; }

  static AuditEvent event(int i, std::optional<std::int64_t> org = std::nullopt) {
    AuditEvent e;
    e.actor = i % 2 == 0 ? "alice" : "bob";
    e.action = i % 3 == 0 ? "cert.revoke" : "cert.issue";
    e.object_type = "certificate";
    e.object_id = "SERIAL" + std::to_string(i);
    e.org_id = org;
    e.details = R"({"n": )" + std::to_string(i) + "}";
    return e;
  }

  Result<std::int64_t> append_one(const AuditEvent& e) {
    auto conn = db_->acquire();
    if (!conn) return fail(conn.error());
    auto tx = store::Transaction::begin(**conn, true);
    if (!tx) return fail(tx.error());
    auto seq = append(**conn, clock_, e);
    if (!seq) return seq;
    if (auto s = tx->commit(); !s) return fail(s.error());
    clock_.advance(1s);
    return seq;
  }

  void append_n(int count) {
    for (int i = 1; i <= count; ++i) {
      auto seq = append_one(event(i));
      ASSERT_TRUE(seq) << seq.error().describe();
    }
  }

  // Signs a checkpoint of the head; with `record_outside`, also moves the signed head file on.
  Checkpoint checkpoint_now(bool record_outside = false) {
    auto cp = checkpoint(*db_, clock_, *key_, *chain_);
    EXPECT_TRUE(cp) << cp.error().describe();
    if (!cp || !cp->has_value()) {
      ADD_FAILURE() << "no checkpoint";
      return {};
    }
    if (record_outside) {
      auto s = advance_signed_head(head_file(), **cp);
      EXPECT_TRUE(s) << s.error().describe();
    }
    return **cp;
  }

  [[nodiscard]] std::filesystem::path head_file() const { return dir_ / "audit-head"; }

  void exec(const std::string& sql) {
    auto conn = db_->acquire();
    ASSERT_TRUE(conn);
    auto s = (*conn)->exec(sql);
    ASSERT_TRUE(s) << s.error().describe();
  }

  // With `outside`: the signed head file is read and compared, as app::verify_audit does.
  VerifyReport verify_now(bool outside = false, const ChainKey* chain_key = nullptr) {
    std::optional<Checkpoint> signed_head;
    if (outside) {
      auto h = read_signed_head(head_file());
      EXPECT_TRUE(h) << h.error().describe();
      if (h) signed_head = *h;
    }
    auto r = verify(*db_, {key_->public_key_der(), chain_key != nullptr ? *chain_key : *chain_, signed_head});
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : VerifyReport{};
  }

  void expect_bad_at(std::int64_t seq, bool outside = false) {
    const VerifyReport r = verify_now(outside);
    EXPECT_FALSE(r.ok);
    ASSERT_TRUE(r.first_bad_seq.has_value()) << r.problem_en;
    EXPECT_EQ(*r.first_bad_seq, seq) << r.problem_en;
    EXPECT_FALSE(r.problem_vi.empty());
    EXPECT_FALSE(r.problem_en.empty());
  }

  // The attack of the finding: change the details of entry `seq` and recompute its hash and every
  // later one with plain SHA-256 (as the code before the chain key did, detail::entry_hash without
  // a key), then fix the head row. `keyed_flag` is what the forger writes into `keyed`.
  void rewrite_tail_with_sha256(std::int64_t seq, bool keyed_flag) {
    auto conn = db_->acquire();
    ASSERT_TRUE(conn);
    AuditQuery q;
    q.limit = 10000;
    auto all = list(**conn, q);
    ASSERT_TRUE(all);
    std::sort(all->begin(), all->end(), [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
    std::string prev;
    for (AuditEntry& e : *all) {
      if (e.seq < seq) {
        prev = e.hash;
        continue;
      }
      if (e.seq == seq) e.event.details = R"({"n":"forged"})";
      e.hash = detail::entry_hash(nullptr, prev, e.seq, e.at, e.event);
      auto upd =
          (*conn)->query("UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3, keyed = $4 WHERE seq = $5");
      ASSERT_TRUE(upd);
      upd->bind(1, e.event.details)
          .bind(2, prev)
          .bind(3, e.hash)
          .bind(4, std::int64_t{keyed_flag ? 1 : 0})
          .bind(5, e.seq);
      ASSERT_TRUE(upd->run());
      prev = e.hash;
    }
    auto head = (*conn)->query("UPDATE audit_head SET last_hash = $1 WHERE id = 1");
    ASSERT_TRUE(head);
    ASSERT_TRUE(head->bind(1, prev).run());
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::PrivateKey> key_;
  std::shared_ptr<const ChainKey> chain_;
  std::unique_ptr<ChainKeyBinding> binding_;
  FixedClock clock_{from_unix(1'750'000'000)};
};

}  // namespace ct::audit::testing
