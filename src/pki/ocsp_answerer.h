#pragma once
// Answers OCSP requests (RFC 6960) for one issuing CA with its delegated OCSP-signing
// certificate (§4.2.2.2): good / revoked (time, reason) / unknown for serials it never issued.
// Requests about other issuers get `unauthorized` (RFC 5019 §2.2.3).

#include <optional>
#include <span>

#include "common/clock.h"
#include "crypto/keys.h"
#include "crypto/ocsp.h"
#include "pki/settings.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

class OcspAnswerer final {
 public:
  OcspAnswerer(store::CaRecord issuer, store::CaRecord signer, crypto::PrivateKey signer_key,
               const PkiSettings& settings, const Clock& clock);

  // Full OCSPResponse DER for a DER OCSPRequest; malformed input gets malformedRequest,
  // a store failure tryLater; never an exception.
  [[nodiscard]] Bytes answer(store::Database& db, std::span<const std::uint8_t> request_der) const;
  // The signed response for one serial of this issuer (SHA-1 CertID, no nonce): what a
  // pre-signing cache stores.
  [[nodiscard]] Result<Bytes> response_for_serial(store::Database& db, std::string_view serial) const;
  // The status of one CertID as the store knows it.
  [[nodiscard]] Result<crypto::OcspSingle> status_of(store::Database& db, const crypto::OcspCertId& id) const;

 private:
  [[nodiscard]] bool names_issuer(const crypto::OcspCertId& id) const;
  store::CaRecord issuer_;
  store::CaRecord signer_;
  crypto::PrivateKey signer_key_;
  const PkiSettings& settings_;
  const Clock& clock_;
};

}  // namespace ct::pki
