#pragma once
// The token station's progress per request (app/token_station.h), so that an enrolment
// interrupted by a fault resumes instead of starting again: the token (by serial), the CKA_ID of
// its key pair, the sealed SO PIN, and the stage reached:
//   initializing  the SO PIN is chosen and sealed; C_InitToken may or may not have run (the
//                 serial is "" until it has, for a blank token whose serial only appears then)
//   initialized   the token is initialized and its user PIN set; the key may or may not exist
//   issued        the certificate is issued and the request completed (one transaction)
//   written       the certificate is on the token: the enrolment is done
//   abandoned     given up before `issued` (a broken token): the request may be enrolled on
//                 another token
// The row is committed before C_InitToken, so a token never holds an SO PIN the CA has not
// kept. At most one enrolment per request is open (not abandoned).

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "store/database.h"

namespace ct::registry {

enum class EnrolmentStage { initializing, initialized, issued, written, abandoned };
[[nodiscard]] const char* to_string(EnrolmentStage s) noexcept;

struct TokenEnrolment {
  std::int64_t request_id = 0;
  std::string device_serial;   // "" while initializing a blank token
  std::string key_id_hex;      // CKA_ID, hex
  std::string so_pin_sealed;   // registry/sealed_secret.h
  EnrolmentStage stage = EnrolmentStage::initializing;
  std::string certificate_serial;  // "" until issued
};

[[nodiscard]] Status insert_enrolment(store::Connection& c, const TokenEnrolment& e, TimePoint now);
// The request's open enrolment, if any.
[[nodiscard]] Result<std::optional<TokenEnrolment>> find_enrolment(store::Connection& c, std::int64_t request_id);
// The enrolment that put `certificate_serial` on the token `device_serial`, if any.
[[nodiscard]] Result<std::optional<TokenEnrolment>> find_enrolment_of(store::Connection& c,
                                                                      const std::string& device_serial,
                                                                      const std::string& certificate_serial);
// The open enrolment of the request: initializing → initialized on token `device_serial`.
[[nodiscard]] Status set_enrolment_token(store::Connection& c, std::int64_t request_id,
                                         const std::string& device_serial, TimePoint now);
[[nodiscard]] Status set_enrolment_stage(store::Connection& c, std::int64_t request_id, EnrolmentStage stage,
                                         const std::string& certificate_serial, TimePoint now);

}  // namespace ct::registry
