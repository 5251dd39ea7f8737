#include "common/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>

namespace ct::text {

bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto len = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < len) {
    UChar32 c = 0;
    U8_NEXT(p, i, len, c);
    if (c < 0) return false;
  }
  return true;
}

Result<std::string> to_nfc(std::string_view s, std::string_view field) {
  if (!is_valid_utf8(s)) {
    return fail(ErrorCode::invalid_input, "Văn bản không phải UTF-8 hợp lệ",
                "Text is not valid UTF-8", std::string(field));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return fail(ErrorCode::internal, "Không khởi tạo được chuẩn hóa Unicode",
                "Unicode normalizer unavailable");
  }
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfc->isNormalized(in, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) {
    return fail(ErrorCode::invalid_input, "Không chuẩn hóa được văn bản", "Cannot normalize text",
                std::string(field));
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string upper(std::string_view s) {
  if (!is_valid_utf8(s)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string fold(std::string_view s) {
  std::string out;
  if (!is_valid_utf8(s)) {
    return trim(ascii_lower(s));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(in, status) : in;
  if (U_FAILURE(status)) decomposed = in;
  icu::UnicodeString kept;
  bool last_space = true;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ have no decomposition
    if (u_isUWhiteSpace(c)) {
      if (!last_space) kept.append(static_cast<UChar>(' '));
      last_space = true;
      continue;
    }
    kept.append(u_tolower(c));
    last_space = false;
  }
  kept.toUTF8String(out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace ct::text
