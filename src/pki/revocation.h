#pragma once
// Revocation with RFC 5280 reasons (§5.3.1). certificateHold puts a certificate on hold
// (releasable); removeFromCRL releases a hold; any other reason revokes for good.

#include <optional>
#include <string>

#include "common/clock.h"
#include "crypto/crl.h"
#include "store/database.h"

namespace ct::pki {

struct RevocationRequest {
  std::string serial;                       // any accepted hex form; normalised here
  crypto::CrlReason reason = crypto::CrlReason::unspecified;
  std::optional<TimePoint> invalidity_date; // when the key is known or suspected to be compromised
};

// Applies the revocation in one transaction. Unknown serial: not_found; already revoked, or a
// removeFromCRL of a certificate not on hold: conflict; an invalidity date in the future:
// invalid_input. Returns the canonical serial.
[[nodiscard]] Result<std::string> revoke(store::Database& db, const Clock& clock, const RevocationRequest& req);

}  // namespace ct::pki
