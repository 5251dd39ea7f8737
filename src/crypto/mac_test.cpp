#include "crypto/mac.h"

#include <gtest/gtest.h>

#include <string_view>

namespace ct::crypto {
namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

struct Vector {
  const char* name;
  HashAlg alg;
  Bytes key;
  std::string_view data;
  const char* mac_hex;
};

// RFC 4231 §4.2 (test case 1) and §4.3 (test case 2); the empty key and message as `openssl dgst
// -hmac ''` computes it.
TEST(Hmac, MatchesTheRfc4231Vectors) {
  const Bytes twenty_0b(20, 0x0b);
  const Bytes jefe{'J', 'e', 'f', 'e'};
  const Vector vectors[] = {
      {"case 1, SHA-256", HashAlg::sha256, twenty_0b, "Hi There",
       "B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7"},
      {"case 1, SHA-384", HashAlg::sha384, twenty_0b, "Hi There",
       "AFD03944D84895626B0825F4AB46907F15F9DADBE4101EC682AA034C7CEBC59CFAEA9EA9076EDE7F4AF152E8B2FA9CB6"},
      {"case 2, SHA-256", HashAlg::sha256, jefe, "what do ya want for nothing?",
       "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"},
      {"empty key and message",
       HashAlg::sha256,
       {},
       "",
       "B613679A0814D9EC772F95D778C35FC5FF1697C493715653C6C712144292C5AD"},
  };
  for (const auto& v : vectors) EXPECT_EQ(to_hex(hmac(v.alg, v.key, bytes(v.data))), v.mac_hex) << v.name;
}

}  // namespace
}  // namespace ct::crypto
