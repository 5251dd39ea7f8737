// A CA operator's direct revocation under the two-person rule (issue 14 item 8): the first call
// proposes, a second operator confirms with the same reason; holds are at once; an emergency
// keyCompromise only when configured, audited with its reason.
#include "registry/direct_revocation.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "registry/registry_test_support.h"

namespace ct::registry {
namespace {

class DirectRevocationTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    auto lease = db_->acquire();
    add_user(**lease, "ca2", Role::ca_operator, std::nullopt);
    serial_ = issue_for(add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001")));
  }
  Result<DirectRevocationOutcome> revoke(const std::string& login, crypto::CrlReason reason,
                                         const std::string& emergency = "") {
    DirectRevocation d;
    d.serial = serial_;
    d.reason = reason;
    d.emergency = emergency;
    return revoke_directly(*env_, actor(login), d);
  }
  std::size_t audited(const std::string& action) {
    auto lease = db_->acquire();
    audit::AuditQuery q;
    q.action_prefix = action;
    auto e = audit::list(**lease, q);
    EXPECT_TRUE(e);
    return e ? e->size() : 0;
  }
  std::string serial_;
};

TEST_F(DirectRevocationTest, DirectRevocationNeedsASecondPerson) {
  auto first = revoke("ca1", crypto::CrlReason::key_compromise);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_FALSE(first->done);
  EXPECT_EQ(first->proposed_by, "ca1");
  EXPECT_EQ(cert(serial_).status, store::CertStatus::valid);
  // The proposer alone cannot finish it; another reason does not confirm it.
  auto again = revoke("ca1", crypto::CrlReason::key_compromise);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto other = revoke("ca2", crypto::CrlReason::superseded);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::conflict);
  EXPECT_EQ(cert(serial_).status, store::CertStatus::valid);
  auto second = revoke("ca2", crypto::CrlReason::key_compromise);
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_TRUE(second->done);
  EXPECT_EQ(cert(serial_).status, store::CertStatus::revoked);
  EXPECT_EQ(audited("cert.revoke.proposed"), 1u);
  EXPECT_EQ(audited("cert.revoke.confirmed"), 1u);
}

TEST_F(DirectRevocationTest, AProposalLapses) {
  ASSERT_TRUE(revoke("ca1", crypto::CrlReason::key_compromise));
  clock_.advance(kProposalLifetime);
  // Lapsed: the next call is a new proposal, not a confirmation.
  auto late = revoke("ca2", crypto::CrlReason::key_compromise);
  ASSERT_TRUE(late);
  EXPECT_FALSE(late->done);
  EXPECT_EQ(late->proposed_by, "ca2");
}

TEST_F(DirectRevocationTest, HoldsTakeEffectAtOnce) {
  auto hold = revoke("ca1", crypto::CrlReason::certificate_hold);
  ASSERT_TRUE(hold) << hold.error().describe();
  EXPECT_TRUE(hold->done);
  EXPECT_EQ(cert(serial_).status, store::CertStatus::hold);
  auto release = revoke("ca1", crypto::CrlReason::remove_from_crl);
  ASSERT_TRUE(release) << release.error().describe();
  EXPECT_EQ(cert(serial_).status, store::CertStatus::valid);
}

TEST_F(DirectRevocationTest, EmergencyOnlyWhenConfiguredAndForKeyCompromise) {
  auto off = revoke("ca1", crypto::CrlReason::key_compromise, "Token bị đánh cắp, kẻ gian đang dùng");
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(off.error().context, "emergency");
  settings_.emergency_revocation = true;
  auto wrong = revoke("ca1", crypto::CrlReason::superseded, "Vội");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid_input);
  auto now = revoke("ca1", crypto::CrlReason::key_compromise, "Token bị đánh cắp, kẻ gian đang dùng");
  ASSERT_TRUE(now) << now.error().describe();
  EXPECT_TRUE(now->done);
  EXPECT_EQ(cert(serial_).status, store::CertStatus::revoked);
  EXPECT_EQ(audited("cert.revoke.emergency"), 1u);
}

TEST_F(DirectRevocationTest, WithoutTheRuleOnePersonRevokes) {
  settings_.two_person_types.clear();
  auto done = revoke("ca1", crypto::CrlReason::key_compromise);
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->done);
  EXPECT_EQ(cert(serial_).status, store::CertStatus::revoked);
}

TEST_F(DirectRevocationTest, OnlyCaOperatorsRevoke) {
  auto refused = revoke("ra1", crypto::CrlReason::key_compromise);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace ct::registry
