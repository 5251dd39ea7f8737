#pragma once
// Text entered by people: trimmed, UTF-8 NFC (SPEC §2), length-limited in characters.

#include <string>
#include <string_view>

#include "common/error.h"

namespace ct::registry {

[[nodiscard]] std::size_t utf8_length(std::string_view s) noexcept;
// Trimmed NFC text; refuses invalid UTF-8, control characters, more than `max_chars`
// characters, and an empty value when `required`. Errors name `field`.
[[nodiscard]] Result<std::string> clean_text(std::string_view value, std::string_view field, std::size_t max_chars,
                                             bool required);

}  // namespace ct::registry
