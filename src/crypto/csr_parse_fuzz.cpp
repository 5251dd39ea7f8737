// libFuzzer target: parse_csr must refuse or accept any input without crashing, leaking or
// tripping ASan/UBSan. Built with -DCHUNGTHU_FUZZ=ON; seed corpus: tests/data/csr/.

#include <cstddef>
#include <cstdint>
#include <span>

#include "crypto/csr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto info = ct::crypto::parse_csr(std::span<const std::uint8_t>(data, size));
  if (info && info->public_key_der.empty()) __builtin_trap();
  return 0;
}
