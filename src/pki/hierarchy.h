#pragma once
// Creates the CA hierarchy of a new installation (SPEC §6): a self-signed root, an issuing CA
// under it and a delegated OCSP-signing certificate under the issuing CA, with keys in the key
// backend; records the CAs and their certificates in the store in one transaction.

#include "common/clock.h"
#include "common/rng.h"
#include "crypto/certificate.h"
#include "crypto/key_backend.h"
#include "pki/profile.h"
#include "pki/settings.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

inline constexpr const char* kRootCa = "root";
inline constexpr const char* kIssuingCa = "issuing";
inline constexpr const char* kOcspSigner = "ocsp";

// Refuses (conflict) when the store already holds a CA.
[[nodiscard]] Status create_hierarchy(store::Database& db, crypto::KeyBackend& keys, const PkiSettings& settings,
                                      const ProfileSet& profiles, const Clock& clock, Rng& rng);

// The pieces of the hierarchy that renewals reuse (ocsp_signer.h).
struct MadeCa {
  crypto::CertificateSpec spec;
  Bytes der;
  std::string key_ref;
};
// A new key `label` of `type` in the backend and the certificate of `spec` for it, signed by
// `issuer_key` (self-signed when null) and checked before it is returned.
[[nodiscard]] Result<MadeCa> make_ca_certificate(crypto::KeyBackend& keys, const std::string& label, crypto::KeyType type,
                                                 crypto::CertificateSpec spec, const crypto::PrivateKey* issuer_key, Rng& rng);
// The delegated OCSP signer's certificate under the issuing CA (profile "ocsp", id-pkix-ocsp-nocheck),
// valid ca.ocsp_days from `now` but never past its issuer.
[[nodiscard]] Result<crypto::CertificateSpec> ocsp_signer_spec(const PkiSettings& settings, const ProfileSet& profiles,
                                                               const Bytes& issuer_der, TimePoint issuer_not_after,
                                                               TimePoint now);
// The certificates-table row of a CA certificate.
[[nodiscard]] store::CertificateRecord ca_certificate_record(const crypto::CertificateSpec& spec, const Bytes& der,
                                                             std::int64_t ca_id, const std::string& profile, TimePoint now);

}  // namespace ct::pki
