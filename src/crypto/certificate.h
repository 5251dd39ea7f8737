#pragma once
// X.509 v3 certificates (RFC 5280): building and signing from a spec, inspecting, and the
// pre-release check that every certificate we produce passes before anyone sees it (SPEC §6).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"
#include "crypto/name.h"

namespace ct::crypto {

// What goes into a certificate. Names of key usages follow RFC 5280 §4.2.1.3
// (digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement,
// keyCertSign, cRLSign); extended key usages are serverAuth, clientAuth, emailProtection,
// codeSigning, OCSPSigning, timeStamping or a dotted OID.
struct CertificateSpec {
  Bytes serial;                        // big-endian magnitude, non-empty, at most 20 octets; positive
  DistinguishedName subject;
  Bytes issuer_certificate_der;        // empty: self-signed (issuer = subject, AKI = SKI)
  TimePoint not_before;
  TimePoint not_after;
  Bytes subject_public_key_der;        // DER SubjectPublicKeyInfo
  bool is_ca = false;
  std::optional<int> path_length;      // only with is_ca
  std::vector<std::string> key_usage;
  std::vector<std::string> extended_key_usage;
  std::vector<std::string> policy_oids;
  std::vector<std::string> san_emails;
  std::vector<std::string> san_dns;
  std::vector<std::string> ocsp_urls;       // AIA id-ad-ocsp
  std::vector<std::string> ca_issuer_urls;  // AIA id-ad-caIssuers
  std::vector<std::string> crl_urls;        // CRL distribution points (fullName URI)
  bool ocsp_no_check = false;               // id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1)
};

// Builds the TBSCertificate (v3, SKI from the subject key, AKI from the issuer's SKI, critical
// basicConstraints and keyUsage, SAN critical when the subject is empty), signs it with
// `issuer_key` and returns the Certificate DER. Validity uses UTCTime through 2049 and
// GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). Fails with invalid_input on a bad spec.
[[nodiscard]] Result<Bytes> sign_certificate(const CertificateSpec& spec, const PrivateKey& issuer_key);

struct CertificateInfo {
  std::string serial_hex;              // canonical (normalize_serial_hex)
  Bytes serial;                        // magnitude
  DistinguishedName subject;
  DistinguishedName issuer;
  std::string subject_text;            // format_dn(subject)
  std::string issuer_text;
  TimePoint not_before;
  TimePoint not_after;
  std::string key_algorithm;           // "RSA-2048", "EC-P256", …
  Bytes subject_public_key_der;
  Bytes subject_key_id;
  Bytes authority_key_id;
  bool is_ca = false;
  std::optional<int> path_length;
  std::vector<std::string> key_usage;
  std::vector<std::string> extended_key_usage;
  std::vector<std::string> policy_oids;
  std::vector<std::string> san_emails;
  std::vector<std::string> san_dns;
  std::vector<std::string> ocsp_urls;
  std::vector<std::string> ca_issuer_urls;
  std::vector<std::string> crl_urls;
  std::string sha256_fingerprint;      // uppercase hex
  std::string signature_algorithm;     // "sha256WithRSAEncryption", …
  Bytes issuer_name_der;
  Bytes subject_name_der;
};

// Parses a DER or PEM certificate. Malformed input is invalid_input, never a crash.
[[nodiscard]] Result<CertificateInfo> inspect_certificate(std::span<const std::uint8_t> der_or_pem);
// True when `cert_der` is signed by the key in `issuer_der` and names it as issuer.
[[nodiscard]] bool is_issued_by(std::span<const std::uint8_t> cert_der, std::span<const std::uint8_t> issuer_der);

// The pre-release check: re-parses `der` and checks it against what was asked for and RFC 5280:
// version 3; serial positive, ≤ 20 octets, equal to spec.serial; issuer/subject as asked;
// validity as asked and encoded as §4.1.2.5 requires; signature verifies under the issuer key;
// SKI present, AKI present and equal to the issuer's SKI; basicConstraints/keyUsage critical
// and equal to the spec; EKU, SAN, policies, AIA, CDP equal to the spec; no duplicate
// extensions. The first violation is returned as an internal error naming the rule.
[[nodiscard]] Status check_certificate(std::span<const std::uint8_t> der, const CertificateSpec& spec,
                                       std::span<const std::uint8_t> issuer_spki_der);

}  // namespace ct::crypto
