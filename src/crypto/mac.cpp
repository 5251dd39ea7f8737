#include "crypto/mac.h"

#include <openssl/evp.h>

#include <cstdlib>

#include "crypto/ossl_error.h"

namespace ct::crypto {
namespace {

const char* md_name(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1: return "SHA1";
    case HashAlg::sha256: return "SHA256";
    case HashAlg::sha384: return "SHA384";
    case HashAlg::sha512: return "SHA512";
  }
  return "SHA256";
}

}  // namespace

Bytes hmac(HashAlg alg, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  const ErrorQueueGuard guard;
  // EVP_Q_mac refuses a null key pointer even with length 0.
  static constexpr std::uint8_t kNoKey = 0;
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, md_name(alg), nullptr, key.empty() ? &kNoKey : key.data(), key.size(),
                data.data(), data.size(), out.data(), out.size(), &len) == nullptr) {
    // Only an OpenSSL without its default provider gets here (as random.cpp: nothing to go on with).
    std::abort();
  }
  out.resize(len);
  return out;
}

}  // namespace ct::crypto
