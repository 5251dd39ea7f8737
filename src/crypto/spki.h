#pragma once
// Internal to crypto: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) parsed with the DER reader, and
// public keys imported with EVP_PKEY_fromdata. OpenSSL 3.0's d2i_PUBKEY runs the decoder
// framework, which costs about half an RSA-2048 signature per call; importing the parameters
// directly costs a few microseconds (RSA) or one point validation (EC). Keys of other
// algorithms fall back to d2i_PUBKEY.
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
//   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }       -- RFC 8017 A.1.1
//   ECPoint ::= OCTET STRING (the BIT STRING's bytes), namedCurve parameters    -- RFC 5480 §2

#include <optional>
#include <span>
#include <string>

#include "common/error.h"
#include "crypto/ossl.h"

namespace ct::crypto {

struct ParsedSpki {
  enum class Kind { rsa, ec, other } kind = Kind::other;
  std::string algorithm_oid;                   // dotted
  std::optional<std::string> curve_oid;        // EC namedCurve, dotted
  std::span<const std::uint8_t> key_bits;      // subjectPublicKey without the unused-bits octet
  std::span<const std::uint8_t> rsa_modulus;   // magnitude (RSA only)
  std::span<const std::uint8_t> rsa_exponent;  // magnitude (RSA only)
  bool rsa_params_null = false;                // RFC 3279 §2.3.1: parameters MUST be NULL
};

// Strict DER; spans point into `spki`. invalid_input when malformed.
[[nodiscard]] Result<ParsedSpki> parse_spki(std::span<const std::uint8_t> spki);
// "P-256" / "P-384" for the curves of the key policy, nullopt for others.
[[nodiscard]] std::optional<std::string> policy_curve_name(const std::string& curve_oid);
// A provider-native key; invalid_input when the key is malformed (e.g. an EC point off its curve).
[[nodiscard]] Result<ossl::Pkey> import_public_key(std::span<const std::uint8_t> spki);
// Keys and certificates that are used again and again (issuers, OCSP signers), imported or
// parsed once per thread. The pointers stay valid until the same thread's next call that adds
// an entry; callers use them at once. nullptr when the input does not parse.
[[nodiscard]] const EVP_PKEY* cached_public_key(std::span<const std::uint8_t> spki);
[[nodiscard]] const X509* cached_certificate(std::span<const std::uint8_t> der);

}  // namespace ct::crypto
