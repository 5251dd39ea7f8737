#pragma once
// The device register (SPEC §2 device, §6): the key stores the CA hands over (TOKEN first), who
// holds each, its state and its history. A device is found by its serial (a token's serial as
// `pkcs11-tool -L` prints it), never by a PKCS#11 slot id, which is not stable.
//
// States after Dogtag TPS (registry/device_transitions.h): the token station records enrolment
// (→ active) and a PIN reset (locked → active); every other change goes through the configured
// transition table (change_device_state), which says what happens to the device's certificates.
// Every change writes a device event and an audit entry in the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/error.h"
#include "registry/actor.h"
#include "registry/device_transitions.h"
#include "registry/registry_env.h"
#include "store/database.h"

namespace ct::registry {

struct Device {
  std::int64_t id = 0;
  std::string kind = "TOKEN";
  std::string serial;
  std::string model;
  std::string manufacturer;
  std::string label;
  std::optional<std::int64_t> subscriber_id;
  std::optional<std::int64_t> org_id;
  std::string org_path;
  DeviceState state = DeviceState::formatted;
  std::string so_pin_sealed;  // sealed SO PIN (registry/sealed_secret.h); never shown
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> handed_over_at;  // handed over to its holder since its last enrolment
};
// Everything but the sealed SO PIN.
[[nodiscard]] nlohmann::json to_json(const Device& d);

struct DeviceEvent {
  TimePoint at;
  std::string actor;
  std::optional<DeviceState> from;  // none for the first event
  DeviceState to = DeviceState::active;
  std::optional<std::int64_t> request_id;
  std::string note;
  std::string action;  // enrol, receive, handover, format, found, a target state, …
};
[[nodiscard]] nlohmann::json to_json(const DeviceEvent& e);

// A device event a request caused (enrolment, PIN reset, a lost token at approval, …).
struct RequestDeviceEvent {
  std::string device_serial;
  DeviceEvent event;
};
// The event's JSON with its "device_serial".
[[nodiscard]] nlohmann::json to_json(const RequestDeviceEvent& e);

// What enrolment knows of a token and its holder.
struct EnrolledDevice {
  std::string serial;
  std::string model;
  std::string manufacturer;
  std::string label;
  std::int64_t subscriber_id = 0;
  std::int64_t org_id = 0;
  std::string org_path;
  std::string so_pin_sealed;
  std::string certificate_serial;  // the certificate whose key was generated on it ("" for none)
};

// Inside the caller's transaction: registers the token as `active` for its holder, or, when the
// serial is registered already (a token re-initialized for someone), moves it to them and makes
// it active, and records that the certificate's key is on it. Event "enrolled" for
// `request_id`, audited as device.enrol.
[[nodiscard]] Result<Device> enrol_device(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                                          const std::string& actor, std::optional<std::int64_t> request_id,
                                          const std::string& kind = "TOKEN", const std::string& action = "enrol",
                                          const std::string& note = "khởi tạo / enrolled");
// Inside the caller's transaction: moves `d` to `to` with an event and an audit entry
// (device.<action>); `d` is updated.
[[nodiscard]] Status record_device_change(store::Connection& c, const Clock& clock, Device& d, DeviceState to,
                                          const std::string& actor, std::optional<std::int64_t> request_id,
                                          const std::string& action, const std::string& note);

// Inside the caller's transaction: a token the CA initialized but gave nobody (an abandoned
// enrolment) is registered, or kept, as `formatted` without a holder, with its sealed SO PIN so
// that the station can initialize it again. Audited as device.format.
[[nodiscard]] Result<Device> register_formatted(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                                                const std::string& actor, std::int64_t request_id,
                                                const std::string& note);

// Inside the caller's transaction: a token comes into the CA's stock (`token receive`):
// registered `formatted`, no holder, with its sealed SO PIN; event "receive". A serial already
// registered is a conflict.
[[nodiscard]] Result<Device> receive_device(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                                            const std::string& actor);
// The token given to its holder (custody, SPEC §6: the registration office tracks handover):
// an event "handover" naming who received it, the state unchanged. Needs device.handover within
// reach; only an active token with a holder is handed over.
[[nodiscard]] Result<Device> hand_over_device(RegistryEnv& env, const Actor& actor, const std::string& serial,
                                              const std::string& received_by, const std::string& note);

// The certificates whose keys were generated on the device, oldest first.
[[nodiscard]] Result<std::vector<std::string>> certificates_on_device(store::Connection& c, std::int64_t device_id);
// The device the key of `certificate_serial` was generated on, if the register knows one.
[[nodiscard]] Result<std::optional<Device>> device_of_certificate(store::Connection& c,
                                                                  const std::string& certificate_serial);

[[nodiscard]] Result<std::optional<Device>> find_device(store::Connection& c, const std::string& serial);
// The devices held by `subscriber_id`, oldest first.
[[nodiscard]] Result<std::vector<Device>> devices_of_subscriber(store::Connection& c, std::int64_t subscriber_id);
[[nodiscard]] Result<std::vector<DeviceEvent>> device_events(store::Connection& c, std::int64_t device_id);
// The device events recorded for `request_id`, oldest first (shown on the request).
[[nodiscard]] Result<std::vector<RequestDeviceEvent>> device_events_of_request(store::Connection& c,
                                                                               std::int64_t request_id);

// Reads scoped like subscribers (Action::subscriber_read on the device's organization and
// holder): a device out of reach is not_found (audited as access.denied).
[[nodiscard]] Result<std::vector<Device>> list_devices(RegistryEnv& env, const Actor& actor,
                                                       std::optional<std::int64_t> subscriber_id);
[[nodiscard]] Result<Device> get_device(RegistryEnv& env, const Actor& actor, const std::string& serial);

}  // namespace ct::registry
