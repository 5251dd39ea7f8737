#pragma once
// PKCS#10 certification requests (RFC 2986). Only the public key of a CSR is used: the subject
// of the certificate comes from the registry, never from the CSR (SPEC §6).

#include <span>
#include <string>

#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"
#include "crypto/name.h"

namespace ct::crypto {

struct KeyPolicy {
  int min_rsa_bits = 2048;
  int max_rsa_bits = 8192;
  std::size_t max_csr_bytes = 64 * 1024;
};

struct CsrInfo {
  Bytes public_key_der;            // DER SubjectPublicKeyInfo
  std::string key_algorithm;       // "RSA-2048", "EC-P256", "EC-P384"
  DistinguishedName subject;       // informational only; may be empty when not representable
};

// Parses PEM or DER, verifies the self-signature, and applies the key policy: RSA with
// min_rsa_bits ≤ n ≤ max_rsa_bits and public exponent exactly 65537, a modulus that is odd and
// has no factor below 1000; EC keys only on P-256 or P-384 with a valid point. Each refusal is
// an invalid_input error whose messages name the reason (e.g. "RSA key of 1024 bits is below the
// minimum of 2048"). Never crashes on any input.
[[nodiscard]] Result<CsrInfo> parse_csr(std::span<const std::uint8_t> input, const KeyPolicy& policy = {});

}  // namespace ct::crypto

namespace ct::crypto {

// A PKCS#10 request (DER) for `key`'s public key with `subject`, self-signed with `key`: for
// tests, benchmarks and demo data (subscribers normally bring their own).
[[nodiscard]] Result<Bytes> make_csr(const PrivateKey& key, const DistinguishedName& subject);

}  // namespace ct::crypto
