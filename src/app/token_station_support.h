#pragma once
// Internal to the token station (token_station.cpp, token_station_pin.cpp): the token in a
// slot, PINs, labels and the test hook.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/rng.h"
#include "crypto/pkcs11.h"

namespace ct::app::station {

// A refusal of the token station; `context` names what is wrong: "slot" (the token in it) or
// "request_id" (the request's state).
[[nodiscard]] Error refused(ErrorCode code, const std::string& vi, const std::string& en,
                            const std::string& context = "slot");
// `n` random decimal digits (unbiased: bytes ≥ 250 are drawn again).
[[nodiscard]] std::string random_digits(Rng& rng, std::size_t n);
// The token label from a holder's name: the UTF-8 name cut at a character boundary to at most
// 32 bytes (CK_TOKEN_INFO.label).
[[nodiscard]] std::string token_label(std::string_view name);
// The token present in `slot`: not_found for an unknown slot, invalid_input for an empty one,
// unavailable for a token that cannot be read.
[[nodiscard]] Result<crypto::pkcs11::TokenInfo> token_in(const crypto::pkcs11::Module& module, std::uint64_t slot);
// The serials of the initialized tokens the module sees.
[[nodiscard]] Result<std::set<std::string>> initialized_serials(const crypto::pkcs11::Module& module);
// After C_InitToken on a token that had no serial (SoftHSM2's blank slot): the one newly
// initialized token with `label`, not among `before`.
[[nodiscard]] Result<std::string> new_serial(const crypto::pkcs11::Module& module, const std::set<std::string>& before,
                                             const std::string& label);
// A session with the token `serial`, wherever it is now (slots move: pkcs11.h).
[[nodiscard]] Result<crypto::pkcs11::Session> session_with(const crypto::pkcs11::Module& module,
                                                           const std::string& serial);
// SO login with `so_pin`, C_InitPIN(`user_pin`), logout. A wrong SO PIN names the token.
[[nodiscard]] Status set_user_pin(const crypto::pkcs11::Module& module, const std::string& serial,
                                  std::string_view so_pin, std::string_view user_pin);
// The test hook of token_station.h: unavailable when CHUNGTHU_TEST_FAIL_AT is `point`.
[[nodiscard]] Status fail_point(std::string_view point);
// `e` with the token's serial and a hint for a token pulled out.
[[nodiscard]] Error about_token(const Error& e, const std::string& serial);

}  // namespace ct::app::station
