#pragma once
// OCSP (RFC 6960): parsing requests and building responses signed by a delegated OCSP-signing
// certificate (§4.2.2.2). Building is separate from serving: the HTTP responder (later) serves
// responses built here ahead of time.

#include <optional>
#include <span>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/crl.h"
#include "crypto/keys.h"

namespace ct::crypto {

struct OcspCertId {
  HashAlg hash = HashAlg::sha1;
  Bytes issuer_name_hash;
  Bytes issuer_key_hash;
  Bytes serial;  // magnitude
};

// The CertID of `serial` under the issuer certificate, with the given hash (RFC 6960 §4.1.1).
[[nodiscard]] Result<OcspCertId> make_cert_id(std::span<const std::uint8_t> issuer_certificate_der,
                                              std::span<const std::uint8_t> serial, HashAlg hash = HashAlg::sha1);

struct OcspRequestInfo {
  std::vector<OcspCertId> ids;
  std::optional<Bytes> nonce;  // id-pkix-ocsp-nonce value, when present
};
// Parses an OCSPRequest DER; bounded input size (64 KiB) and at most 32 CertIDs. Malformed
// input is invalid_input (the responder answers malformedRequest), never a crash.
[[nodiscard]] Result<OcspRequestInfo> parse_ocsp_request(std::span<const std::uint8_t> der);

// A CertID inside a request's bytes (non-owning: the request must outlive the view).
struct OcspCertIdView {
  HashAlg hash = HashAlg::sha1;
  std::span<const std::uint8_t> issuer_name_hash;
  std::span<const std::uint8_t> issuer_key_hash;
  std::span<const std::uint8_t> serial;  // magnitude: 1 to 20 octets, no leading zero
};
// The CertID of a request in the plainest form of the RFC 5019 §2.1 profile, read without
// OpenSSL or allocation (the responder's hot path):
//   OCSPRequest { TBSRequest { requestList { Request { CertID } } } }
// with nothing optional: no version, requestorName, requestExtensions, singleRequestExtensions or
// signature; a supported hash whose parameters are NULL or absent; a positive serial of at most
// 20 octets. nullopt for anything else, which does not mean malformed: parse_ocsp_request
// decides those. Whenever this returns a CertID, parse_ocsp_request returns that one CertID and
// no nonce (checked by ocsp_test and the ocsp_http fuzzer).
[[nodiscard]] std::optional<OcspCertIdView> plain_ocsp_cert_id(std::span<const std::uint8_t> der) noexcept;

enum class OcspCertStatus { good, revoked, unknown };

struct OcspSingle {
  OcspCertId id;
  OcspCertStatus status = OcspCertStatus::unknown;
  TimePoint revoked_at{};
  std::optional<CrlReason> reason;
  TimePoint this_update{};
  std::optional<TimePoint> next_update;
};

struct OcspSigner {
  std::span<const std::uint8_t> certificate_der;  // delegated OCSP-signing certificate
  const PrivateKey* key = nullptr;
};

// A successful OCSPResponse (id-pkix-ocsp-basic) with responderID byKey, producedAt, one
// SingleResponse per entry, the nonce echoed when given, and the signer certificate included.
[[nodiscard]] Result<Bytes> build_ocsp_response(std::span<const OcspSingle> singles, const OcspSigner& signer,
                                                TimePoint produced_at, const std::optional<Bytes>& nonce = {});

enum class OcspErrorStatus { malformed_request = 1, internal_error = 2, try_later = 3, sig_required = 5, unauthorized = 6 };
// An OCSPResponse with only the responseStatus (RFC 6960 §4.2.1).
[[nodiscard]] Bytes ocsp_error_response(OcspErrorStatus status);

}  // namespace ct::crypto
