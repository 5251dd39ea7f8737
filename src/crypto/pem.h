#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/hex.h"

namespace ct::crypto {

// "-----BEGIN <label>-----" base64 lines of 64 "-----END <label>-----\n".
[[nodiscard]] std::string to_pem(std::span<const std::uint8_t> der, std::string_view label);
// If `input` holds a PEM block with one of `labels`, its decoded DER; if it looks like DER
// (starts with a SEQUENCE tag), the input itself; otherwise invalid_input.
[[nodiscard]] Result<Bytes> pem_or_der(std::span<const std::uint8_t> input,
                                       std::initializer_list<std::string_view> labels);

}  // namespace ct::crypto
