#pragma once
// Internal to crypto: the EVP_PKEY behind a PrivateKey.

#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace ct::crypto {

struct PrivateKeyImpl {
  ossl::Pkey pkey;
  KeyType type;
  Bytes spki;
};

[[nodiscard]] const EVP_MD* evp_md(HashAlg alg) noexcept;
// Builds a PrivateKey from an EVP_PKEY, classifying its type; refuses keys outside KeyType.
[[nodiscard]] Result<PrivateKey> wrap_private_key(ossl::Pkey pkey);
// Classifies a public or private key; invalid_input with the reason when outside policy.
[[nodiscard]] Result<KeyType> classify_key(const EVP_PKEY* pkey);

}  // namespace ct::crypto
