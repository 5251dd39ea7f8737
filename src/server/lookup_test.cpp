#include "server/lookup.h"

#include <set>

#include "common/time_format.h"
#include "crypto/certificate.h"
#include "pki/pki_test_support.h"
#include "pki/revocation.h"
#include "store/pki_repository.h"

namespace ct::server {
namespace {

using pki::testing::PkiFixture;

class LookupTest : public PkiFixture {
 protected:
  pki::IssuedCertificate issue(const std::string& cn, const std::string& email, const std::string& ou = "Sở Tài chính") {
    auto req = individual(cn, email);
    req.subject = {{"C", "VN"}, {"ST", "Bắc Ninh"}, {"O", "UBND tỉnh Bắc Ninh"}, {"OU", ou}, {"CN", cn}};
    auto r = issuing_ca().issue(*db_, req);
    EXPECT_TRUE(r) << r.error().describe();
    return *r;
  }
  nlohmann::json find(LookupQuery q) {
    auto r = lookup_certificates(*db_, profiles_, clock_, q);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : nlohmann::json();
  }
  static LookupQuery by_name(std::string text, int limit = 20, int offset = 0) {
    LookupQuery q;
    q.q = std::move(text);
    q.limit = limit;
    q.offset = offset;
    return q;
  }
};

TEST_F(LookupTest, NameWordsWithoutDiacriticsFindTheCertificate) {
  issue("Nguyễn Văn An", "an.nv@bacninh.gov.vn");
  issue("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "Sở Giáo dục và Đào tạo");
  struct Case {
    const char* query;
    std::size_t count;
  };
  for (const Case& c : {Case{"nguyen van an", 1}, Case{"Nguyễn Văn An", 1}, Case{"van an", 1}, Case{"an", 1},
                        Case{"NGUYEN", 1}, Case{"tran thi", 1}, Case{"binh", 1}, Case{"ubnd tinh bac ninh", 2},
                        Case{"so tai chinh", 1}, Case{"so giao duc", 1}, Case{"bac ninh", 0}, Case{"xyz", 0},
                        Case{"%", 0}}) {
    auto j = find(by_name(c.query));
    EXPECT_EQ(j["items"].size(), c.count) << c.query;
  }
  auto j = find(by_name("nguyen van an"));
  const auto& item = j["items"][0];
  EXPECT_EQ(item["common_name"], "Nguyễn Văn An");
  EXPECT_EQ(item["status"], "valid");
  EXPECT_EQ(item["issuer"]["name"], "issuing");
  EXPECT_EQ(item["usages"]["extended_key_usage"], nlohmann::json({"clientAuth", "emailProtection"}));
}

TEST_F(LookupTest, SerialAndEmailAreExactAndCaseInsensitive) {
  auto a = issue("Lê Văn Cường", "cuong.lv@bacninh.gov.vn");
  std::string lower = a.serial;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  LookupQuery q;
  q.serial = lower;
  EXPECT_EQ(find(q)["items"][0]["serial"], a.serial);
  q.serial = a.serial.substr(0, 8);  // a prefix is not a serial
  EXPECT_EQ(find(q)["items"].size(), 0u);
  LookupQuery e;
  e.email = "Cuong.LV@BacNinh.gov.vn";
  EXPECT_EQ(find(e)["items"].size(), 1u);
  e.email = "cuong@bacninh.gov.vn";
  EXPECT_EQ(find(e)["items"].size(), 0u);
}

TEST_F(LookupTest, StatusShowsRevocationHoldAndExpiry) {
  auto a = issue("Phạm Minh Đức", "duc@bacninh.gov.vn");
  auto b = issue("Hoàng Thu Hà", "ha@bacninh.gov.vn");
  clock_.advance(std::chrono::hours(1));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {a.serial, crypto::CrlReason::key_compromise, std::nullopt}));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {b.serial, crypto::CrlReason::certificate_hold, std::nullopt}));
  LookupQuery q;
  q.serial = a.serial;
  auto ja = find(q)["items"][0];
  EXPECT_EQ(ja["status"], "revoked");
  EXPECT_EQ(ja["revocation"]["reason"], "keyCompromise");
  EXPECT_EQ(ja["revocation"]["revoked_at"], timefmt::iso8601_utc(clock_.now()));
  q.serial = b.serial;
  EXPECT_EQ(find(q)["items"][0]["status"], "on_hold");
  auto c = issue("Vũ Thị Lan", "lan@bacninh.gov.vn");
  clock_.set(c.not_after + std::chrono::hours(1));
  q.serial = c.serial;
  EXPECT_EQ(find(q)["items"][0]["status"], "expired");
}

TEST_F(LookupTest, PagesCoverEveryMatchOnce) {
  std::set<std::string> all;
  for (int i = 0; i < 5; ++i) all.insert(issue("Đỗ Văn Nam", "nam" + std::to_string(i) + "@bacninh.gov.vn").serial);
  std::set<std::string> seen;
  for (int offset = 0;; offset += 2) {
    auto j = find(by_name("do van nam", 2, offset));
    for (const auto& item : j["items"]) EXPECT_TRUE(seen.insert(item["serial"]).second);
    if (!j["has_more"].get<bool>()) break;
  }
  EXPECT_EQ(seen, all);
}

TEST_F(LookupTest, BadQueriesAreRefusedNamingTheParameter) {
  struct Case {
    LookupQuery q;
    const char* field;
  };
  LookupQuery none;
  LookupQuery two;
  two.q = "an";
  two.email = "a@b";
  LookupQuery bad_serial;
  bad_serial.serial = "xyz";
  LookupQuery bad_limit = by_name("an", 0);
  LookupQuery bad_offset = by_name("an", 10, -1);
  LookupQuery bad_utf8 = by_name("\xC3\x28");
  LookupQuery long_q = by_name(std::string(300, 'a'));
  LookupQuery blank = by_name("   ");
  for (const Case& c : {Case{none, "serial|email|q"}, Case{two, "serial|email|q"}, Case{bad_serial, "serial"},
                        Case{bad_limit, "limit"}, Case{bad_offset, "offset"}, Case{bad_utf8, "q"}, Case{long_q, "q"},
                        Case{blank, "q"}}) {
    auto r = lookup_certificates(*db_, profiles_, clock_, c.q);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(r.error().context, c.field);
  }
}

TEST_F(LookupTest, InspectTellsOursFromForeignAndGarbage) {
  auto a = issue("Ngô Quang Huy", "huy@bacninh.gov.vn");
  auto ours = inspect_certificate_file(*db_, profiles_, clock_, a.der);
  ASSERT_TRUE(ours) << ours.error().describe();
  EXPECT_TRUE((*ours)["ours"].get<bool>());
  EXPECT_EQ((*ours)["issued_by"]["name"], "issuing");
  EXPECT_EQ((*ours)["record"]["status"], "valid");
  EXPECT_EQ((*ours)["certificate"]["serial"], a.serial);

  // A self-signed certificate with the same subject: not issued by us.
  auto key = crypto::generate_key(crypto::KeyType::ec_p256);
  ASSERT_TRUE(key);
  crypto::CertificateSpec spec;
  spec.serial = {0x01, 0x02, 0x03};
  spec.subject = {{"C", "VN"}, {"CN", "Ngô Quang Huy"}};
  spec.not_before = clock_.now();
  spec.not_after = clock_.now() + std::chrono::hours(24);
  spec.subject_public_key_der = key->public_key_der();
  spec.key_usage = {"digitalSignature"};
  auto foreign_der = crypto::sign_certificate(spec, *key);
  ASSERT_TRUE(foreign_der) << foreign_der.error().describe();
  auto foreign = inspect_certificate_file(*db_, profiles_, clock_, *foreign_der);
  ASSERT_TRUE(foreign);
  EXPECT_TRUE((*foreign)["issued_by"].is_null());
  EXPECT_FALSE((*foreign)["ours"].get<bool>());

  const Bytes garbage{'h', 'e', 'l', 'l', 'o'};
  auto bad = inspect_certificate_file(*db_, profiles_, clock_, garbage);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  auto huge = inspect_certificate_file(*db_, profiles_, clock_, Bytes(kMaxInspectBytes + 1, 0x30));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::invalid_input);
}

TEST(CertificateNameKeys, EveryCnWordAndEachOrganizationValue) {
  store::CertificateRecord r;
  r.common_name = "Nguyễn Văn An";
  r.subject = "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Tài chính\\, Kế hoạch,CN=Nguyễn Văn An";
  r.organization_names = {"UBND tỉnh Bắc Ninh", "Sở Tài chính, Kế hoạch"};
  r.name_fold = "nguyen van an ubnd tinh bac ninh so tai chinh, ke hoach";
  auto keys = store::certificate_name_keys(r);
  std::set<std::string> got(keys.begin(), keys.end());
  EXPECT_EQ(got, (std::set<std::string>{"nguyen van an ubnd tinh bac ninh so tai ", "van an ubnd tinh bac ninh so tai chinh, ",
                                        "an ubnd tinh bac ninh so tai chinh, ke h", "ubnd tinh bac ninh so tai chinh, ke hoac",
                                        "so tai chinh, ke hoach"}));
  for (const auto& k : keys) EXPECT_LE(k.size(), 40u);
}

}  // namespace
}  // namespace ct::server
