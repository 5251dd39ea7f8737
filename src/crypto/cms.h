#pragma once
// Detached CMS SignedData (RFC 5652 §5) as S/MIME uses it (RFC 8551 §3.5): the signature part
// of a multipart/signed message. Signing goes through PrivateKey::sign_digest only, so any key
// backend (software, PKCS#11 token) can sign.

#include <cstdint>
#include <span>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"

namespace ct::crypto {

// DER ContentInfo (id-signedData) of a SignedData over `content`, which is not included
// (detached). One SignerInfo (version 1, issuerAndSerialNumber taken from the signer certificate)
// with signed attributes contentType (id-data), signingTime and messageDigest; the digest is the
// key's signature_hash() (SHA-256, SHA-384 for P-384); the certificates field holds the signer
// certificate and `chain_der` (e.g. the issuing CA), in the ascending order DER requires of a
// SET OF (X.690 §11.6). signatureAlgorithm: rsaEncryption for RSA keys (as RFC 8551 clients
// expect) and ecdsa-with-SHA256/384 for EC.
// invalid_input when the signer certificate does not parse or does not hold the key's public key.
[[nodiscard]] Result<Bytes> cms_sign_detached(std::span<const std::uint8_t> content, const PrivateKey& key,
                                              std::span<const std::uint8_t> signer_certificate_der,
                                              const std::vector<Bytes>& chain_der, TimePoint signing_time);

// A "certs-only" message (RFC 5652 §5 degenerate SignedData; RFC 8551 §3.6, the .p7b file): no
// signers, no digest algorithms, encapsulated content id-data without content, and the
// certificates in DER SET OF order. How relying parties import a certificate with its chain.
[[nodiscard]] Result<Bytes> cms_certificates_only(const std::vector<Bytes>& certificates_der);

// The multipart/signed micalg value of a digest (RFC 8551 §3.5.3.2): "sha-256", "sha-384", …
[[nodiscard]] const char* smime_micalg(HashAlg hash) noexcept;

}  // namespace ct::crypto
