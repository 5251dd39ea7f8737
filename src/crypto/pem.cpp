#include "crypto/pem.h"

#include <openssl/evp.h>

#include "crypto/ossl_error.h"

namespace ct::crypto {
namespace {

constexpr std::size_t kLineLength = 64;  // RFC 7468 §2: lines of exactly 64 characters but the last

[[nodiscard]] bool is_base64_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

[[nodiscard]] bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

[[nodiscard]] auto bad_pem(const std::string& vi, const std::string& en) {
  return fail(ErrorCode::invalid_input, "Dữ liệu PEM không hợp lệ: " + vi, "Invalid PEM data: " + en);
}

// RFC 7468 §3 strict base64 text between the encapsulation boundaries; white space is ignored,
// anything else (including RFC 1421 headers) is refused.
[[nodiscard]] Result<Bytes> decode_base64(std::string_view body) {
  std::string clean;
  clean.reserve(body.size());
  std::size_t padding = 0;
  for (char c : body) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
    } else if (!is_base64_char(c) || padding > 0) {
      return bad_pem("ký tự không thuộc base64", "character outside base64");
    }
    clean.push_back(c);
  }
  if (clean.empty()) return bad_pem("khối PEM rỗng", "empty PEM block");
  if (clean.size() % 4 != 0 || padding > 2) return bad_pem("độ dài base64 sai", "bad base64 length");
  Bytes out(clean.size() / 4 * 3);
  const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(clean.data()),
                                  static_cast<int>(clean.size()));
  if (len < 0 || static_cast<std::size_t>(len) < padding) return bad_pem("base64 hỏng", "corrupt base64");
  out.resize(static_cast<std::size_t>(len) - padding);
  return out;
}

}  // namespace

std::string to_pem(std::span<const std::uint8_t> der, std::string_view label) {
  std::string b64(4 * ((der.size() + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), der.data(), static_cast<int>(der.size()));
  b64.resize(len > 0 ? static_cast<std::size_t>(len) : 0);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += kLineLength) {
    out.append(b64, i, kLineLength);
    out.push_back('\n');
  }
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

Result<Bytes> pem_or_der(std::span<const std::uint8_t> input, std::initializer_list<std::string_view> labels) {
  ErrorQueueGuard guard;
  const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
  for (const std::string_view label : labels) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::size_t begin_pos = text.find(begin);
    if (begin_pos == std::string_view::npos) continue;
    const std::size_t body_pos = begin_pos + begin.size();
    const std::string end = "-----END " + std::string(label) + "-----";
    const std::size_t end_pos = text.find(end, body_pos);
    if (end_pos == std::string_view::npos) {
      return bad_pem("thiếu dòng kết thúc \"" + end + "\"", "missing \"" + end + "\"");
    }
    return decode_base64(text.substr(body_pos, end_pos - body_pos));
  }
  if (!input.empty() && input[0] == 0x30) return Bytes(input.begin(), input.end());
  std::string expected;
  for (const std::string_view label : labels) {
    if (!expected.empty()) expected += ", ";
    expected += label;
  }
  if (text.find("-----BEGIN ") != std::string_view::npos) {
    return bad_pem("nhãn khối PEM không phải " + expected, "the PEM block is not " + expected);
  }
  return fail(ErrorCode::invalid_input, "Dữ liệu không phải PEM (" + expected + ") cũng không phải DER",
              "Input is neither PEM (" + expected + ") nor DER");
}

}  // namespace ct::crypto
