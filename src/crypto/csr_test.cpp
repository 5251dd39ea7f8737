#include "crypto/csr.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "crypto/keys.h"

namespace ct::crypto {
namespace {

// Fixtures made by tests/data/csr/make_csrs.sh.
Bytes fixture(const std::string& name) {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/data/csr/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct BadCsr {
  const char* file;
  const char* reason;  // substring of message_en
  KeyPolicy policy{};
};
// GoogleTest (and so CTest's test list) shows the fixture, not the struct's bytes.
void PrintTo(const BadCsr& b, std::ostream* os) { *os << b.file; }

const BadCsr kBad[] = {
    {"garbage.bin", "not a PEM or DER certification request"},
    {"truncated.der", "malformed or truncated DER"},
    {"bad_signature.der", "self-signature does not verify"},
    {"rsa1024.pem", "RSA key of 1024 bits is below the minimum of 2048"},
    {"rsa3072.der", "RSA key of 3072 bits is above the maximum of 2048", KeyPolicy{2048, 2048, 64 * 1024}},
    {"rsa_e3.pem", "RSA public exponent 3 is not 65537"},
    {"rsa_even_modulus.der", "RSA modulus is even"},
    {"rsa_small_factor.der", "RSA modulus has the small factor 3"},
    {"secp256k1.pem", "unsupported elliptic curve secp256k1"},
    {"ec_bad_point.der", "invalid EC public key point"},
    {"ed25519.pem", "unsupported key algorithm ED25519"},
    {"oversize.pem", "over the limit of 65536 bytes"},
};

class ParseCsrRefuses : public ::testing::TestWithParam<BadCsr> {};

TEST_P(ParseCsrRefuses, WithItsOwnReason) {
  const auto info = parse_csr(fixture(GetParam().file), GetParam().policy);
  ASSERT_FALSE(info) << GetParam().file << " was accepted";
  EXPECT_EQ(info.error().code, ErrorCode::invalid_input);
  EXPECT_NE(info.error().message_en.find(GetParam().reason), std::string::npos) << info.error().message_en;
  EXPECT_FALSE(info.error().message_vi.empty());
  EXPECT_NE(info.error().message_vi, info.error().message_en);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ParseCsrRefuses, ::testing::ValuesIn(kBad),
                         [](const ::testing::TestParamInfo<BadCsr>& p) {
                           std::string name = p.param.file;
                           for (char& c : name) {
                             if (c == '.') c = '_';
                           }
                           return name;
                         });

TEST(ParseCsr, EveryRefusalHasADistinctMessage) {
  std::set<std::string> messages;
  for (const auto& c : kBad) {
    const auto info = parse_csr(fixture(c.file), c.policy);
    ASSERT_FALSE(info) << c.file;
    EXPECT_TRUE(messages.insert(info.error().message_en).second) << c.file << ": " << info.error().message_en;
  }
}

struct GoodCsr {
  const char* file;
  const char* key_algorithm;
};
void PrintTo(const GoodCsr& g, std::ostream* os) { *os << g.file; }

class ParseCsrAccepts : public ::testing::TestWithParam<GoodCsr> {};

TEST_P(ParseCsrAccepts, WithTheKeyAlgorithm) {
  const auto info = parse_csr(fixture(GetParam().file));
  ASSERT_TRUE(info) << info.error().message_en;
  EXPECT_EQ(info->key_algorithm, GetParam().key_algorithm);
  EXPECT_TRUE(key_identifier(info->public_key_der)) << "the public key is a valid SubjectPublicKeyInfo";
  EXPECT_EQ(dn_value(info->subject, "C"), "VN");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ParseCsrAccepts,
                         ::testing::Values(GoodCsr{"rsa2048.pem", "RSA-2048"}, GoodCsr{"rsa3072.der", "RSA-3072"},
                                           GoodCsr{"ec_p256.pem", "EC-P256"}, GoodCsr{"ec_p384.pem", "EC-P384"},
                                           GoodCsr{"vietnamese.pem", "EC-P256"},
                                           GoodCsr{"new_label.pem", "RSA-2048"}),
                         [](const ::testing::TestParamInfo<GoodCsr>& p) {
                           std::string name = p.param.file;
                           for (char& c : name) {
                             if (c == '.') c = '_';
                           }
                           return name;
                         });

TEST(ParseCsr, ReadsAVietnameseSubjectAsUtf8) {
  const auto info = parse_csr(fixture("vietnamese.pem"));
  ASSERT_TRUE(info) << info.error().message_en;
  const DistinguishedName expected{{"C", "VN"},
                                   {"ST", "Bắc Ninh"},
                                   {"O", "UBND tỉnh Bắc Ninh"},
                                   {"OU", "Sở Giáo dục và Đào tạo"},
                                   {"CN", "Nguyễn Văn An"}};
  EXPECT_EQ(info->subject, expected);
}

TEST(ParseCsr, SizeLimitIsAppliedFirst) {
  const auto info = parse_csr(fixture("rsa2048.pem"), KeyPolicy{2048, 8192, 100});
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().message_en.find("over the limit of 100 bytes"), std::string::npos);
}

TEST(ParseCsr, EveryTruncationAndTrailingByteIsRefusedWithoutCrashing) {
  const Bytes der = fixture("rsa_small_factor.der");
  for (std::size_t n = 0; n < der.size(); ++n) {
    EXPECT_FALSE(parse_csr(std::span<const std::uint8_t>(der.data(), n))) << n;
  }
  Bytes good = fixture("rsa3072.der");
  ASSERT_TRUE(parse_csr(good));
  good.push_back(0x00);
  EXPECT_FALSE(parse_csr(good));
}

TEST(ParseCsr, FlippedBytesNeverCrash) {
  const Bytes der = fixture("rsa3072.der");
  for (std::size_t i = 0; i < der.size(); i += 3) {
    Bytes mutated = der;
    mutated[i] ^= 0x41;
    const auto info = parse_csr(mutated);
    if (info) {
      EXPECT_EQ(info->key_algorithm.rfind("RSA-", 0), 0U);
    }
  }
}

}  // namespace
}  // namespace ct::crypto
