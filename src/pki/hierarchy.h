#pragma once
// Creates the CA hierarchy of a new installation (SPEC §6): a self-signed root, an issuing CA
// under it and a delegated OCSP-signing certificate under the issuing CA, with keys in the key
// backend; records the CAs and their certificates in the store in one transaction.

#include "common/clock.h"
#include "common/rng.h"
#include "crypto/key_backend.h"
#include "pki/profile.h"
#include "pki/settings.h"
#include "store/database.h"

namespace ct::pki {

inline constexpr const char* kRootCa = "root";
inline constexpr const char* kIssuingCa = "issuing";
inline constexpr const char* kOcspSigner = "ocsp";

// Refuses (conflict) when the store already holds a CA.
[[nodiscard]] Status create_hierarchy(store::Database& db, crypto::KeyBackend& keys, const PkiSettings& settings,
                                      const ProfileSet& profiles, const Clock& clock, Rng& rng);

}  // namespace ct::pki
