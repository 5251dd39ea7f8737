// libFuzzer target: parse_ocsp_request must return a value or an invalid_input error for any
// input, never crash, leak or read out of bounds (built with -DCHUNGTHU_FUZZ=ON).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "crypto/ocsp.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto r = ct::crypto::parse_ocsp_request(std::span<const std::uint8_t>(data, size));
  if (r) {
    if (r->ids.empty() || r->ids.size() > 32) std::abort();
    if (r->nonce && (r->nonce->empty() || r->nonce->size() > 128)) std::abort();
  } else if (r.error().code != ct::ErrorCode::invalid_input) {
    std::abort();
  }
  return 0;
}
