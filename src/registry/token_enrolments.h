#pragma once
// The token station's progress per request (app/token_station.h), so that an enrolment
// interrupted by a fault resumes instead of starting again: the token (by serial), the CKA_ID of
// its key pair, the sealed SO PIN, and the stage reached:
//   initialized  the token is initialized and its user PIN set; the key may or may not exist
//   issued       the certificate is issued and the request completed (one transaction)
//   written      the certificate is on the token: the enrolment is done
// The row is committed before the key is generated, and is the only thing written before it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "store/database.h"

namespace ct::registry {

enum class EnrolmentStage { initialized, issued, written };
[[nodiscard]] const char* to_string(EnrolmentStage s) noexcept;

struct TokenEnrolment {
  std::int64_t request_id = 0;
  std::string device_serial;
  std::string key_id_hex;      // CKA_ID, hex
  std::string so_pin_sealed;   // registry/sealed_secret.h
  EnrolmentStage stage = EnrolmentStage::initialized;
  std::string certificate_serial;  // "" until issued
};

[[nodiscard]] Status insert_enrolment(store::Connection& c, const TokenEnrolment& e, TimePoint now);
[[nodiscard]] Result<std::optional<TokenEnrolment>> find_enrolment(store::Connection& c, std::int64_t request_id);
// The enrolment that put `certificate_serial` on the token `device_serial`, if any.
[[nodiscard]] Result<std::optional<TokenEnrolment>> find_enrolment_of(store::Connection& c,
                                                                      const std::string& device_serial,
                                                                      const std::string& certificate_serial);
// The certificates issued for keys on token `device_serial`, oldest first.
[[nodiscard]] Result<std::vector<std::string>> certificates_on_device(store::Connection& c,
                                                                      const std::string& device_serial);
// The token the key of `certificate_serial` was generated on, if any.
[[nodiscard]] Result<std::optional<std::string>> device_of_certificate(store::Connection& c,
                                                                       const std::string& certificate_serial);
[[nodiscard]] Status set_enrolment_stage(store::Connection& c, std::int64_t request_id, EnrolmentStage stage,
                                         const std::string& certificate_serial, TimePoint now);

}  // namespace ct::registry
