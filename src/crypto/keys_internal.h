#pragma once
// Internal to crypto: the EVP_PKEY behind a PrivateKey.

#include <memory>
#include <span>
#include <string>

#include "crypto/keys.h"
#include "crypto/ossl.h"

namespace ct::crypto {

// A key that signs elsewhere (a PKCS#11 token): it is given the digest and the hash that made it
// and returns the signature as PrivateKey::sign_digest does. Thread-safe.
class ExternalSigner {
 public:
  virtual ~ExternalSigner() = default;
  [[nodiscard]] virtual Result<Bytes> sign_digest(KeyType type, HashAlg hash,
                                                  std::span<const std::uint8_t> digest) const = 0;
};

struct PrivateKeyImpl {
  ossl::Pkey pkey;  // empty for a key held by `external`
  KeyType type;
  Bytes spki;
  std::shared_ptr<const ExternalSigner> external;
};

// A PrivateKey whose signatures `signer` makes; `spki` is its public key (classified for the type).
[[nodiscard]] Result<PrivateKey> external_private_key(Bytes spki, std::shared_ptr<const ExternalSigner> signer);

// A key label of a backend: 1 to 64 of [A-Za-z0-9_-].
[[nodiscard]] bool valid_key_label(const std::string& label);

[[nodiscard]] const EVP_MD* evp_md(HashAlg alg) noexcept;
// Builds a PrivateKey from an EVP_PKEY, classifying its type; refuses keys outside KeyType.
[[nodiscard]] Result<PrivateKey> wrap_private_key(ossl::Pkey pkey);
// Classifies a public or private key; invalid_input with the reason when outside policy.
[[nodiscard]] Result<KeyType> classify_key(const EVP_PKEY* pkey);

}  // namespace ct::crypto
