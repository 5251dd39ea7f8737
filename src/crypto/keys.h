#pragma once
// Private and public keys as opaque values. A PrivateKey may live in memory (software backend)
// or on a token (PKCS#11 backend, later): callers only ever ask it to sign a digest.

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/hex.h"

namespace ct::crypto {

enum class KeyType { rsa2048, rsa3072, rsa4096, ec_p256, ec_p384 };
enum class HashAlg { sha1, sha256, sha384, sha512 };

[[nodiscard]] const char* to_string(KeyType t) noexcept;  // "rsa2048", "ec-p256", …
[[nodiscard]] Result<KeyType> parse_key_type(std::string_view s);
[[nodiscard]] Bytes digest(HashAlg alg, std::span<const std::uint8_t> data);
// Lower-case hex SHA-256 of `text` (what the store keeps of a session id or a one-time link).
[[nodiscard]] std::string sha256_hex(std::string_view text);
// Digest of a file's content, read in chunks (constant memory).
[[nodiscard]] Result<Bytes> digest_file(HashAlg alg, const std::string& path);

struct PrivateKeyImpl;  // holds the EVP_PKEY; defined in keys_internal.h

class PrivateKey final {
 public:
  explicit PrivateKey(std::unique_ptr<PrivateKeyImpl> impl);
  ~PrivateKey();
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;

  [[nodiscard]] KeyType type() const noexcept;
  // The hash paired with this key for signatures: SHA-256, or SHA-384 for P-384.
  [[nodiscard]] HashAlg signature_hash() const noexcept;
  // DER SubjectPublicKeyInfo.
  [[nodiscard]] const Bytes& public_key_der() const noexcept;
  // DER AlgorithmIdentifier of the signatures this key makes with signature_hash()
  // (sha256WithRSAEncryption with NULL parameters, ecdsa-with-SHA256/384 without).
  [[nodiscard]] Bytes signature_algorithm_der() const;
  // Signs a digest computed with signature_hash(): PKCS#1 v1.5 for RSA, DER ECDSA-Sig-Value for EC.
  [[nodiscard]] Result<Bytes> sign_digest(std::span<const std::uint8_t> digest) const;
  // Hashes `data` with signature_hash() and signs it.
  [[nodiscard]] Result<Bytes> sign(std::span<const std::uint8_t> data) const;

  [[nodiscard]] const PrivateKeyImpl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<PrivateKeyImpl> impl_;
};

[[nodiscard]] Result<PrivateKey> generate_key(KeyType type);

// Verifies `signature` over `data` with a DER SubjectPublicKeyInfo and the named hash.
[[nodiscard]] bool verify_signature(std::span<const std::uint8_t> spki_der, HashAlg hash,
                                    std::span<const std::uint8_t> data,
                                    std::span<const std::uint8_t> signature);

// "RSA-2048", "EC-P256", "EC-P384", … of a DER SubjectPublicKeyInfo; invalid_input when it does
// not parse or is neither RSA nor EC.
[[nodiscard]] Result<std::string> public_key_algorithm(std::span<const std::uint8_t> spki_der);

// keyIdentifier per RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value.
[[nodiscard]] Result<Bytes> key_identifier(std::span<const std::uint8_t> spki_der);

}  // namespace ct::crypto
