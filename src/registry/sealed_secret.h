#pragma once
// Secrets the CA keeps but never shows (users' TOTP secrets, tokens' SO PINs), sealed in the
// store with libsodium's secretbox (XSalsa20-Poly1305) under a 32-byte key of the installation
// (app::Context::totp_key(), device_key()). The sealed form is hex of nonce | box: a fresh
// random nonce per seal, so sealing the same secret twice gives two different texts.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/hex.h"
#include "common/rng.h"

namespace ct::registry::sealed {

inline constexpr std::size_t kKeyBytes = 32;

// `secret` sealed under `key` (kKeyBytes), nonce from `rng`. internal when the key has the
// wrong size or libsodium cannot start.
[[nodiscard]] Result<std::string> seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> secret,
                                       Rng& rng);
// The secret of `sealed_hex`. integrity when it is damaged or was sealed under another key;
// `what` ("user_totp", "device_so_pin") is the error's context.
[[nodiscard]] Result<Bytes> open(std::span<const std::uint8_t> key, const std::string& sealed_hex,
                                 std::string_view what);

}  // namespace ct::registry::sealed
