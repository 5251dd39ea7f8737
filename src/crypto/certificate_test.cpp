#include "crypto/certificate.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include <chrono>

#include "crypto/certificate_testing.h"
#include "crypto/pem.h"

namespace ct::crypto {
namespace {

using namespace std::chrono;

TimePoint at(int y, unsigned mo, unsigned d) { return TimePoint{sys_days{year{y} / month{mo} / day{d}}}; }

class CertificateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { h_ = testing::make_hierarchy(at(2026, 1, 1), at(2028, 1, 1)); }
  static void TearDownTestSuite() { h_.reset(); }
  static std::unique_ptr<testing::Hierarchy> h_;
};
std::unique_ptr<testing::Hierarchy> CertificateTest::h_;

TEST_F(CertificateTest, EveryProfilePassesThePreReleaseCheck) {
  EXPECT_TRUE(check_certificate(h_->root.der, h_->root.spec, h_->root_key.public_key_der()));
  EXPECT_TRUE(check_certificate(h_->sub.der, h_->sub.spec, h_->root_key.public_key_der()));
  for (const auto* leaf : {&h_->person, &h_->tls, &h_->ocsp}) {
    const auto st = check_certificate(leaf->der, leaf->spec, h_->sub_key.public_key_der());
    EXPECT_TRUE(st) << st.error().message_en;
  }
}

void expect_matches_spec(const CertificateInfo& info, const CertificateSpec& spec) {
  EXPECT_EQ(info.serial, spec.serial);
  EXPECT_EQ(info.serial_hex, to_hex(spec.serial));
  EXPECT_EQ(info.subject, spec.subject);
  EXPECT_EQ(info.subject_text, format_dn(spec.subject));
  EXPECT_EQ(info.not_before, spec.not_before);
  EXPECT_EQ(info.not_after, spec.not_after);
  EXPECT_EQ(info.subject_public_key_der, spec.subject_public_key_der);
  EXPECT_EQ(info.subject_key_id, *key_identifier(spec.subject_public_key_der));
  EXPECT_EQ(info.is_ca, spec.is_ca);
  EXPECT_EQ(info.path_length, spec.path_length);
  EXPECT_EQ(info.key_usage, spec.key_usage);
  EXPECT_EQ(info.extended_key_usage, spec.extended_key_usage);
  EXPECT_EQ(info.policy_oids, spec.policy_oids);
  EXPECT_EQ(info.san_emails, spec.san_emails);
  EXPECT_EQ(info.san_dns, spec.san_dns);
  EXPECT_EQ(info.ocsp_urls, spec.ocsp_urls);
  EXPECT_EQ(info.ca_issuer_urls, spec.ca_issuer_urls);
  EXPECT_EQ(info.crl_urls, spec.crl_urls);
  EXPECT_EQ(info.sha256_fingerprint.size(), 64U);
}

TEST_F(CertificateTest, InspectRoundTripsEveryField) {
  const auto root = inspect_certificate(h_->root.der);
  ASSERT_TRUE(root) << root.error().message_en;
  expect_matches_spec(*root, h_->root.spec);
  EXPECT_EQ(root->issuer, root->subject);
  EXPECT_EQ(root->authority_key_id, root->subject_key_id);
  EXPECT_EQ(root->key_algorithm, "EC-P384");
  EXPECT_EQ(root->signature_algorithm, "ecdsa-with-SHA384");
  EXPECT_EQ(root->issuer_name_der, root->subject_name_der);

  const auto sub = inspect_certificate(h_->sub.der);
  ASSERT_TRUE(sub);
  expect_matches_spec(*sub, h_->sub.spec);
  EXPECT_EQ(sub->issuer, root->subject);
  EXPECT_EQ(sub->issuer_name_der, root->subject_name_der);
  EXPECT_EQ(sub->authority_key_id, root->subject_key_id);
  EXPECT_EQ(sub->key_algorithm, "RSA-2048");

  // PEM input, as users paste it.
  const std::string pem = to_pem(h_->person.der, "CERTIFICATE");
  const auto person = inspect_certificate(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()));
  ASSERT_TRUE(person) << person.error().message_en;
  expect_matches_spec(*person, h_->person.spec);
  EXPECT_EQ(person->issuer_text, sub->subject_text);
  EXPECT_EQ(person->authority_key_id, sub->subject_key_id);
  EXPECT_EQ(person->signature_algorithm, "sha256WithRSAEncryption");
  EXPECT_EQ(dn_value(person->subject, "OU"), "Sở Giáo dục và Đào tạo");

  const auto tls = inspect_certificate(h_->tls.der);
  ASSERT_TRUE(tls);
  expect_matches_spec(*tls, h_->tls.spec);
  EXPECT_EQ(tls->key_algorithm, "EC-P256");
  const auto ocsp = inspect_certificate(h_->ocsp.der);
  ASSERT_TRUE(ocsp);
  expect_matches_spec(*ocsp, h_->ocsp.spec);
}

TEST_F(CertificateTest, IsIssuedByFollowsNameAndSignature) {
  EXPECT_TRUE(is_issued_by(h_->root.der, h_->root.der));
  EXPECT_TRUE(is_issued_by(h_->sub.der, h_->root.der));
  EXPECT_TRUE(is_issued_by(h_->person.der, h_->sub.der));
  EXPECT_FALSE(is_issued_by(h_->person.der, h_->root.der));
  EXPECT_FALSE(is_issued_by(h_->sub.der, h_->sub.der));
  EXPECT_FALSE(is_issued_by(Bytes{0x30, 0x00}, h_->root.der));
}

X509* parse(const Bytes& der) {
  const unsigned char* p = der.data();
  return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
TEST_F(CertificateTest, ValidityEncodingSwitchesIn2050) {
  auto spec = h_->person.spec;
  spec.not_before = at(2049, 12, 31) + hours(23) + minutes(59) + seconds(59);
  spec.not_after = at(2050, 1, 1);
  const auto der = sign_certificate(spec, h_->sub_key);
  ASSERT_TRUE(der) << der.error().message_en;
  EXPECT_TRUE(check_certificate(*der, spec, h_->sub_key.public_key_der()));
  X509* x = parse(*der);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(ASN1_STRING_type(X509_get0_notBefore(x)), V_ASN1_UTCTIME);
  EXPECT_EQ(ASN1_STRING_type(X509_get0_notAfter(x)), V_ASN1_GENERALIZEDTIME);
  X509_free(x);
  const auto info = inspect_certificate(*der);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->not_before, spec.not_before);
  EXPECT_EQ(info->not_after, spec.not_after);
}

TEST_F(CertificateTest, SerialIsAPositiveIntegerOfAtMost20Octets) {
  auto spec = h_->tls.spec;
  spec.serial = Bytes{0x80, 0x01};
  const auto der = sign_certificate(spec, h_->sub_key);
  ASSERT_TRUE(der);
  X509* x = parse(*der);
  ASSERT_NE(x, nullptr);
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
  EXPECT_EQ(ASN1_STRING_type(serial), V_ASN1_INTEGER);
  unsigned char* enc = nullptr;
  const int len = i2d_ASN1_INTEGER(serial, &enc);
  EXPECT_EQ(Bytes(enc, enc + len), (Bytes{0x02, 0x03, 0x00, 0x80, 0x01}));
  OPENSSL_free(enc);
  X509_free(x);
  EXPECT_EQ(inspect_certificate(*der)->serial_hex, "8001");

  for (const Bytes& bad : {Bytes{}, Bytes{0x00}, Bytes{0x00, 0x00}, Bytes(21, 0x01), Bytes(20, 0xFF)}) {
    spec.serial = bad;
    const auto refused = sign_certificate(spec, h_->sub_key);
    ASSERT_FALSE(refused) << bad.size();
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  }
  spec.serial = Bytes(20, 0x7F);
  EXPECT_TRUE(sign_certificate(spec, h_->sub_key));
}

TEST_F(CertificateTest, RefusesABadSpec) {
  auto spec = h_->person.spec;
  spec.key_usage = {"signEverything"};
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.extended_key_usage = {"notAnOid"};
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.san_emails = {"a@b.vn,DNS:evil.example"};
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.not_after = spec.not_before;
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.subject_public_key_der = {0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.subject = {};
  spec.san_emails = {};
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.key_usage.push_back("keyCertSign");  // RFC 5280 §4.2.1.9: only with cA
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->sub.spec;
  spec.key_usage = {"cRLSign"};
  EXPECT_FALSE(sign_certificate(spec, h_->root_key));
  spec = h_->person.spec;
  spec.path_length = 0;
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.not_after = at(10000, 1, 1);
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  spec.subject[4].value = std::string(65, 'a');  // ub-common-name
  EXPECT_FALSE(sign_certificate(spec, h_->sub_key));
  spec = h_->person.spec;
  const auto wrong_key = sign_certificate(spec, h_->root_key);  // root key is not the issuing CA's
  ASSERT_FALSE(wrong_key);
  EXPECT_NE(wrong_key.error().message_en.find("does not match"), std::string::npos);
}

TEST_F(CertificateTest, EmptySubjectMakesSubjectAltNameCritical) {
  auto spec = h_->tls.spec;
  spec.subject = {};
  const auto der = sign_certificate(spec, h_->sub_key);
  ASSERT_TRUE(der) << der.error().message_en;
  EXPECT_TRUE(check_certificate(*der, spec, h_->sub_key.public_key_der()));
  X509* x = parse(*der);
  ASSERT_NE(x, nullptr);
  const int idx = X509_get_ext_by_NID(x, NID_subject_alt_name, -1);
  ASSERT_GE(idx, 0);
  EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(x, idx)), 1);
  X509_free(x);
}

void expect_check_fails(const Status& st, const std::string& rule) {
  ASSERT_FALSE(st) << "expected the check to catch " << rule;
  EXPECT_EQ(st.error().code, ErrorCode::internal);
  EXPECT_NE(st.error().message_en.find("[" + rule + "]"), std::string::npos) << st.error().message_en;
  EXPECT_NE(st.error().message_vi.find("[" + rule + "]"), std::string::npos);
}

TEST_F(CertificateTest, CheckCatchesAWrongSerial) {
  auto spec = h_->person.spec;
  spec.serial.back() ^= 0x01;
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "serial");
}

TEST_F(CertificateTest, CheckCatchesAMissingExtension) {
  auto spec = h_->tls.spec;
  spec.crl_urls.clear();
  const auto der = sign_certificate(spec, h_->sub_key);
  ASSERT_TRUE(der);
  expect_check_fails(check_certificate(*der, h_->tls.spec, h_->sub_key.public_key_der()), "cRLDistributionPoints");
  spec = h_->ocsp.spec;
  spec.ocsp_no_check = false;
  const auto no_nocheck = sign_certificate(spec, h_->sub_key);
  ASSERT_TRUE(no_nocheck);
  expect_check_fails(check_certificate(*no_nocheck, h_->ocsp.spec, h_->sub_key.public_key_der()), "ocspNoCheck");
}

TEST_F(CertificateTest, CheckCatchesAKeyUsageMismatch) {
  auto spec = h_->person.spec;
  spec.key_usage = {"digitalSignature"};
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "keyUsage");
  spec = h_->person.spec;
  spec.extended_key_usage = {"clientAuth"};
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "extendedKeyUsage");
}

TEST_F(CertificateTest, CheckCatchesASignatureByAnotherKey) {
  // An impostor CA with the issuing CA's name but its own key signs the certificate.
  const auto impostor_key = testing::key(KeyType::rsa2048);
  auto impostor_spec = h_->sub.spec;
  impostor_spec.subject_public_key_der = impostor_key.public_key_der();
  const auto impostor = sign_certificate(impostor_spec, h_->root_key);
  ASSERT_TRUE(impostor);
  auto spec = h_->person.spec;
  spec.issuer_certificate_der = *impostor;
  const auto forged = sign_certificate(spec, impostor_key);
  ASSERT_TRUE(forged) << forged.error().message_en;
  expect_check_fails(check_certificate(*forged, h_->person.spec, h_->sub_key.public_key_der()), "signature");
  EXPECT_FALSE(is_issued_by(*forged, h_->sub.der));
}

TEST_F(CertificateTest, CheckCatchesOtherDifferences) {
  auto spec = h_->person.spec;
  spec.subject[4].value = "Nguyễn Văn Anh";
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "subject");
  spec = h_->person.spec;
  spec.not_after += seconds(1);
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "validity");
  spec = h_->person.spec;
  spec.policy_oids = {"2.16.704.1.1.1.1.2"};
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "certificatePolicies");
  spec = h_->person.spec;
  spec.san_emails = {"other@bacninh.gov.vn"};
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "subjectAltName");
  spec = h_->person.spec;
  spec.issuer_certificate_der = h_->root.der;
  expect_check_fails(check_certificate(h_->person.der, spec, h_->sub_key.public_key_der()), "issuer");
  spec = h_->sub.spec;
  spec.path_length = 1;
  expect_check_fails(check_certificate(h_->sub.der, spec, h_->root_key.public_key_der()), "basicConstraints");
  Bytes trailing = h_->person.der;
  trailing.push_back(0);
  expect_check_fails(check_certificate(trailing, h_->person.spec, h_->sub_key.public_key_der()), "DER");
}

TEST_F(CertificateTest, InspectRefusesGarbageWithoutCrashing) {
  EXPECT_FALSE(inspect_certificate(Bytes{}));
  EXPECT_FALSE(inspect_certificate(Bytes{'h', 'i'}));
  const Bytes& der = h_->tls.der;
  for (std::size_t n = 0; n < der.size(); n += 7) {
    EXPECT_FALSE(inspect_certificate(std::span<const std::uint8_t>(der.data(), n))) << n;
  }
  for (std::size_t i = 0; i < der.size(); i += 5) {
    Bytes mutated = der;
    mutated[i] ^= 0xA5;
    (void)inspect_certificate(mutated);
    (void)is_issued_by(mutated, h_->sub.der);
  }
}

}  // namespace
}  // namespace ct::crypto
