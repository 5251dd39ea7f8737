// CRLs written by CrlWriter, checked by check_crl_file and by the openssl CLI (an independent
// verifier, SPEC §6): `openssl crl -verify`, and `openssl verify -crl_check` on leaf
// certificates issued under the same CA.

#include "crypto/crl.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "crypto/cli_test_support.h"

namespace ct::crypto {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

using namespace clitest;

TimePoint now() { return floor<seconds>(system_clock::now()); }

CrlParams params_for(const TestCa& ca, Bytes number) {
  CrlParams p;
  p.issuer_certificate_der = ca.der;
  p.this_update = now() - hours{1};
  p.next_update = now() + days{7};
  p.crl_number = std::move(number);
  return p;
}

const Bytes kHoldSerial{0x0A, 0x1B, 0x2C};
const Bytes kCompromisedSerial{0x7E, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                               0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13};
const Bytes kPlainSerial{0x00, 0xC0, 0xFF, 0xEE};  // leading zero: the magnitude is C0FFEE

std::vector<CrlEntry> sample_entries() {
  return {
      CrlEntry{kHoldSerial, now() - hours{2}, CrlReason::certificate_hold, std::nullopt},
      CrlEntry{kCompromisedSerial, now() - hours{3}, CrlReason::key_compromise, now() - days{2}},
      CrlEntry{kPlainSerial, now() - hours{4}, std::nullopt, std::nullopt},
      CrlEntry{Bytes{0x05}, now() - hours{5}, CrlReason::unspecified, std::nullopt},
  };
}

class CrlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    rsa_ = std::make_unique<TestCa>(make_ca(*dir_, "rsa", kRsa2048));
    ec_ = std::make_unique<TestCa>(make_ca(*dir_, "ec", kEcP256));
  }
  static void TearDownTestSuite() {
    rsa_.reset();
    ec_.reset();
    dir_.reset();
  }

  // Writes a CRL with `entries` to `file` and returns the path.
  static std::string write_crl(const TestCa& ca, const std::vector<CrlEntry>& entries, const std::string& file,
                               Bytes number = {0x2A}, std::optional<Bytes> base = std::nullopt) {
    CrlParams p = params_for(ca, std::move(number));
    p.base_crl_number = std::move(base);
    auto w = CrlWriter::begin(p, *dir_ / (file + ".spool"));
    EXPECT_TRUE(w) << w.error().describe();
    for (const auto& e : entries) EXPECT_TRUE((*w)->add(e));
    EXPECT_EQ((*w)->count(), entries.size());
    const std::string out = *dir_ / file;
    const auto ok = (*w)->finish(*ca.key, out);
    EXPECT_TRUE(ok) << ok.error().describe();
    EXPECT_FALSE(fs::exists(out + ".tmp"));
    return out;
  }

  static CmdResult openssl_crl_text(const TestCa& ca, const std::string& crl) {
    return run("openssl crl -inform DER -in " + crl + " -CAfile " + ca.pem + " -verify -noout -text");
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<TestCa> rsa_;
  static inline std::unique_ptr<TestCa> ec_;
};

TEST(CrlReasonNames, RoundTripAndCaseInsensitive) {
  for (const auto r : {CrlReason::unspecified, CrlReason::key_compromise, CrlReason::ca_compromise,
                       CrlReason::affiliation_changed, CrlReason::superseded, CrlReason::cessation_of_operation,
                       CrlReason::certificate_hold, CrlReason::remove_from_crl, CrlReason::privilege_withdrawn,
                       CrlReason::aa_compromise}) {
    EXPECT_EQ(parse_crl_reason(to_string(r)), r) << to_string(r);
  }
  EXPECT_EQ(parse_crl_reason("KEYCOMPROMISE"), CrlReason::key_compromise);
  EXPECT_EQ(parse_crl_reason("certificatehold"), CrlReason::certificate_hold);
  EXPECT_EQ(parse_crl_reason("cACompromise"), CrlReason::ca_compromise);
  for (const char* bad : {"", "compromised", "keyCompromise ", "7"}) {
    const auto r = parse_crl_reason(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
    EXPECT_NE(r.error().message_vi.find("Lý do thu hồi"), std::string::npos);
    EXPECT_NE(r.error().message_en.find("removeFromCRL"), std::string::npos);
  }
}

TEST_F(CrlTest, EmptyCrlOmitsTheRevokedList) {
  for (const TestCa* ca : {rsa_.get(), ec_.get()}) {
    const std::string crl = write_crl(*ca, {}, ca->name + "_empty.crl");
    const auto summary = check_crl_file(crl, ca->der);
    ASSERT_TRUE(summary) << summary.error().describe();
    EXPECT_EQ(summary->entries, 0U);
    EXPECT_EQ(summary->crl_number, Bytes{0x2A});
    EXPECT_FALSE(summary->is_delta);
    const auto text = openssl_crl_text(*ca, crl);
    EXPECT_EQ(text.status, 0) << text.output;
    EXPECT_NE(text.output.find("verify OK"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("No Revoked Certificates."), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("Version 2"), std::string::npos) << text.output;
  }
}

TEST_F(CrlTest, EntriesWithReasonsVerifyWithOpenssl) {
  for (const TestCa* ca : {rsa_.get(), ec_.get()}) {
    const std::string crl = write_crl(*ca, sample_entries(), ca->name + "_entries.crl", {0x01, 0x00});
    const auto summary = check_crl_file(crl, ca->der);
    ASSERT_TRUE(summary) << summary.error().describe();
    EXPECT_EQ(summary->entries, 4U);
    EXPECT_EQ(summary->crl_number, (Bytes{0x01, 0x00}));

    const auto text = openssl_crl_text(*ca, crl);
    EXPECT_EQ(text.status, 0) << text.output;
    const auto& out = text.output;
    EXPECT_NE(out.find("verify OK"), std::string::npos) << out;
    EXPECT_NE(out.find("X509v3 CRL Number: \n                256"), std::string::npos) << out;
    EXPECT_NE(out.find("X509v3 Authority Key Identifier"), std::string::npos) << out;
    const auto hold = out.find("Serial Number: 0A1B2C");
    const auto comp = out.find("Serial Number: 7E0102030405060708090A0B0C0D0E0F10111213");
    const auto plain = out.find("Serial Number: C0FFEE");
    const auto five = out.find("Serial Number: 05");
    ASSERT_NE(hold, std::string::npos) << out;
    ASSERT_NE(comp, std::string::npos) << out;
    ASSERT_NE(plain, std::string::npos) << out;
    ASSERT_NE(five, std::string::npos) << out;
    EXPECT_NE(out.substr(hold, comp - hold).find("Certificate Hold"), std::string::npos) << out;
    const std::string comp_part = out.substr(comp, plain - comp);
    EXPECT_NE(comp_part.find("Key Compromise"), std::string::npos) << out;
    EXPECT_NE(comp_part.find("Invalidity Date"), std::string::npos) << out;
    EXPECT_EQ(out.substr(plain).find("CRL Reason Code"), std::string::npos) << out;  // none, and unspecified omitted
  }
}

TEST_F(CrlTest, OpensslVerifyRejectsRevokedLeafAndAcceptsOthers) {
  for (const TestCa* ca : {rsa_.get(), ec_.get()}) {
    const std::string crl = write_crl(*ca, sample_entries(), ca->name + "_verify.crl");
    const std::string crl_pem = crl + ".pem";
    ASSERT_EQ(run("openssl crl -inform DER -in " + crl + " -out " + crl_pem).status, 0);
    const std::string revoked = make_leaf(*dir_, *ca, "0A1B2C");
    const std::string fine = make_leaf(*dir_, *ca, "0A1B2D");
    const std::string verify = "openssl verify -crl_check -CAfile " + ca->pem + " -CRLfile " + crl_pem + " ";
    const auto bad = run(verify + revoked);
    EXPECT_NE(bad.status, 0) << bad.output;
    EXPECT_NE(bad.output.find("certificate revoked"), std::string::npos) << bad.output;
    const auto good = run(verify + fine);
    EXPECT_EQ(good.status, 0) << good.output;
    EXPECT_NE(good.output.find(": OK"), std::string::npos) << good.output;
  }
}

TEST_F(CrlTest, DeltaCrlIndicatorIsCritical) {
  Bytes base{0x29};
  const std::string crl = write_crl(*rsa_, sample_entries(), "delta.crl", {0x2A}, base);
  const auto summary = check_crl_file(crl, rsa_->der);
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_TRUE(summary->is_delta);
  const auto text = openssl_crl_text(*rsa_, crl);
  EXPECT_NE(text.output.find("verify OK"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("X509v3 Delta CRL Indicator: critical\n                41"), std::string::npos)
      << text.output;
}

TEST_F(CrlTest, TimesFrom2050AreGeneralized) {
  CrlParams p = params_for(*ec_, {0x07});
  p.next_update = TimePoint{sys_days{year{2051} / 3 / 4}} + hours{5};
  auto w = CrlWriter::begin(p, *dir_ / "gen.spool");
  ASSERT_TRUE(w);
  ASSERT_TRUE((*w)->add(CrlEntry{Bytes{0x11}, TimePoint{sys_days{year{2050} / 1 / 1}}, std::nullopt, std::nullopt}));
  const auto der = (*w)->finish(*ec_->key);
  ASSERT_TRUE(der) << der.error().describe();
  const std::string gen_date = "20510304050000Z";
  EXPECT_NE(std::search(der->begin(), der->end(), gen_date.begin(), gen_date.end()), der->end());
  write_file(*dir_ / "gen.crl", *der);
  EXPECT_TRUE(check_crl_file(*dir_ / "gen.crl", ec_->der));
  const auto text = openssl_crl_text(*ec_, *dir_ / "gen.crl");
  EXPECT_NE(text.output.find("Next Update: Mar  4 05:00:00 2051 GMT"), std::string::npos) << text.output;
}

TEST_F(CrlTest, InMemoryFinishEqualsFileFinish) {
  CrlParams p = params_for(*rsa_, {0x03});
  auto w = CrlWriter::begin(p, *dir_ / "mem.spool");
  ASSERT_TRUE(w);
  for (const auto& e : sample_entries()) ASSERT_TRUE((*w)->add(e));
  const auto der = (*w)->finish(*rsa_->key);
  ASSERT_TRUE(der);
  ASSERT_TRUE((*w)->finish(*rsa_->key, *dir_ / "mem.crl"));
  EXPECT_EQ(*der, read_file(*dir_ / "mem.crl"));  // PKCS#1 v1.5 signatures are deterministic
  const unsigned char* q = der->data();
  ossl::X509Crl parsed(d2i_X509_CRL(nullptr, &q, static_cast<long>(der->size())));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(parsed.get())), 4);
  w->reset();
  EXPECT_FALSE(fs::exists(*dir_ / "mem.spool"));
}

TEST_F(CrlTest, TamperingIsDetected) {
  const std::string crl = write_crl(*rsa_, sample_entries(), "tamper.crl");
  ASSERT_TRUE(check_crl_file(crl, rsa_->der));
  const Bytes good = read_file(crl);

  Bytes flipped = good;
  const auto at = std::search(flipped.begin(), flipped.end(), kCompromisedSerial.begin(), kCompromisedSerial.end());
  ASSERT_NE(at, flipped.end());
  *(at + 10) ^= 0x01;
  write_file(crl, flipped);
  const auto r1 = check_crl_file(crl, rsa_->der);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, ErrorCode::invalid_input);

  write_file(crl, good);
  EXPECT_FALSE(check_crl_file(crl, ec_->der));  // wrong issuer

  Bytes truncated(good.begin(), good.end() - 1);
  write_file(crl, truncated);
  EXPECT_FALSE(check_crl_file(crl, rsa_->der));

  Bytes trailing = good;
  trailing.push_back(0);
  write_file(crl, trailing);
  EXPECT_FALSE(check_crl_file(crl, rsa_->der));

  Bytes last_sig_byte = good;
  last_sig_byte.back() ^= 0x80;
  write_file(crl, last_sig_byte);
  EXPECT_FALSE(check_crl_file(crl, rsa_->der));

  write_file(crl, Bytes{});
  EXPECT_FALSE(check_crl_file(crl, rsa_->der));
  EXPECT_FALSE(check_crl_file(*dir_ / "does-not-exist.crl", rsa_->der));
  EXPECT_FALSE(check_crl_file(crl, Bytes{0x30, 0x00}));
}

TEST_F(CrlTest, EveryTruncationAndByteFlipOfASmallCrlFails) {
  const std::string crl = write_crl(*ec_, sample_entries(), "flip.crl");
  const Bytes good = read_file(crl);
  const std::string probe = *dir_ / "probe.crl";
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes b = good;
    b[i] ^= 0x41;
    write_file(probe, b);
    EXPECT_FALSE(check_crl_file(probe, ec_->der)) << "flip at " << i;
    write_file(probe, std::span(good).first(i));
    EXPECT_FALSE(check_crl_file(probe, ec_->der)) << "truncated at " << i;
  }
}

TEST_F(CrlTest, RefusesBadInput) {
  EXPECT_FALSE(CrlWriter::begin(CrlParams{Bytes{0x30, 0x03, 0x02, 0x01, 0x01}, now(), now() + hours{1}, {1}, {}},
                                *dir_ / "x.spool"));
  CrlParams p = params_for(*rsa_, Bytes(21, 0x01));
  EXPECT_FALSE(CrlWriter::begin(p, *dir_ / "x.spool"));
  p = params_for(*rsa_, {0x01});
  p.next_update = p.this_update;
  EXPECT_FALSE(CrlWriter::begin(p, *dir_ / "x.spool"));
  EXPECT_FALSE(CrlWriter::begin(params_for(*rsa_, {0x01}), dir_->path() / "no-such-dir" / "x.spool"));

  auto w = CrlWriter::begin(params_for(*rsa_, {0x01}), *dir_ / "x.spool");
  ASSERT_TRUE(w);
  EXPECT_FALSE((*w)->add(CrlEntry{Bytes{}, now(), std::nullopt, std::nullopt}));
  EXPECT_FALSE((*w)->add(CrlEntry{Bytes{0x00, 0x00}, now(), std::nullopt, std::nullopt}));
  EXPECT_FALSE((*w)->add(CrlEntry{Bytes(21, 0x7F), now(), std::nullopt, std::nullopt}));
  EXPECT_FALSE((*w)->add(CrlEntry{Bytes{0x01}, now(), static_cast<CrlReason>(7), std::nullopt}));
  EXPECT_FALSE((*w)->add(CrlEntry{Bytes{0x01}, TimePoint{sys_days{year{10000} / 1 / 1}}, std::nullopt, std::nullopt}));
  EXPECT_EQ((*w)->count(), 0U);
  EXPECT_TRUE((*w)->add(CrlEntry{Bytes(20, 0xFF), now(), std::nullopt, std::nullopt}));  // 21 DER octets, still 20 magnitude
}

TEST_F(CrlTest, IssuerWithoutSkiGetsAComputedAki) {
  const TestCa noski = make_ca(*dir_, "noski", kEcP256,
                               "-addext subjectKeyIdentifier=none -addext authorityKeyIdentifier=none");
  const std::string crl = write_crl(noski, sample_entries(), "noski.crl");
  EXPECT_TRUE(check_crl_file(crl, noski.der));
  const auto text = openssl_crl_text(noski, crl);
  EXPECT_NE(text.output.find("verify OK"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("X509v3 Authority Key Identifier"), std::string::npos) << text.output;
}

TEST_F(CrlTest, ScaleTwoHundredThousandEntries) {
  constexpr std::uint64_t kEntries = 200'000;
  CrlParams p = params_for(*rsa_, {0x09});
  auto w = CrlWriter::begin(p, *dir_ / "scale.spool");
  ASSERT_TRUE(w);
  CrlEntry e{Bytes(16, 0x00), now() - hours{1}, std::nullopt, std::nullopt};
  e.serial[0] = 0x40;
  for (std::uint64_t i = 0; i < kEntries; ++i) {
    for (int k = 0; k < 8; ++k) e.serial[15 - static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(i >> (8 * k));
    e.reason = (i % 3 == 0) ? std::optional(CrlReason::superseded) : std::nullopt;
    ASSERT_TRUE((*w)->add(e));
  }
  EXPECT_EQ((*w)->count(), kEntries);
  const std::string out = *dir_ / "scale.crl";
  ASSERT_TRUE((*w)->finish(*rsa_->key, out));
  const auto summary = check_crl_file(out, rsa_->der);
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->entries, kEntries);
  const auto v = run("openssl crl -inform DER -in " + out + " -CAfile " + rsa_->pem + " -verify -noout");
  EXPECT_NE(v.output.find("verify OK"), std::string::npos) << v.output;
}

}  // namespace
}  // namespace ct::crypto
