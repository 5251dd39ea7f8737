// A serial number that collides with one already issued is refused by the store's UNIQUE
// constraint (not by a prior read) and issuance retries with a fresh serial (SPEC §10), on
// every store backend. On PostgreSQL the collision aborts the transaction, so the retry runs in
// a new one.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "common/config.h"
#include "crypto/key_backend.h"
#include "crypto/name.h"
#include "pki/certificate_authority.h"
#include "pki/hierarchy.h"
#include "store/pki_repository.h"
#include "store/store_test_support.h"

namespace ct::pki {
namespace {

using store::testing::BackendFactory;

// Hands out scripted 16-byte outputs first (serials), then a deterministic stream.
class ScriptedRng final : public Rng {
 public:
  void repeat(const Bytes& value, int times) {
    for (int i = 0; i < times; ++i) script_.push_back(value);
  }
  void clear() { script_.clear(); }
  void fill(std::span<std::uint8_t> out) override {
    if (!script_.empty() && script_.front().size() == out.size()) {
      std::copy(script_.front().begin(), script_.front().end(), out.begin());
      script_.pop_front();
      return;
    }
    fallback_.fill(out);
  }

 private:
  std::deque<Bytes> script_;
  DeterministicRng fallback_{42};
};

Bytes serial_bytes(std::uint8_t fill) { return Bytes(16, fill); }

class SerialCollision : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    if (auto why = GetParam().skip_reason(); !why.empty()) GTEST_SKIP() << why;
    scratch_ = store::testing::make_scratch_dir();
    auto db = GetParam().open(scratch_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    settings_.root_key = settings_.issuing_key = settings_.ocsp_key = crypto::KeyType::ec_p256;
    settings_.serial_retries = 2;
    auto profiles = ProfileSet::load(Config());
    ASSERT_TRUE(profiles);
    profiles_ = std::move(*profiles);
    keys_ = std::make_unique<crypto::SoftwareKeyBackend>(scratch_ / "keys", "mật khẩu thử nghiệm");
    DeterministicRng setup_rng(7);
    auto made = create_hierarchy(*db_, *keys_, settings_, profiles_, clock_, setup_rng);
    ASSERT_TRUE(made) << made.error().describe();
    auto lease = db_->acquire();
    auto record = store::find_ca(**lease, std::string_view(kIssuingCa));
    ASSERT_TRUE(record && *record);
    auto key = keys_->load((*record)->key_ref);
    ASSERT_TRUE(key) << key.error().describe();
    ca_.emplace(std::move(**record), std::move(*key), settings_, profiles_, clock_, rng_);

    auto csr = read_csr();
    request_.csr = csr;
    auto dn = crypto::parse_dn("C=VN,O=Bộ Tài chính,CN=Nguyễn Thị Hoa");
    ASSERT_TRUE(dn);
    request_.subject = *dn;
    request_.emails = {"hoa.nt@mof.gov.vn"};
    baseline_ = certificates();
  }
  void TearDown() override {
    ca_.reset();
    db_.reset();
    if (!scratch_.empty()) std::filesystem::remove_all(scratch_);
  }
  static Bytes read_csr() {
    std::ifstream in(std::filesystem::path(CT_SOURCE_DIR) / "tests/data/csr/rsa2048.pem", std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  // Certificates issued by the test (the hierarchy's own are the baseline).
  std::int64_t issued() { return certificates() - baseline_; }
  std::int64_t certificates() {
    auto lease = db_->acquire();
    auto q = (*lease)->query("SELECT COUNT(*) FROM certificates");
    EXPECT_TRUE(q && *q->step());
    return q->get_int(0);
  }

  std::filesystem::path scratch_;
  std::unique_ptr<store::Database> db_;
  PkiSettings settings_;
  ProfileSet profiles_;
  std::unique_ptr<crypto::SoftwareKeyBackend> keys_;
  FixedClock clock_{from_unix(1'767'225'600)};  // 2026-01-01
  ScriptedRng rng_;
  std::optional<CertificateAuthority> ca_;
  IssueRequest request_;
  std::int64_t baseline_ = 0;
};

TEST_P(SerialCollision, ACollidingSerialIsRetriedWithAFreshOne) {
  rng_.repeat(serial_bytes(0x5A), 2);
  auto first = ca_->issue(*db_, request_);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->serial, to_hex(serial_bytes(0x5A)));
  auto second = ca_->issue(*db_, request_);
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_NE(second->serial, first->serial);
  EXPECT_EQ(issued(), 2);
  auto lease = db_->acquire();
  auto stored = store::find_certificate(**lease, second->serial);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->der, second->der) << "the stored certificate carries the new serial";
}

TEST_P(SerialCollision, ACollisionInsideOneBatchRetriesTheGroup) {
  rng_.repeat(serial_bytes(0x6B), 2);
  std::vector<IssueRequest> reqs(3, request_);
  auto out = ca_->issue_batch(*db_, reqs);
  ASSERT_EQ(out.size(), 3u);
  std::set<std::string> serials;
  for (const auto& r : out) {
    ASSERT_TRUE(r) << r.error().describe();
    serials.insert(r->serial);
  }
  EXPECT_EQ(serials.size(), 3u);
  EXPECT_EQ(issued(), 3);
}

TEST_P(SerialCollision, RetriesAreBoundedAndWriteNothing) {
  rng_.repeat(serial_bytes(0x7C), 1);
  ASSERT_TRUE(ca_->issue(*db_, request_));
  rng_.repeat(serial_bytes(0x7C), 1 + settings_.serial_retries + 1);
  auto refused = ca_->issue(*db_, request_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(issued(), 1);
  rng_.clear();
  EXPECT_TRUE(ca_->issue(*db_, request_));
}

INSTANTIATE_TEST_SUITE_P(Backends, SerialCollision, ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace ct::pki
