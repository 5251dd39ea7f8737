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
  std::string actor = "system";             // who asked, for the audit log (SPEC §8)
  std::optional<std::int64_t> org_id = {};  // the subscriber's organization, for the audit log
};

// Applies the revocation in one transaction, with its audit entry (`cert.revoke`, `cert.hold` or
// `cert.release`, SPEC §8) in the same transaction. Unknown serial: not_found; already revoked, or a
// removeFromCRL of a certificate not on hold: conflict; an invalidity date in the future:
// invalid_input. Returns the canonical serial.
[[nodiscard]] Result<std::string> revoke(store::Database& db, const Clock& clock, const RevocationRequest& req);
// The same inside the caller's write transaction (commits nothing): for callers that must
// commit the revocation together with other effects (the registry's exactly-once operations).
[[nodiscard]] Result<std::string> revoke_in(store::Connection& c, const Clock& clock, const RevocationRequest& req);

}  // namespace ct::pki
