#pragma once

#include "common/hex.h"
#include "common/rng.h"

namespace ct::pki {

// 128 random bits as a positive INTEGER (RFC 5280 §4.1.2.2: positive, at most 20 octets;
// CA/B Forum practice: at least 64 bits from a CSPRNG). The first octet is never zero, so the
// canonical hex is always 32 digits.
[[nodiscard]] Bytes generate_serial(Rng& rng);

}  // namespace ct::pki
