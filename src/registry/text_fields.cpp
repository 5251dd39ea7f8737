#include "registry/text_fields.h"

#include <cctype>

#include "common/text.h"

namespace ct::registry {

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Result<std::string> clean_text(std::string_view value, std::string_view field, std::size_t max_chars, bool required) {
  auto nfc = text::to_nfc(text::trim(value), field);
  if (!nfc) return fail(nfc.error());
  const std::string f(field);
  for (unsigned char c : *nfc) {
    if (c < 0x20 || c == 0x7F) {
      return fail(ErrorCode::invalid_input, "Trường " + f + " chứa ký tự điều khiển",
                  "Field " + f + " contains a control character", f);
    }
  }
  if (required && nfc->empty()) {
    return fail(ErrorCode::invalid_input, "Thiếu trường bắt buộc " + f, "The required field " + f + " is missing", f);
  }
  if (utf8_length(*nfc) > max_chars) {
    return fail(ErrorCode::invalid_input,
                "Trường " + f + " dài quá " + std::to_string(max_chars) + " ký tự",
                "Field " + f + " is longer than " + std::to_string(max_chars) + " characters", f);
  }
  return *nfc;
}

}  // namespace ct::registry
