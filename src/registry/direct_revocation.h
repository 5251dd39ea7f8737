#pragma once
// A CA operator's direct revocation by serial (SPEC §4, §6), under the same two-person rule as
// revocation requests: when `registry.two_person_types` holds "revoke", the first operator's
// call records a proposal and a second, different operator's call with the same reason carries
// it out (both named in the audit). A hold (certificateHold) and its release (removeFromCRL)
// are reversible and take effect at once. With `registry.emergency_revocation`, a keyCompromise
// revocation with a stated reason takes effect at once, audited as an emergency with that
// reason. A proposal not confirmed within 72 hours lapses. Everything is audited.

#include <chrono>
#include <optional>
#include <string>

#include "crypto/crl.h"
#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::registry {

inline constexpr std::chrono::hours kProposalLifetime{72};

struct DirectRevocation {
  std::string serial;
  crypto::CrlReason reason = crypto::CrlReason::unspecified;
  std::optional<TimePoint> invalidity_date;
  std::string emergency;  // the stated reason of an emergency revocation; "" for none
};

struct DirectRevocationOutcome {
  bool done = false;           // revoked (or held, released) now
  std::string serial;          // canonical
  std::string proposed_by;     // when waiting: who proposed it …
  TimePoint proposed_at;       // … and when
};

// Needs the certificate_revoke action within reach of the certificate (outside reach: as for a
// serial that does not exist). A second call by the proposer: conflict; by another operator with
// another reason: conflict naming the pending one.
[[nodiscard]] Result<DirectRevocationOutcome> revoke_directly(RegistryEnv& env, const Actor& actor,
                                                              const DirectRevocation& r);

}  // namespace ct::registry
