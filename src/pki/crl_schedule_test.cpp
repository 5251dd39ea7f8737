#include "pki/crl_schedule.h"

#include <map>
#include <set>

#include "pki/crl_publisher.h"
#include "pki/pki_test_support.h"
#include "pki/revocation.h"

namespace ct::pki {
namespace {

using testing::PkiFixture;

class CrlScheduleTest : public PkiFixture {
 protected:
  std::unique_ptr<CrlSchedule> scheduler() {
    CrlScheduleOptions opt;
    opt.min_interval = std::chrono::seconds(60);
    return std::make_unique<CrlSchedule>(
        *db_, clock_,
        [this](const store::CaRecord& ca) -> Status {
          ++published_[ca.name];
          auto key = keys_->load(ca.key_ref);
          if (!key) return fail(key.error());
          auto crl = pki::publish_crl(*db_, ca, *key, settings_, clock_, dir_ / "crl");
          if (!crl) return fail(crl.error());
          return {};
        },
        opt);
  }
  std::set<std::string> due_names(CrlSchedule& s) {
    auto due = s.due();
    EXPECT_TRUE(due) << due.error().describe();
    std::set<std::string> out;
    for (const auto& ca : *due) out.insert(ca.name);
    return out;
  }
  std::map<std::string, int> published_;
};

TEST_F(CrlScheduleTest, PublishesMissingThenOnlyWhenDueOrAfterRevocationsCoalesced) {
  auto s = scheduler();
  EXPECT_EQ(due_names(*s), (std::set<std::string>{"root", "issuing"}));  // never published; the OCSP signer has no CRL
  ASSERT_TRUE(s->run_once());
  EXPECT_EQ(published_["issuing"], 1);
  EXPECT_TRUE(due_names(*s).empty());

  // Revocations: not before min_interval since the last CRL, then one CRL for all of them.
  auto serial = issuing_ca().issue(*db_, individual("Nguyễn Văn An", "an@bacninh.gov.vn"))->serial;
  auto other = issuing_ca().issue(*db_, individual("Trần Thị Bình", "binh@bacninh.gov.vn"))->serial;
  clock_.advance(std::chrono::seconds(10));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {serial, crypto::CrlReason::key_compromise, std::nullopt}));
  EXPECT_TRUE(due_names(*s).empty());
  clock_.advance(std::chrono::seconds(10));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {other, crypto::CrlReason::superseded, std::nullopt}));
  clock_.advance(std::chrono::seconds(45));
  EXPECT_EQ(due_names(*s), std::set<std::string>{"issuing"});
  ASSERT_TRUE(s->run_once());
  EXPECT_EQ(published_["issuing"], 2);
  clock_.advance(std::chrono::minutes(5));
  EXPECT_TRUE(due_names(*s).empty());

  // Schedule: when a quarter of the period is left (24 h → 18 h after thisUpdate).
  clock_.advance(std::chrono::hours(17));
  EXPECT_TRUE(due_names(*s).empty());
  clock_.advance(std::chrono::hours(1));
  EXPECT_EQ(due_names(*s), (std::set<std::string>{"root", "issuing"}));
}

}  // namespace
}  // namespace ct::pki
