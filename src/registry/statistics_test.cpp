// Statistics (SPEC §7): certificates by organization and open requests by age, within reach,
// counted at the injected clock.
#include "registry/statistics.h"

#include <gtest/gtest.h>

#include "crypto/name.h"
#include "registry/registry_test_support.h"

namespace ct::registry {
namespace {

using namespace std::chrono_literals;

class StatisticsTest : public testing::RegistryFixture {
 protected:
  // A certificate of `subscriber` valid for `days` from now.
  void issue(std::int64_t subscriber, int days) {
    pki::IssueRequest req;
    const std::string pem = testing::test_csr();
    req.csr = Bytes(pem.begin(), pem.end());
    req.subject = *crypto::parse_dn("C=VN,O=UBND tỉnh Bắc Ninh,CN=Người " + std::to_string(++issued_));
    req.emails = {"x" + std::to_string(issued_) + "@bacninh.gov.vn"};
    req.days = days;
    req.subscriber_id = subscriber;
    auto r = ca_->issue(*db_, req);
    ASSERT_TRUE(r) << r.error().describe();
  }

  Statistics stats(const std::string& login) {
    auto s = statistics(*env_, actor(login));
    EXPECT_TRUE(s) << (s ? "" : s.error().describe());
    return s ? *s : Statistics{};
  }

  int issued_ = 0;
};

TEST_F(StatisticsTest, CertificatesByOrganizationMostValidFirstWithinReach) {
  const auto a = add_subscriber(school1_.id, person("Nguyễn Văn An", "an@bacninh.gov.vn", "027085000001"));
  const auto b = add_subscriber(school2_.id, person("Trần Thị Bình", "binh@bacninh.gov.vn", "027085000002"));
  const auto c = add_subscriber(finance_.id, person("Lê Văn Cường", "cuong@bacninh.gov.vn", "027085000003"));
  issue(a, 30);   // expiring within 90 days
  issue(a, 365);
  issue(b, 60);   // expiring
  issue(b, 80);   // expiring
  issue(b, 700);
  issue(c, 5);    // expires before the clock below
  clock_.advance(std::chrono::days{10});

  const auto all = stats("auditor").certificates_by_org;
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].org_id, school2_.id);
  EXPECT_EQ(all[0].org_name, "Trường THPT Lý Thái Tổ");
  EXPECT_EQ(all[0].valid, 3);
  EXPECT_EQ(all[0].expiring_90, 2);
  EXPECT_EQ(all[1].org_id, school1_.id);
  EXPECT_EQ(all[1].valid, 2);
  EXPECT_EQ(all[1].expiring_90, 1);
  EXPECT_EQ(all[2].org_id, finance_.id);  // has a certificate, none valid any more
  EXPECT_EQ(all[2].valid, 0);
  EXPECT_EQ(all[2].expiring_90, 0);

  const auto mine = stats("um1").certificates_by_org;
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].org_id, school1_.id);
  const auto dept = stats("agg_edu").certificates_by_org;
  ASSERT_EQ(dept.size(), 2u);
  EXPECT_EQ(dept[0].org_id, school2_.id);

  const auto j = to_json(stats("agg_edu"));
  ASSERT_TRUE(j["certificates_by_org"].is_array());
  EXPECT_EQ(j["certificates_by_org"][0]["org_name"], "Trường THPT Lý Thái Tổ");
  EXPECT_EQ(j["certificates_by_org"][0]["valid"], 3);
  EXPECT_EQ(j["certificates_by_org"][0]["expiring_90"], 2);
  EXPECT_TRUE(j.contains("certificates_by_status"));  // the keys that were there stay
  EXPECT_TRUE(j.contains("certificates_expiring"));
}

TEST_F(StatisticsTest, AtMostFiftyOrganizations) {
  for (int i = 0; i < kMaxOrgsInStatistics + 3; ++i) {
    const auto org = [&] {
      auto lease = db_->acquire();
      return add_org(**lease, "Trường số " + std::to_string(i), education_.id);
    }();
    char cccd[16];
    std::snprintf(cccd, sizeof cccd, "0270850%05d", i);
    const auto s = add_subscriber(org.id, person("Người " + std::to_string(i), "p@bacninh.gov.vn", cccd));
    issue(s, 365);
  }
  EXPECT_EQ(stats("admin").certificates_by_org.size(), static_cast<std::size_t>(kMaxOrgsInStatistics));
}

TEST_F(StatisticsTest, OpenRequestsByWholeDaysSinceCreated) {
  const auto a = add_subscriber(school1_.id, person("Nguyễn Văn An", "an@bacninh.gov.vn", "027085000001"));
  const auto f = add_subscriber(finance_.id, person("Lê Văn Cường", "cuong@bacninh.gov.vn", "027085000003"));
  // Created 20, 16, 10, 7, 5 and 3 whole days (and an hour) before the clock's final reading.
  std::vector<std::int64_t> ids;
  for (int day : {0, 4, 10, 13, 15, 17}) {
    clock_.set(testing::friday() + std::chrono::days{day});
    auto r = create("um1", RequestType::mailbox, a);
    ASSERT_TRUE(r) << r.error().describe();
    ids.push_back(r->id);
  }
  auto other = create("um_fin", RequestType::mailbox, f);  // another department, same age as the last
  ASSERT_TRUE(other);
  clock_.set(testing::friday() + std::chrono::days{20} + 1h);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.cancel(actor("um1"), ids[1], "không cần nữa"));  // 16 days old, but final now

  const auto mine = stats("um1").requests_by_age;
  EXPECT_EQ(mine, (std::map<std::string, std::int64_t>{{"0-3", 1}, {"4-7", 2}, {"8-14", 1}, {"15+", 1}}));
  const auto all = stats("ra1").requests_by_age;
  EXPECT_EQ(all.at("0-3"), 2);
  EXPECT_EQ(all.at("15+"), 1);

  const auto none = stats("agg_fin").requests_by_age;  // every bucket is there, even when empty
  EXPECT_EQ(none, (std::map<std::string, std::int64_t>{{"0-3", 1}, {"4-7", 0}, {"8-14", 0}, {"15+", 0}}));
  const auto j = to_json(stats("um1"));
  EXPECT_EQ(j["requests_by_age"]["4-7"], 2);
  EXPECT_EQ(j["requests_by_state"]["draft"], 5);
  EXPECT_EQ(j["requests_by_state"]["cancelled"], 1);
}

}  // namespace
}  // namespace ct::registry
