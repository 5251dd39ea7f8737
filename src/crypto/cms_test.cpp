// Detached CMS signatures made by cms_sign_detached, checked by verifiers we did not write:
// OpenSSL's CMS_verify (which re-encodes the signed attributes in DER order before checking the
// signature, so a success also shows they were sorted) and `openssl cms -verify`.

#include "crypto/cms.h"

#include <gtest/gtest.h>
#include <openssl/cms.h>

#include <chrono>
#include <string>
#include <string_view>

#include "crypto/certificate_testing.h"
#include "crypto/cli_test_support.h"
#include "crypto/ossl_error.h"
#include "crypto/pem.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

using namespace std::chrono;
using namespace clitest;

using Cms = ossl::Ptr<CMS_ContentInfo, CMS_ContentInfo_free>;
inline void free_certs(STACK_OF(X509) * s) {
  sk_X509_pop_free(s, X509_free);
}
using CertStack = ossl::Ptr<STACK_OF(X509), free_certs>;

TimePoint now() {
  return floor<seconds>(system_clock::now());
}

Bytes bytes_of(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

const Bytes kContent =
    bytes_of("Content-Type: text/plain; charset=UTF-8\r\n\r\nChứng thư số của ông Nguyễn Văn An sắp hết hạn.\r\n");

struct Signer {
  std::string name;
  const PrivateKey* key;
  Bytes certificate;
  int digest_nid;
  int signature_nid;
};

class CmsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    h_ = testing::make_hierarchy(now() - hours{1}, now() + days{30});
    ec256_ = std::make_unique<PrivateKey>(testing::key(KeyType::ec_p256));
    ec384_ = std::make_unique<PrivateKey>(testing::key(KeyType::ec_p384));
    DeterministicRng rng(7);
    ec256_cert_ =
        testing::issue(testing::person_spec(h_->sub, *ec256_, now() - hours{1}, now() + days{30}, rng), h_->sub_key)
            .der;
    ec384_cert_ =
        testing::issue(testing::person_spec(h_->sub, *ec384_, now() - hours{1}, now() + days{30}, rng), h_->sub_key)
            .der;
  }
  static void TearDownTestSuite() {
    ec384_.reset();
    ec256_.reset();
    h_.reset();
  }

  static std::vector<Signer> signers() {
    return {
        {"rsa2048", &h_->person_key, h_->person.der, NID_sha256, NID_rsaEncryption},
        {"ec-p256", ec256_.get(), ec256_cert_, NID_sha256, NID_ecdsa_with_SHA256},
        {"ec-p384", ec384_.get(), ec384_cert_, NID_sha384, NID_ecdsa_with_SHA384},
    };
  }

  static Bytes sign(const Signer& s, std::span<const std::uint8_t> content, TimePoint at = now()) {
    auto der = cms_sign_detached(content, *s.key, s.certificate, {h_->sub.der}, at);
    EXPECT_TRUE(der) << s.name << ": " << der.error().describe();
    return der ? *der : Bytes{};
  }

  static Cms parse(const Bytes& der) {
    const unsigned char* p = der.data();
    Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
    EXPECT_EQ(p, der.data() + der.size());
    return cms;
  }

  // CMS_verify of detached content, trusting the root only; the issuing CA comes from the
  // signature's certificates. OpenSSL's reasons for a failure go to `why`.
  static bool openssl_verifies(const Bytes& cms_der, std::span<const std::uint8_t> content,
                               std::string* why = nullptr) {
    const Cms cms = parse(cms_der);
    const ossl::X509Ptr root = parse_certificate_der(h_->root.der);
    const ossl::X509Store store(X509_STORE_new());
    static constexpr std::uint8_t kNothing = 0;  // BIO_new_mem_buf refuses a null pointer
    const ossl::Bio data(
        BIO_new_mem_buf(content.empty() ? &kNothing : content.data(), static_cast<int>(content.size())));
    const bool ok = cms && root && store && data && X509_STORE_add_cert(store.get(), root.get()) == 1 &&
                    CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, CMS_DETACHED | CMS_BINARY) == 1;
    std::string errors = drain_openssl_errors();
    if (why != nullptr) *why = std::move(errors);
    return ok;
  }

  static inline std::unique_ptr<testing::Hierarchy> h_;
  static inline std::unique_ptr<PrivateKey> ec256_;
  static inline std::unique_ptr<PrivateKey> ec384_;
  static inline Bytes ec256_cert_;
  static inline Bytes ec384_cert_;
};

TEST_F(CmsTest, VerifiesWithOpensslForRsaAndEc) {
  for (const Signer& s : signers()) {
    std::string why;
    EXPECT_TRUE(openssl_verifies(sign(s, kContent), kContent, &why)) << s.name << ": " << why;
    EXPECT_TRUE(openssl_verifies(sign(s, Bytes{}), Bytes{}, &why)) << s.name << " (empty content): " << why;
  }
}

TEST_F(CmsTest, ChangedContentFailsVerification) {
  for (const Signer& s : signers()) {
    const Bytes der = sign(s, kContent);
    for (const std::size_t at : {std::size_t{0}, kContent.size() / 2, kContent.size() - 1}) {
      Bytes changed = kContent;
      changed[at] ^= 0x01;
      EXPECT_FALSE(openssl_verifies(der, changed)) << s.name << " byte " << at;
    }
    Bytes longer = kContent;
    longer.push_back('\n');
    EXPECT_FALSE(openssl_verifies(der, longer)) << s.name;
  }
}

TEST_F(CmsTest, StructureIsTheRfc8551Profile) {
  const TimePoint at = now() - minutes{5};
  for (const Signer& s : signers()) {
    const Bytes der = sign(s, kContent, at);
    const Cms cms = parse(der);
    ASSERT_TRUE(cms) << s.name;
    // DER: OpenSSL re-encodes SET OF components sorted, so a re-encoding gives the same bytes.
    unsigned char* out = nullptr;
    const int len = i2d_CMS_ContentInfo(cms.get(), &out);
    const ossl::OsslBytes owner(out);
    ASSERT_GT(len, 0);
    EXPECT_EQ(Bytes(out, out + len), der) << s.name;

    EXPECT_EQ(OBJ_obj2nid(CMS_get0_type(cms.get())), NID_pkcs7_signed);
    EXPECT_EQ(OBJ_obj2nid(CMS_get0_eContentType(cms.get())), NID_pkcs7_data);
    ASSERT_NE(CMS_get0_content(cms.get()), nullptr);
    EXPECT_EQ(*CMS_get0_content(cms.get()), nullptr) << "detached: no eContent";

    const CertStack certs(CMS_get1_certs(cms.get()));
    ASSERT_TRUE(certs);
    ASSERT_EQ(sk_X509_num(certs.get()), 2);

    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    ASSERT_EQ(sk_CMS_SignerInfo_num(infos), 1);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    const ossl::X509Ptr cert = parse_certificate_der(s.certificate);
    EXPECT_EQ(CMS_SignerInfo_cert_cmp(si, cert.get()), 0) << s.name << ": issuerAndSerialNumber";
    X509_ALGOR* digest_alg = nullptr;
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &signature_alg);
    const ASN1_OBJECT* oid = nullptr;
    X509_ALGOR_get0(&oid, nullptr, nullptr, digest_alg);
    EXPECT_EQ(OBJ_obj2nid(oid), s.digest_nid) << s.name;
    X509_ALGOR_get0(&oid, nullptr, nullptr, signature_alg);
    EXPECT_EQ(OBJ_obj2nid(oid), s.signature_nid) << s.name;

    EXPECT_EQ(CMS_signed_get_attr_count(si), 3);
    const auto* signing_time = static_cast<const ASN1_TIME*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_signingTime), -3, V_ASN1_UTCTIME));
    ASSERT_NE(signing_time, nullptr) << s.name;
    EXPECT_EQ(time_from_asn1(signing_time), at);
    const auto* md = static_cast<const ASN1_OCTET_STRING*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    ASSERT_NE(md, nullptr) << s.name;
    const Bytes expected = digest(s.key->signature_hash(), kContent);
    EXPECT_EQ(Bytes(ASN1_STRING_get0_data(md), ASN1_STRING_get0_data(md) + ASN1_STRING_length(md)), expected);
  }
}

TEST_F(CmsTest, OpensslCommandLineVerifies) {
  const TempDir dir;
  const Signer s = signers().front();
  const std::string root = dir / "root.pem";
  const std::string content = dir / "content.txt";
  const std::string changed = dir / "changed.txt";
  const std::string signature = dir / "smime.p7s";
  const std::string pem = to_pem(h_->root.der, "CERTIFICATE");
  write_file(root, bytes_of(pem));
  write_file(content, kContent);
  Bytes other = kContent;
  other[10] ^= 0x20;
  write_file(changed, other);
  write_file(signature, sign(s, kContent));

  const std::string verify =
      "openssl cms -verify -binary -inform DER -in " + signature + " -CAfile " + root + " -out /dev/null -content ";
  const auto ok = run(verify + content);
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_NE(ok.output.find("Verification successful"), std::string::npos) << ok.output;
  const auto bad = run(verify + changed);
  EXPECT_NE(bad.status, 0) << bad.output;
}

TEST_F(CmsTest, RefusesACertificateOfAnotherKey) {
  auto r = cms_sign_detached(kContent, h_->person_key, h_->tls.der, {}, now());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(r.error().context, "signer_certificate");

  r = cms_sign_detached(kContent, h_->person_key, bytes_of("not a certificate"), {}, now());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
}

TEST(SmimeMicalg, NamesOfRfc8551) {
  EXPECT_STREQ(smime_micalg(HashAlg::sha256), "sha-256");
  EXPECT_STREQ(smime_micalg(HashAlg::sha384), "sha-384");
  EXPECT_STREQ(smime_micalg(HashAlg::sha512), "sha-512");
}

}  // namespace
}  // namespace ct::crypto
