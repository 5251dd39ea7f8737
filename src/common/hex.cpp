#include "common/hex.h"

namespace ct {

std::string to_hex(std::span<const std::uint8_t> data) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(data.size() * 2);
  for (auto b : data) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Bytes> from_hex(std::string_view text) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c == ':') continue;
    if (nibble(c) < 0) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() % 2 != 0) return std::nullopt;
  Bytes out(digits.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(nibble(digits[2 * i]) * 16 + nibble(digits[2 * i + 1]));
  }
  return out;
}

std::optional<std::string> normalize_serial_hex(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (nibble(c) < 0) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.empty() || digits.size() > 40) return std::nullopt;
  if (digits.size() % 2 != 0) digits.insert(digits.begin(), '0');
  auto bytes = from_hex(digits);
  if (!bytes) return std::nullopt;
  std::size_t first = 0;
  while (first + 1 < bytes->size() && (*bytes)[first] == 0) ++first;
  return to_hex(std::span<const std::uint8_t>(*bytes).subspan(first));
}

}  // namespace ct
