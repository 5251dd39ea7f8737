#pragma once

#include "common/rng.h"

namespace ct::crypto {

// OpenSSL's CSPRNG (RAND_bytes). Aborts on failure: without randomness nothing is safe to issue.
class SystemRng final : public Rng {
 public:
  void fill(std::span<std::uint8_t> out) override;
};

}  // namespace ct::crypto
