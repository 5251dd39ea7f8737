#pragma once
// Randomness is injected: production uses crypto::SystemRng (OpenSSL's DRBG); tests may use
// DeterministicRng to make serial numbers and other random choices reproducible.

#include <cstdint>
#include <span>

namespace ct {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

// Not cryptographically secure: for tests only (splitmix64 stream from a seed).
class DeterministicRng final : public Rng {
 public:
  explicit DeterministicRng(std::uint64_t seed) : state_(seed) {}
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) {
      state_ += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = state_;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      b = static_cast<std::uint8_t>(z ^ (z >> 31));
    }
  }

 private:
  std::uint64_t state_;
};

}  // namespace ct
