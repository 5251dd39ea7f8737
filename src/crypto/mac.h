#pragma once
// Message authentication codes: HMAC (RFC 2104) over the hashes of keys.h.

#include <cstdint>
#include <span>

#include "common/hex.h"
#include "crypto/keys.h"

namespace ct::crypto {

// HMAC of `data` under `key` with `alg` (RFC 2104; test vectors in RFC 4231). Any key length,
// including empty; the result has the hash's length.
[[nodiscard]] Bytes hmac(HashAlg alg, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

}  // namespace ct::crypto
