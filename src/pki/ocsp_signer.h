#pragma once
// Renewal of the delegated OCSP signer (SPEC §6): its certificate is valid ca.ocsp_days (365);
// when fewer than ca.ocsp_renew_days (30) are left, a new key and certificate under the same
// issuing CA take its place. Responses the old signer made stay valid until they expire (they
// carry its certificate, valid for the renewal window still).

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/rng.h"
#include "crypto/key_backend.h"
#include "pki/profile.h"
#include "pki/settings.h"
#include "store/database.h"

namespace ct::pki {

struct OcspSignerRenewal {
  std::string old_serial;
  std::string new_serial;
  std::string key_ref;
  TimePoint not_after;
};

// Whole days left before the signer's notAfter (negative once expired).
[[nodiscard]] Result<std::int64_t> ocsp_signer_days_left(store::Database& db, const Clock& clock);

// Renews the signer: always when `force`, else only when due (nullopt when not). The new key
// ("ocsp-<unix time>-<random>") and certificate are made, then in one transaction the CA row takes them,
// the certificate is recorded and a `ca.renew` audit entry names both serials. Two processes at
// once (one PostgreSQL): one renews, the other removes the key it made and returns nullopt.
[[nodiscard]] Result<std::optional<OcspSignerRenewal>> renew_ocsp_signer(store::Database& db, crypto::KeyBackend& keys,
                                                                         const PkiSettings& settings,
                                                                         const ProfileSet& profiles, const Clock& clock,
                                                                         Rng& rng, bool force, const std::string& actor);

}  // namespace ct::pki
