#pragma once
// State changes of a registered device through the configured transition table
// (registry/device_transitions.h), with their effect on the device's certificates — the
// certificates issued for keys generated on it (registry/token_enrolments.h) — in ONE
// transaction with the device event and the audit entries: a refused change writes nothing.
//
// Who: the holder, the unit manager and the aggregator of the device's organization, the
// registration office and the CA operator may *report* (device.report): locked, temporarily
// lost, permanently lost, damaged, and found (temporarily_lost → active). Every other change in
// the table (terminated, formatted, …) is the CA operator's (device.manage).

#include <optional>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/devices.h"
#include "registry/registry_env.h"

namespace ct::registry {

struct DeviceChange {
  std::string serial;
  DeviceState to = DeviceState::active;
  std::string note;  // why (shown in the history; at most 500 characters)
};

struct DeviceChangeOutcome {
  Device device;                      // after the change
  CertificateEffect effect = CertificateEffect::none;
  std::vector<std::string> certificates;  // the certificates held, released or revoked
};

// Refusals: out of reach → not_found (as for a serial that does not exist); not allowed for
// the actor's role → forbidden; a change not in the table → conflict with the allowed ones.
[[nodiscard]] Result<DeviceChangeOutcome> change_device_state(RegistryEnv& env, const Actor& actor,
                                                              const DeviceChange& change);

// A key store that is not a token the station enrols (SIM, SOFT, RSSP, HSM; SPEC §2 device):
// recorded in the register as `active` for its holder, event "register" (device.manage).
struct RecordedDevice {
  std::string kind;           // SIM | SOFT | RSSP | HSM
  std::string serial;         // the SIM's ICCID, the service's account, the HSM's serial, …
  std::string model;
  std::string manufacturer;   // or the carrier, the service provider
  std::int64_t subscriber_id = 0;
  std::string certificate_serial;  // the certificate whose key it holds ("" for none yet)
};
[[nodiscard]] Result<Device> record_device(RegistryEnv& env, const Actor& actor, const RecordedDevice& d);

// The changes `actor` may make to `d` now (its table entries from d's state that the actor's
// role allows), for the portal's buttons.
[[nodiscard]] std::vector<DeviceTransition> changes_for(const Actor& actor, const Device& d,
                                                        const DeviceTransitions& table);

// Inside the caller's transaction, no permission check (callers have one): applies from → to
// when the table allows it and returns the outcome; nullopt when the table does not allow it
// (the device is left as it is).
[[nodiscard]] Result<std::optional<DeviceChangeOutcome>> apply_device_transition(
    store::Connection& c, const Clock& clock, const DeviceTransitions& table, Device d, DeviceState to,
    const std::string& actor, std::optional<std::int64_t> request_id, const std::string& note);

}  // namespace ct::registry
