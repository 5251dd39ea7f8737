#include "crypto/random.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace ct::crypto {

void SystemRng::fill(std::span<std::uint8_t> out) {
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) std::abort();
}

}  // namespace ct::crypto
