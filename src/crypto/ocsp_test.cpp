// OCSP requests made by `openssl ocsp` parsed here; responses built here checked by
// `openssl ocsp -respin` (signature, delegated signer, status, nonce) and by OpenSSL's API.

#include "crypto/ocsp.h"

#include <gtest/gtest.h>
#include <openssl/ocsp.h>

#include <chrono>
#include <random>
#include <string>

#include "crypto/cli_test_support.h"

namespace ct::crypto {
namespace {

using namespace std::chrono;
using namespace clitest;

TimePoint now() { return floor<seconds>(system_clock::now()); }

const Bytes kGoodSerial{0x12, 0x34, 0xAB};
const Bytes kRevokedSerial{0x12, 0x34, 0xAC};
const Bytes kUnknownSerial{0x7F, 0xEE, 0x01};

class OcspTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    ca_ = std::make_unique<TestCa>(make_ca(*dir_, "ca", kRsa2048));
    const std::string ext = *dir_ / "ocsp_ext.cnf";
    // RFC 6960 §4.2.2.2: id-kp-OCSPSigning; §4.2.2.2.1: id-pkix-ocsp-nocheck.
    const std::string cnf =
        "[ext]\nextendedKeyUsage=OCSPSigning\nkeyUsage=critical,digitalSignature\n"
        "1.3.6.1.5.5.7.48.1.5=ASN1:NULL\n";
    write_file(ext, std::span(reinterpret_cast<const std::uint8_t*>(cnf.data()), cnf.size()));
    const std::string signer_pem = make_leaf(*dir_, *ca_, "77", ext);
    signer_der_ = std::make_unique<Bytes>(pem_to_der(*dir_, signer_pem, "signer"));
    signer_key_ = std::make_unique<PrivateKey>(load_key(signer_pem.substr(0, signer_pem.size() - 4) + ".key"));
    leaf_pem_ = std::make_unique<std::string>(make_leaf(*dir_, *ca_, "1234AB"));
  }
  static void TearDownTestSuite() {
    signer_key_.reset();
    signer_der_.reset();
    leaf_pem_.reset();
    ca_.reset();
    dir_.reset();
  }

  static OcspSigner signer() { return OcspSigner{*signer_der_, signer_key_.get()}; }

  static OcspSingle single(const Bytes& serial, OcspCertStatus status, HashAlg hash = HashAlg::sha1) {
    auto id = make_cert_id(ca_->der, serial, hash);
    EXPECT_TRUE(id) << id.error().describe();
    OcspSingle s;
    s.id = *id;
    s.status = status;
    s.this_update = now() - minutes{1};
    s.next_update = now() + days{1};
    return s;
  }

  static std::string write(const std::string& name, const Bytes& der) {
    std::string path = *dir_ / name;
    write_file(path, der);
    return path;
  }

  // `openssl ocsp -respin` with the CA as trust anchor, asking for the given serials.
  static CmdResult check_with_cli(const std::string& resp, const std::string& serials) {
    return run("openssl ocsp -respin " + resp + " -issuer " + ca_->pem + " -CAfile " + ca_->pem + " -no_nonce " +
               serials + " -resp_text");
  }

  static Bytes request_from_cli(const std::string& name, const std::string& options) {
    const std::string path = *dir_ / name;
    const auto r = run("openssl ocsp -issuer " + ca_->pem + " -reqout " + path + " " + options);
    EXPECT_EQ(r.status, 0) << r.output;
    return read_file(path);
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<TestCa> ca_;
  static inline std::unique_ptr<Bytes> signer_der_;
  static inline std::unique_ptr<PrivateKey> signer_key_;
  static inline std::unique_ptr<std::string> leaf_pem_;
};

TEST_F(OcspTest, RequestCertIdMatchesMakeCertId) {
  struct Case {
    std::string options;
    HashAlg hash;
    bool nonce;
  };
  const Case cases[] = {
      {"-cert " + *leaf_pem_, HashAlg::sha1, true},
      {"-cert " + *leaf_pem_ + " -no_nonce", HashAlg::sha1, false},
      {"-sha256 -serial 0x1234AB", HashAlg::sha256, true},
      {"-sha384 -serial 0x1234AB -no_nonce", HashAlg::sha384, false},
      {"-sha512 -cert " + *leaf_pem_, HashAlg::sha512, true},
  };
  int i = 0;
  for (const auto& c : cases) {
    const Bytes req = request_from_cli("req" + std::to_string(i++) + ".der", c.options);
    const auto info = parse_ocsp_request(req);
    ASSERT_TRUE(info) << c.options << ": " << info.error().describe();
    ASSERT_EQ(info->ids.size(), 1U);
    const auto expected = make_cert_id(ca_->der, kGoodSerial, c.hash);
    ASSERT_TRUE(expected);
    EXPECT_EQ(info->ids[0].hash, c.hash) << c.options;
    EXPECT_EQ(info->ids[0].issuer_name_hash, expected->issuer_name_hash) << c.options;
    EXPECT_EQ(info->ids[0].issuer_key_hash, expected->issuer_key_hash) << c.options;
    EXPECT_EQ(info->ids[0].serial, expected->serial) << c.options;
    EXPECT_EQ(info->nonce.has_value(), c.nonce) << c.options;
    if (c.nonce) {
      EXPECT_EQ(info->nonce->size(), 16U);
    }
  }
  // Several CertIDs in one request keep their order.
  const auto multi = parse_ocsp_request(request_from_cli("multi.der", "-serial 0x01 -serial 0x1234AB -serial 0x7FEE01"));
  ASSERT_TRUE(multi);
  ASSERT_EQ(multi->ids.size(), 3U);
  EXPECT_EQ(multi->ids[0].serial, Bytes{0x01});
  EXPECT_EQ(multi->ids[2].serial, kUnknownSerial);
}

TEST_F(OcspTest, GoodRevokedAndUnknownVerifyWithOpenssl) {
  OcspSingle revoked = single(kRevokedSerial, OcspCertStatus::revoked);
  revoked.revoked_at = now() - hours{3};
  revoked.reason = CrlReason::key_compromise;
  struct Case {
    OcspSingle s;
    std::string serial;
    std::string expect;
  };
  const Case cases[] = {
      {single(kGoodSerial, OcspCertStatus::good), "0x1234AB", "0x1234AB: good"},
      {revoked, "0x1234AC", "0x1234AC: revoked"},
      {single(kUnknownSerial, OcspCertStatus::unknown), "0x7FEE01", "0x7FEE01: unknown"},
  };
  for (const auto& c : cases) {
    const auto der = build_ocsp_response(std::span(&c.s, 1), signer(), now());
    ASSERT_TRUE(der) << der.error().describe();
    const auto out = check_with_cli(write("resp_" + c.serial + ".der", *der), "-serial " + c.serial);
    EXPECT_EQ(out.status, 0) << out.output;
    EXPECT_NE(out.output.find("Response verify OK"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find(c.expect), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("Responder Id: "), std::string::npos) << out.output;
    if (c.s.status == OcspCertStatus::revoked) {
      EXPECT_NE(out.output.find("Reason: keyCompromise"), std::string::npos) << out.output;
    }
  }
  // All three in one response, with -cert for the good one.
  const OcspSingle all[] = {cases[0].s, cases[1].s, cases[2].s};
  const auto der = build_ocsp_response(all, signer(), now());
  ASSERT_TRUE(der);
  const auto out = check_with_cli(write("resp_all.der", *der),
                                  "-cert " + *leaf_pem_ + " -serial 0x1234AC -serial 0x7FEE01");
  EXPECT_NE(out.output.find("Response verify OK"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find(": good"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("0x1234AC: revoked"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("0x7FEE01: unknown"), std::string::npos) << out.output;
}

TEST_F(OcspTest, ResponseReadsBackThroughOpensslApi) {
  OcspSingle s = single(kRevokedSerial, OcspCertStatus::revoked, HashAlg::sha256);
  s.revoked_at = now() - hours{2};
  s.reason = CrlReason::certificate_hold;
  s.next_update.reset();
  const auto der = build_ocsp_response(std::span(&s, 1), signer(), now(), Bytes{1, 2, 3, 4});
  ASSERT_TRUE(der);
  const unsigned char* p = der->data();
  const ossl::OcspResponse resp(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der->size())));
  ASSERT_TRUE(resp);
  EXPECT_EQ(OCSP_response_status(resp.get()), OCSP_RESPONSE_STATUS_SUCCESSFUL);
  const ossl::OcspBasicResp basic(OCSP_response_get1_basic(resp.get()));
  ASSERT_TRUE(basic);
  EXPECT_EQ(OCSP_resp_count(basic.get()), 1);

  const ASN1_OCTET_STRING* key_id = nullptr;
  const X509_NAME* by_name = nullptr;
  ASSERT_EQ(OCSP_resp_get0_id(basic.get(), &key_id, &by_name), 1);
  ASSERT_NE(key_id, nullptr);
  EXPECT_EQ(by_name, nullptr);
  EXPECT_EQ(ASN1_STRING_length(key_id), 20);

  OCSP_SINGLERESP* one = OCSP_resp_get0(basic.get(), 0);
  int reason = -1;
  ASN1_GENERALIZEDTIME* rev = nullptr;
  ASN1_GENERALIZEDTIME* this_upd = nullptr;
  ASN1_GENERALIZEDTIME* next_upd = nullptr;
  EXPECT_EQ(OCSP_single_get0_status(one, &reason, &rev, &this_upd, &next_upd), V_OCSP_CERTSTATUS_REVOKED);
  EXPECT_EQ(reason, OCSP_REVOKED_STATUS_CERTIFICATEHOLD);
  EXPECT_NE(rev, nullptr);
  EXPECT_EQ(next_upd, nullptr);
  EXPECT_EQ(OCSP_resp_get0_certs(basic.get()) != nullptr ? sk_X509_num(OCSP_resp_get0_certs(basic.get())) : 0, 1);

  const ossl::X509Store store(X509_STORE_new());
  const unsigned char* cp = ca_->der.data();
  const ossl::X509Ptr ca(d2i_X509(nullptr, &cp, static_cast<long>(ca_->der.size())));
  ASSERT_TRUE(ca);
  X509_STORE_add_cert(store.get(), ca.get());
  EXPECT_EQ(OCSP_basic_verify(basic.get(), nullptr, store.get(), 0), 1);
}

TEST_F(OcspTest, NonceEchoIsVerifiedByOpenssl) {
  const std::string req_path = *dir_ / "nonce_req.der";
  const Bytes req = request_from_cli("nonce_req.der", "-cert " + *leaf_pem_);
  const auto info = parse_ocsp_request(req);
  ASSERT_TRUE(info && info->nonce);
  const OcspSingle s = single(kGoodSerial, OcspCertStatus::good);
  const auto echo = build_ocsp_response(std::span(&s, 1), signer(), now(), info->nonce);
  ASSERT_TRUE(echo);
  const auto ok = run("openssl ocsp -reqin " + req_path + " -respin " + write("nonce_resp.der", *echo) +
                      " -CAfile " + ca_->pem);
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_NE(ok.output.find("Response verify OK"), std::string::npos) << ok.output;
  EXPECT_EQ(ok.output.find("WARNING: no nonce"), std::string::npos) << ok.output;
  EXPECT_EQ(ok.output.find("Nonce Verify error"), std::string::npos) << ok.output;

  Bytes other = *info->nonce;
  other[0] ^= 0xFF;
  const auto wrong = build_ocsp_response(std::span(&s, 1), signer(), now(), other);
  ASSERT_TRUE(wrong);
  const auto bad = run("openssl ocsp -reqin " + req_path + " -respin " + write("nonce_bad.der", *wrong) +
                       " -CAfile " + ca_->pem);
  EXPECT_NE(bad.output.find("Nonce Verify error"), std::string::npos) << bad.output;

  const auto none = build_ocsp_response(std::span(&s, 1), signer(), now());
  ASSERT_TRUE(none);
  const auto missing = run("openssl ocsp -reqin " + req_path + " -respin " + write("nonce_none.der", *none) +
                           " -CAfile " + ca_->pem);
  EXPECT_NE(missing.output.find("WARNING: no nonce in response"), std::string::npos) << missing.output;
}

Bytes request_with(int ids, const std::optional<Bytes>& nonce, const EVP_MD* md = EVP_sha1()) {
  const ossl::OcspRequest req(OCSP_REQUEST_new());
  const ossl::X509Name name(X509_NAME_new());
  X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("x"), -1, -1, 0);
  const ossl::Asn1Integer serial(ASN1_INTEGER_new());
  ASN1_INTEGER_set(serial.get(), 5);
  ossl::Asn1OctetString key(ASN1_OCTET_STRING_new());
  const unsigned char k[3] = {1, 2, 3};
  ASN1_OCTET_STRING_set(key.get(), k, 3);
  for (int i = 0; i < ids; ++i) {
    OCSP_CERTID* id = OCSP_cert_id_new(md, name.get(), key.get(), serial.get());
    OCSP_request_add0_id(req.get(), id);
  }
  if (nonce) OCSP_request_add1_nonce(req.get(), const_cast<unsigned char*>(nonce->data()), static_cast<int>(nonce->size()));
  unsigned char* der = nullptr;
  const int len = i2d_OCSP_REQUEST(req.get(), &der);
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

TEST_F(OcspTest, MalformedRequestsAreInvalidInput) {
  const Bytes valid = request_from_cli("valid.der", "-cert " + *leaf_pem_);
  ASSERT_TRUE(parse_ocsp_request(valid));
  ASSERT_TRUE(parse_ocsp_request(request_with(32, Bytes(128, 0xAA))));
  ASSERT_TRUE(parse_ocsp_request(request_with(1, Bytes(1, 0xAA))));

  Bytes trailing = valid;
  trailing.push_back(0x00);
  Bytes huge{0x30, 0x83, 0x01, 0x00, 0x04};
  huge.resize(0x10004, 0x00);
  Bytes garbage(200);
  std::mt19937 rng(1);
  for (auto& x : garbage) x = static_cast<std::uint8_t>(rng());
  struct Case {
    const char* name;
    Bytes der;
  };
  const Case cases[] = {
      {"empty", {}},
      {"garbage", garbage},
      {"truncated", Bytes(valid.begin(), valid.end() - 1)},
      {"header only", Bytes(valid.begin(), valid.begin() + 2)},
      {"trailing bytes", trailing},
      {"too many CertIDs", request_with(33, std::nullopt)},
      {"no CertID", request_with(0, std::nullopt)},
      {"huge", huge},
      {"indefinite length", Bytes{0x30, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00}},
      {"nonce too long", request_with(1, Bytes(129, 0xAA))},
      {"unsupported hash", request_with(1, std::nullopt, EVP_md5())},
      {"sha224 hash", request_with(1, std::nullopt, EVP_sha224())},
      {"empty sequence", Bytes{0x30, 0x00}},
  };
  for (const auto& c : cases) {
    const auto r = parse_ocsp_request(c.der);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << c.name;
    EXPECT_FALSE(r.error().message_vi.empty());
  }
}

TEST_F(OcspTest, MutatedRequestsNeverCrash) {
  const Bytes valid = request_from_cli("fuzz_seed.der", "-cert " + *leaf_pem_);
  std::mt19937 rng(99);
  for (int i = 0; i < 3000; ++i) {
    Bytes b = valid;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
    if (rng() % 5 == 0) b.resize(rng() % b.size());
    (void)parse_ocsp_request(b);
  }
}

// The responder's hot path reads plain requests without OpenSSL: whatever it accepts, the full
// parser reads as the same one CertID without a nonce; anything else is left to the full parser.
TEST_F(OcspTest, PlainCertIdAgreesWithTheFullParser) {
  const auto agrees = [](const Bytes& der) {
    const auto plain = plain_ocsp_cert_id(der);
    if (!plain) return true;
    const auto full = parse_ocsp_request(der);
    return full && full->ids.size() == 1 && !full->nonce && full->ids[0].hash == plain->hash &&
           std::ranges::equal(full->ids[0].issuer_name_hash, plain->issuer_name_hash) &&
           std::ranges::equal(full->ids[0].issuer_key_hash, plain->issuer_key_hash) &&
           std::ranges::equal(full->ids[0].serial, plain->serial);
  };
  struct Case {
    std::string options;
    bool plain;
  };
  const Case cases[] = {
      {"-cert " + *leaf_pem_ + " -no_nonce", true},
      {"-sha256 -serial 0x1234AB -no_nonce", true},
      {"-sha384 -serial 0x00FF -no_nonce", true},  // a serial with its sign octet
      {"-sha512 -serial 0x1234AB -no_nonce", true},
      {"-cert " + *leaf_pem_, false},                                     // a nonce
      {"-serial 0x01 -serial 0x1234AB -no_nonce", false},                 // two CertIDs
  };
  int i = 0;
  for (const auto& c : cases) {
    const Bytes req = request_from_cli("plain" + std::to_string(i++) + ".der", c.options);
    EXPECT_EQ(plain_ocsp_cert_id(req).has_value(), c.plain) << c.options;
    EXPECT_TRUE(agrees(req)) << c.options;
  }
  const Bytes leaf_request = request_from_cli("plain_leaf.der", "-cert " + *leaf_pem_ + " -no_nonce");
  const auto plain = plain_ocsp_cert_id(leaf_request);  // a view into leaf_request
  ASSERT_TRUE(plain);
  EXPECT_TRUE(std::ranges::equal(plain->serial, kGoodSerial));
  // Not plain: another hash, several CertIDs; random edits of a plain request must agree.
  EXPECT_FALSE(plain_ocsp_cert_id(request_with(1, std::nullopt, EVP_md5())));
  EXPECT_TRUE(plain_ocsp_cert_id(request_with(1, std::nullopt)));
  EXPECT_FALSE(plain_ocsp_cert_id(request_with(2, std::nullopt)));
  const Bytes valid = request_with(1, std::nullopt);
  std::mt19937 rng(7);
  int still_plain = 0;
  for (int n = 0; n < 20000; ++n) {
    Bytes b = valid;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
    if (rng() % 7 == 0) b.resize(rng() % b.size());
    ASSERT_TRUE(agrees(b)) << "mutation " << n;
    if (plain_ocsp_cert_id(b)) ++still_plain;
  }
  EXPECT_GT(still_plain, 100);  // the mutations reached the accepting side too
}

TEST_F(OcspTest, ErrorResponses) {
  for (const auto st : {OcspErrorStatus::malformed_request, OcspErrorStatus::internal_error, OcspErrorStatus::try_later,
                        OcspErrorStatus::sig_required, OcspErrorStatus::unauthorized}) {
    const Bytes der = ocsp_error_response(st);
    EXPECT_EQ(der, (Bytes{0x30, 0x03, 0x0A, 0x01, static_cast<std::uint8_t>(st)}));
    const unsigned char* p = der.data();
    const ossl::OcspResponse resp(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
    ASSERT_TRUE(resp);
    EXPECT_EQ(OCSP_response_status(resp.get()), static_cast<int>(st));
  }
}

TEST_F(OcspTest, BuildRefusesBadInput) {
  const OcspSingle good = single(kGoodSerial, OcspCertStatus::good);
  EXPECT_FALSE(build_ocsp_response({}, signer(), now()));
  EXPECT_FALSE(build_ocsp_response(std::span(&good, 1), OcspSigner{*signer_der_, nullptr}, now()));
  EXPECT_FALSE(build_ocsp_response(std::span(&good, 1), OcspSigner{ca_->der, signer_key_.get()}, now()));
  EXPECT_FALSE(build_ocsp_response(std::span(&good, 1), OcspSigner{Bytes{0x30, 0x00}, signer_key_.get()}, now()));
  EXPECT_FALSE(build_ocsp_response(std::span(&good, 1), signer(), now(), Bytes{}));
  EXPECT_FALSE(build_ocsp_response(std::span(&good, 1), signer(), now(), Bytes(129, 1)));
  OcspSingle bad = good;
  bad.id.issuer_name_hash.pop_back();
  EXPECT_FALSE(build_ocsp_response(std::span(&bad, 1), signer(), now()));
  bad = good;
  bad.reason = CrlReason::superseded;  // only with revoked
  EXPECT_FALSE(build_ocsp_response(std::span(&bad, 1), signer(), now()));
  bad = good;
  bad.next_update = bad.this_update;
  EXPECT_FALSE(build_ocsp_response(std::span(&bad, 1), signer(), now()));
  EXPECT_FALSE(make_cert_id(ca_->der, Bytes{0x00}));
  EXPECT_FALSE(make_cert_id(ca_->der, Bytes(21, 0x01)));
  EXPECT_FALSE(make_cert_id(Bytes{0x30, 0x00}, kGoodSerial));
}

TEST_F(OcspTest, CaCanSignItsOwnResponses) {
  const OcspSingle good = single(kGoodSerial, OcspCertStatus::good, HashAlg::sha256);
  const auto der = build_ocsp_response(std::span(&good, 1), OcspSigner{ca_->der, &*ca_->key}, now());
  ASSERT_TRUE(der) << der.error().describe();
  const auto out = run("openssl ocsp -respin " + write("resp_ca.der", *der) + " -issuer " + ca_->pem + " -CAfile " +
                       ca_->pem + " -no_nonce -sha256 -serial 0x1234AB");
  EXPECT_NE(out.output.find("Response verify OK"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("0x1234AB: good"), std::string::npos) << out.output;
}

}  // namespace
}  // namespace ct::crypto
