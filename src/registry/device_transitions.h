#pragma once
// The device state machine (SPEC §6 devices; states after Dogtag TPS) as data: which state
// changes are allowed and what each does to the certificates on the device. The table comes
// from `[devices] transitions` in chungthu.toml, one entry per allowed change:
//
//   "FROM -> TO"                    nothing happens to the certificates
//   "FROM -> TO : hold"             good certificates are put on hold (certificateHold)
//   "FROM -> TO : release"          certificates on hold are released (removeFromCRL)
//   "FROM -> TO : revoke REASON"    good or held certificates are revoked (RFC 5280 reason name)
//
// A change not in the table is refused with the changes that are allowed from that state.
// Enrolment (→ active) and a PIN reset are the token station's, not entries of this table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "crypto/crl.h"

namespace ct::registry {

enum class DeviceState { formatted, active, locked, temporarily_lost, permanently_lost, damaged, terminated };
[[nodiscard]] const char* to_string(DeviceState s) noexcept;
[[nodiscard]] const char* label_vi(DeviceState s) noexcept;  // "bị mất tạm thời", …
[[nodiscard]] std::optional<DeviceState> parse_device_state(std::string_view s) noexcept;
// Every state name, in the order above (for messages and the API schema).
[[nodiscard]] std::vector<std::string> device_state_names();

enum class CertificateEffect { none, hold, release, revoke };

struct DeviceTransition {
  DeviceState from = DeviceState::formatted;
  DeviceState to = DeviceState::formatted;
  CertificateEffect effect = CertificateEffect::none;
  crypto::CrlReason reason = crypto::CrlReason::unspecified;  // for revoke
};
// The entry as written in the configuration ("active -> temporarily_lost : hold").
[[nodiscard]] std::string to_string(const DeviceTransition& t);

class DeviceTransitions {
 public:
  // The defaults (documented in app/default_config.h).
  [[nodiscard]] static DeviceTransitions defaults();
  // Parses configuration entries; a bad entry is invalid_input naming `key`, the entry's
  // position (1-based) and what is wrong. Duplicates are refused.
  [[nodiscard]] static Result<DeviceTransitions> parse(const std::vector<std::string>& entries, const std::string& key);

  // The entry for from → to, or nullptr when that change is not allowed.
  [[nodiscard]] const DeviceTransition* find(DeviceState from, DeviceState to) const noexcept;
  // The states reachable from `from`, in table order.
  [[nodiscard]] std::vector<DeviceState> allowed_from(DeviceState from) const;
  // conflict: "from X the device can only become Y, Z" (or "no change is allowed").
  [[nodiscard]] Error refusal(const std::string& serial, DeviceState from, DeviceState to) const;
  [[nodiscard]] const std::vector<DeviceTransition>& entries() const noexcept { return entries_; }

 private:
  std::vector<DeviceTransition> entries_;
};

}  // namespace ct::registry
