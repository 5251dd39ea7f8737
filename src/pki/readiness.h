#pragma once
// The PKI checks of /readyz, read from the store so that every node agrees. Each is nullopt
// when all is well, else the error that says what is wrong (bilingual, naming the CA).

#include <optional>

#include "common/clock.h"
#include "common/error.h"
#include "pki/settings.h"
#include "store/database.h"

namespace ct::pki {

// Every CA (root, issuing) has a CRL whose nextUpdate is still ahead: relying parties that
// fetch it now can use it.
[[nodiscard]] std::optional<Error> crls_current(store::Connection& c, TimePoint now);

// The OCSP signer is valid for more than its renewal window less a day: the renewal job (hourly)
// has had a whole day to renew it since it fell due.
[[nodiscard]] std::optional<Error> ocsp_signer_current(store::Database& db, const Clock& clock,
                                                       const PkiSettings& settings);

}  // namespace ct::pki
