#include "crypto/pem.h"

#include <gtest/gtest.h>

#include <string>

namespace ct::crypto {
namespace {

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Pem, RoundTripsWith64CharacterLines) {
  Bytes der(100);
  for (std::size_t i = 0; i < der.size(); ++i) der[i] = static_cast<std::uint8_t>(i * 7);
  der[0] = 0x30;
  const std::string pem = to_pem(der, "CERTIFICATE");
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0U);
  EXPECT_NE(pem.find("\n-----END CERTIFICATE-----\n"), std::string::npos);
  const std::size_t first_line = pem.find('\n') + 1;
  EXPECT_EQ(pem.find('\n', first_line) - first_line, 64U);
  const auto back = pem_or_der(bytes(pem), {"CERTIFICATE"});
  ASSERT_TRUE(back) << back.error().message_en;
  EXPECT_EQ(*back, der);
}

TEST(Pem, EveryLengthRoundTrips) {
  for (std::size_t n = 1; n < 70; ++n) {
    const Bytes der(n, 0xA5);
    const auto back = pem_or_der(bytes(to_pem(der, "X")), {"X"});
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(*back, der) << n;
  }
}

TEST(Pem, AcceptsTextAroundTheBlockAndCrLf) {
  const std::string pem = "Subject: x\r\n-----BEGIN NEW CERTIFICATE REQUEST-----\r\nMAMCAQE=\r\n"
                          "-----END NEW CERTIFICATE REQUEST-----\r\ntrailer";
  const auto der = pem_or_der(bytes(pem), {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"});
  ASSERT_TRUE(der) << der.error().message_en;
  EXPECT_EQ(*der, (Bytes{0x30, 0x03, 0x02, 0x01, 0x01}));
}

TEST(Pem, DerPassesThrough) {
  const Bytes der{0x30, 0x00};
  const auto out = pem_or_der(der, {"CERTIFICATE"});
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, der);
}

TEST(Pem, RefusesGarbageCleanly) {
  const char* cases[] = {
      "",
      "hello",
      "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n",                                   // no END
      "-----BEGIN CERTIFICATE-----\nMAMC*QE=\n-----END CERTIFICATE-----\n",         // bad char
      "-----BEGIN CERTIFICATE-----\nMAMCAQ\n-----END CERTIFICATE-----\n",           // bad length
      "-----BEGIN CERTIFICATE-----\nMA=CAQE=\n-----END CERTIFICATE-----\n",         // '=' inside
      "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n",                 // empty
      "-----BEGIN PRIVATE KEY-----\nMAMCAQE=\n-----END PRIVATE KEY-----\n",         // other label
      "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nMAMCAQE=\n-----END CERTIFICATE-----\n",
  };
  for (const char* c : cases) {
    const auto out = pem_or_der(bytes(c), {"CERTIFICATE"});
    ASSERT_FALSE(out) << c;
    EXPECT_EQ(out.error().code, ErrorCode::invalid_input);
    EXPECT_FALSE(out.error().message_vi.empty());
  }
}

}  // namespace
}  // namespace ct::crypto
