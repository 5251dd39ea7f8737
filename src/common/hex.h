#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ct {

using Bytes = std::vector<std::uint8_t>;

[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> data);  // uppercase, no separators
// Accepts upper or lower case, optional ':' separators; nullopt when not hex.
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view text);
// Canonical serial text: uppercase hex of the magnitude, leading zero bytes removed, even length.
// Accepts "0a:1b", "0A1B", "a1b" (odd length is padded). nullopt when not hex or empty.
[[nodiscard]] std::optional<std::string> normalize_serial_hex(std::string_view text);

}  // namespace ct
