#include "pki/certificate_authority.h"

#include "crypto/certificate.h"
#include "crypto/csr.h"
#include "pki/pki_test_support.h"

namespace ct::pki {
namespace {

using testing::PkiFixture;
using testing::test_now;

class CertificateAuthorityTest : public PkiFixture {};

TEST_F(CertificateAuthorityTest, IssuesWithTheCallersSubjectAndTheProfile) {
  auto ca = issuing_ca();
  IssueRequest req = individual("Nguyễn Văn An", "An.NV@BacNinh.gov.vn");
  req.csr = csr_for(crypto::KeyType::rsa2048, {{"CN", "Kẻ giả mạo"}, {"O", "Evil"}});
  req.subscriber_id = 7;
  auto issued = ca.issue(*db_, req);
  ASSERT_TRUE(issued) << issued.error().describe();
  EXPECT_EQ(issued->serial.size(), 32u);
  EXPECT_EQ(issued->not_before, test_now());
  EXPECT_EQ(issued->not_after, test_now() + std::chrono::days(1095));

  auto info = crypto::inspect_certificate(issued->der);
  ASSERT_TRUE(info);
  EXPECT_EQ(crypto::dn_value(info->subject, "CN"), "Nguyễn Văn An");
  EXPECT_EQ(crypto::dn_value(info->subject, "O"), "UBND tỉnh Bắc Ninh");
  EXPECT_EQ(info->san_emails, std::vector<std::string>{"an.nv@bacninh.gov.vn"});
  EXPECT_EQ(info->key_algorithm, "RSA-2048");
  EXPECT_EQ(info->policy_oids, std::vector<std::string>{"2.16.704.1.1.1.1.1"});
  EXPECT_EQ(info->extended_key_usage, (std::vector<std::string>{"clientAuth", "emailProtection"}));
  EXPECT_TRUE(crypto::is_issued_by(issued->der, ca.record().certificate));

  auto lease = db_->acquire();
  auto rec = store::find_certificate(**lease, issued->serial);
  ASSERT_TRUE(rec && *rec);
  EXPECT_EQ((*rec)->subscriber_id, 7);
  EXPECT_EQ((*rec)->email, "an.nv@bacninh.gov.vn");
  EXPECT_EQ((*rec)->name_fold, "nguyen van an ubnd tinh bac ninh so tai chinh");
  EXPECT_EQ((*rec)->der, issued->der);
}

TEST_F(CertificateAuthorityTest, SerialsComeFromTheInjectedRng) {
  auto a = issuing_ca();
  auto first = a.issue(*db_, individual("A", "a@bacninh.gov.vn"));
  ASSERT_TRUE(first);
  // The same seed reproduces the same serial in a second installation.
  PkiFixture::TearDown();
  rng_ = DeterministicRng(42);
  PkiFixture::SetUp();
  auto b = issuing_ca();
  auto second = b.issue(*db_, individual("A", "a@bacninh.gov.vn"));
  ASSERT_TRUE(second);
  EXPECT_EQ(first->serial, second->serial);
}

TEST_F(CertificateAuthorityTest, ValidityIsCappedByProfileAndIssuer) {
  auto ca = issuing_ca();
  IssueRequest req = individual("B", "b@bacninh.gov.vn");
  req.days = 1826;
  auto over = ca.issue(*db_, req);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  EXPECT_NE(over.error().message_en.find("1825"), std::string::npos);
  EXPECT_NE(over.error().message_vi, over.error().message_en);

  // Near the end of the issuing CA's life the certificate ends with the CA.
  clock_.set(ca.record().not_after - std::chrono::days(30));
  req.days = 1825;
  auto capped = ca.issue(*db_, req);
  ASSERT_TRUE(capped) << capped.error().describe();
  EXPECT_EQ(capped->not_after, ca.record().not_after);

  clock_.set(ca.record().not_after + std::chrono::days(1));
  auto expired = ca.issue(*db_, req);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::invalid_input);
}

TEST_F(CertificateAuthorityTest, ProfileRulesAreEnforced) {
  auto ca = issuing_ca();
  struct Case {
    const char* name;
    IssueRequest req;
    const char* field;
  };
  IssueRequest no_email = individual("C", "c@bacninh.gov.vn");
  no_email.emails.clear();
  IssueRequest bad_email = individual("C", "not an email");
  IssueRequest dns_on_individual = individual("C", "c@bacninh.gov.vn");
  dns_on_individual.dns = {"c.bacninh.gov.vn"};
  IssueRequest device_without_dns = individual("C", "c@bacninh.gov.vn");
  device_without_dns.profile = "device";
  device_without_dns.emails.clear();
  IssueRequest no_cn = individual("C", "c@bacninh.gov.vn");
  no_cn.subject = {{"C", "VN"}, {"O", "X"}};
  IssueRequest unknown_profile = individual("C", "c@bacninh.gov.vn");
  unknown_profile.profile = "nosuch";
  IssueRequest weak_key = individual("C", "c@bacninh.gov.vn");
  weak_key.csr = Bytes{0x30, 0x03, 0x02, 0x01, 0x00};
  for (const Case& c : std::vector<Case>{{"no email", no_email, "email"},
                                         {"bad email", bad_email, "email"},
                                         {"dns on individual", dns_on_individual, "dns"},
                                         {"device without dns", device_without_dns, "dns"},
                                         {"no CN", no_cn, "subject"},
                                         {"unknown profile", unknown_profile, "profile"},
                                         {"garbage CSR", weak_key, "csr"}}) {
    auto r = ca.issue(*db_, c.req);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << c.name;
    EXPECT_EQ(r.error().context.rfind(c.field, 0), 0u) << c.name << ": " << r.error().context;
  }
  auto lease = db_->acquire();
  EXPECT_TRUE(store::search_certificates(**lease, {"c@bacninh.gov.vn", 10, 0})->empty());
}

TEST_F(CertificateAuthorityTest, DeviceProfileGetsDnsAndServerAuth) {
  auto ca = issuing_ca();
  IssueRequest req = individual("dichvucong.bacninh.gov.vn", "x@bacninh.gov.vn");
  req.profile = "device";
  req.emails.clear();
  req.dns = {"DichVuCong.BacNinh.gov.vn"};
  auto issued = ca.issue(*db_, req);
  ASSERT_TRUE(issued) << issued.error().describe();
  auto info = crypto::inspect_certificate(issued->der);
  EXPECT_EQ(info->san_dns, std::vector<std::string>{"dichvucong.bacninh.gov.vn"});
  EXPECT_EQ(info->extended_key_usage, (std::vector<std::string>{"serverAuth", "clientAuth"}));
  EXPECT_EQ(info->key_usage, std::vector<std::string>{"digitalSignature"});  // EC: no keyEncipherment
}

TEST_F(CertificateAuthorityTest, BatchIssuesTheGoodAndReportsTheBad) {
  auto ca = issuing_ca();
  std::vector<IssueRequest> reqs;
  for (int i = 0; i < 6; ++i) reqs.push_back(individual("Người " + std::to_string(i), "p" + std::to_string(i) + "@bacninh.gov.vn"));
  reqs[2].emails = {"broken"};
  auto results = ca.issue_batch(*db_, reqs);
  ASSERT_EQ(results.size(), 6u);
  int ok = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i == 2) {
      EXPECT_FALSE(results[i]);
    } else {
      ASSERT_TRUE(results[i]) << results[i].error().describe();
      ++ok;
    }
  }
  EXPECT_EQ(ok, 5);
  auto lease = db_->acquire();
  EXPECT_EQ(store::search_certificates(**lease, {"nguoi", 50, 0})->size(), 5u);
}

}  // namespace
}  // namespace ct::pki
