#include "notify/mime.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <span>

#include "common/text.h"
#include "crypto/keys.h"

namespace ct::notify {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 2047 §2: a header line holding encoded-words is at most 76 characters; we fold every
// header there. RFC 5322 §2.1.1: no line may exceed 998 characters.
constexpr std::size_t kFoldAt = 76;
constexpr std::size_t kMaxLine = 998;
constexpr std::size_t kMaxEncodedWord = 75;
constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";
constexpr std::size_t kBase64Line = 76;  // RFC 2045 §6.8

[[nodiscard]] std::string base64(std::string_view data) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      const std::uint32_t octet = k < n ? static_cast<unsigned char>(data[i + k]) : 0U;
      group = (group << 8U) | octet;
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? kAlphabet[(group >> (18U - 6U * k)) & 0x3FU] : '=');
    }
  }
  return out;
}

// Base64 body lines, each ended with CRLF (none for an empty body).
[[nodiscard]] std::string base64_lines(std::string_view data) {
  const std::string b64 = base64(data);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += kBase64Line) {
    out.append(b64, i, kBase64Line);
    out.append(kCrlf);
  }
  return out;
}

// RFC 2045 §6.8 / RFC 2046 §4.1.1: text is encoded from its canonical form, CRLF line ends.
[[nodiscard]] std::string with_crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out.append(kCrlf);
    } else if (s[i] == '\n') {
      out.append(kCrlf);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Octets of the UTF-8 sequence led by `b`; 1 for a byte that cannot lead one.
[[nodiscard]] std::size_t utf8_sequence_length(unsigned char b) noexcept {
  if (b < 0xC2) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  if (b < 0xF5) return 4;
  return 1;
}

[[nodiscard]] bool needs_encoding(std::string_view text) noexcept {
  return text.find("=?") != std::string_view::npos ||
         std::any_of(text.begin(), text.end(), [](char c) { return c < 0x20 || c > 0x7E; });
}

// Encoded-words for `text`, the first at most `first_room` characters long (the rest of its
// header line) when something fits there, the others at most 75.
[[nodiscard]] std::string encoded_words(std::string_view text, std::size_t first_room) {
  std::string out;
  std::size_t room = std::min(first_room, kMaxEncodedWord);
  constexpr std::size_t kOverhead = kWordStart.size() + kWordEnd.size();
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t max_octets = room > kOverhead ? (room - kOverhead) / 4 * 3 : 0;
    std::size_t end = pos;
    while (end < text.size()) {
      const std::size_t next = std::min(text.size(), end + utf8_sequence_length(static_cast<unsigned char>(text[end])));
      if (next - pos > max_octets) break;
      end = next;
    }
    if (end == pos) {  // not even one character fits in the first line's room: start on the next
      room = kMaxEncodedWord;
      continue;
    }
    if (!out.empty()) out.push_back(' ');
    out.append(kWordStart).append(base64(text.substr(pos, end - pos))).append(kWordEnd);
    pos = end;
    room = kMaxEncodedWord;
  }
  return out;
}

[[nodiscard]] std::string header_text(std::string_view text, std::size_t first_room) {
  return needs_encoding(text) ? encoded_words(text, first_room) : std::string(text);
}

// RFC 5322 §3.2.3 atext, and the space between atoms of a phrase.
[[nodiscard]] bool is_phrase_char(char c) noexcept {
  static constexpr std::string_view kAtextSymbols = "!#$%&'*+-/=?^_`{|}~ ";
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         kAtextSymbols.find(c) != std::string_view::npos;
}

[[nodiscard]] std::string address_text(const MailAddress& a, std::size_t first_room) {
  const std::string_view name = a.display_name;
  if (name.empty()) return a.address;
  std::string phrase;
  if (needs_encoding(name)) {
    phrase = encoded_words(name, first_room);
  } else if (std::all_of(name.begin(), name.end(), is_phrase_char) && name.front() != ' ' && name.back() != ' ') {
    phrase = name;
  } else {
    phrase = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\') phrase.push_back('\\');
      phrase.push_back(c);
    }
    phrase.push_back('"');
  }
  return phrase + " <" + a.address + ">";
}

// "Name: value" CRLF, folded (RFC 5322 §2.2.3) before a space that precedes a non-space, so no
// line is white space only and removing each inserted CRLF gives the field back; a piece without
// such a space stays whole even past kFoldAt.
[[nodiscard]] std::string header_field(std::string_view name, std::string_view value) {
  const std::string line = std::string(name) + ": " + std::string(value);
  const auto may_fold_at = [&](std::size_t i) {
    return i > name.size() && line[i] == ' ' && i + 1 < line.size() && line[i + 1] != ' ';
  };
  std::string out;
  std::size_t column = 0;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t end = start + 1;
    while (end < line.size() && !may_fold_at(end)) ++end;
    if (column > 0 && column + (end - start) > kFoldAt) {
      out.append(kCrlf);
      column = 0;
    }
    out.append(line, start, end - start);
    column += end - start;
    start = end;
  }
  out.append(kCrlf);
  return out;
}

[[nodiscard]] std::size_t room_after(std::string_view header_name) noexcept {
  return kFoldAt - header_name.size() - 2;
}

// Boundaries from SHA-256(message id): deterministic, and never in base64 text ('_' is outside
// its alphabet and '=' only ends it) nor in our headers. Neither is a prefix of the other, as
// RFC 2046 §5.1.1 requires of nested multiparts.
[[nodiscard]] std::string boundary_hex(std::string_view message_id) {
  const auto id = std::span(reinterpret_cast<const std::uint8_t*>(message_id.data()), message_id.size());
  return to_hex(crypto::digest(crypto::HashAlg::sha256, id));
}
[[nodiscard]] std::string alternative_boundary(std::string_view message_id) {
  return "=_ct_alt_" + boundary_hex(message_id).substr(0, 24);
}
[[nodiscard]] std::string signed_boundary(std::string_view message_id) {
  return "=_ct_sig_" + boundary_hex(message_id).substr(24, 24);
}

[[nodiscard]] std::string base64_part(std::string_view content_type, std::string_view body,
                                      std::string_view disposition = {}) {
  std::string out = "Content-Type: " + std::string(content_type) + "\r\nContent-Transfer-Encoding: base64\r\n";
  if (!disposition.empty()) out += "Content-Disposition: " + std::string(disposition) + "\r\n";
  return out + "\r\n" + base64_lines(body);
}

auto invalid(const std::string& vi, const std::string& en, const std::string& field) {
  return fail(ErrorCode::invalid_input, vi, en, field);
}

[[nodiscard]] bool has_line_break(std::string_view s) noexcept {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// RFC 5322 §3.4.1 addr-spec restricted to dot-atom-like ASCII: no quoted local part, no
// domain literal, no IDN (U-labels), no white space.
[[nodiscard]] bool is_plain_addr_spec(std::string_view s) noexcept {
  static constexpr std::string_view kForbidden = "()<>[]:;,\\\"";
  const std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= s.size() || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c > 0x20 && c < 0x7F && kForbidden.find(c) == std::string_view::npos; });
}

[[nodiscard]] Status check_text(std::string_view value, const std::string& field) {
  if (has_line_break(value)) {
    return invalid("Giá trị tiêu đề thư không được chứa ký tự xuống dòng (CR, LF)",
                   "A mail header value must not contain CR or LF", field);
  }
  if (!text::is_valid_utf8(value)) {
    return invalid("Giá trị tiêu đề thư không phải UTF-8 hợp lệ", "A mail header value is not valid UTF-8", field);
  }
  return {};
}

[[nodiscard]] Status check_address(const MailAddress& a, const std::string& field) {
  if (auto ok = check_text(a.display_name, field + ".display_name"); !ok) return ok;
  if (!is_plain_addr_spec(a.address)) {
    return invalid(
        "Địa chỉ thư điện tử phải là chuỗi ASCII dạng tên@miền, không dấu, không khoảng trắng: '" + a.address + "'",
        "A mail address must be plain ASCII local@domain without spaces: '" + a.address + "'", field + ".address");
  }
  return {};
}

[[nodiscard]] Status check_extra_header(std::string_view name, std::string_view value, const std::string& field) {
  static constexpr std::array<std::string_view, 10> kOwnHeaders{"from",
                                                                "to",
                                                                "reply-to",
                                                                "subject",
                                                                "date",
                                                                "message-id",
                                                                "mime-version",
                                                                "content-type",
                                                                "content-transfer-encoding",
                                                                "content-disposition"};
  // RFC 5322 §3.6.8: field-name = 1*ftext, printable ASCII except ':'.
  const bool well_formed =
      !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c < 0x7F && c != ':'; });
  if (!well_formed) {
    return invalid("Tên tiêu đề thư bổ sung không hợp lệ: '" + std::string(name) + "'",
                   "Invalid extra mail header name: '" + std::string(name) + "'", field);
  }
  if (std::find(kOwnHeaders.begin(), kOwnHeaders.end(), text::ascii_lower(name)) != kOwnHeaders.end()) {
    return invalid("Tiêu đề thư '" + std::string(name) + "' do hệ thống tự đặt, không được bổ sung",
                   "The mail header '" + std::string(name) + "' is set by the system and cannot be added", field);
  }
  return check_text(value, field);
}

[[nodiscard]] Status check_message(const MailMessage& m, std::string_view micalg) {
  if (auto ok = check_address(m.from, "from"); !ok) return ok;
  if (m.to.empty()) return invalid("Thư không có người nhận", "The message has no recipient", "to");
  for (std::size_t i = 0; i < m.to.size(); ++i) {
    if (auto ok = check_address(m.to[i], "to[" + std::to_string(i) + "]"); !ok) return ok;
  }
  if (m.reply_to) {
    if (auto ok = check_address(*m.reply_to, "reply_to"); !ok) return ok;
  }
  if (auto ok = check_text(m.subject, "subject"); !ok) return ok;
  for (const auto& [name, value] : m.extra_headers) {
    if (auto ok = check_extra_header(name, value, "extra_headers." + name); !ok) return ok;
  }
  if (!is_plain_addr_spec(m.message_id)) {
    return invalid("Message-ID phải là chuỗi ASCII dạng phần-trái@phần-phải, không có dấu <>",
                   "The Message-ID must be ASCII left@right without <>", "message_id");
  }
  if (!text::is_valid_utf8(m.text) || !text::is_valid_utf8(m.html)) {
    return invalid("Nội dung thư không phải UTF-8 hợp lệ", "The message body is not valid UTF-8", "text");
  }
  const bool token = !micalg.empty() && std::all_of(micalg.begin(), micalg.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!token) return invalid("Giá trị micalg không hợp lệ", "Invalid micalg value", "micalg");
  return {};
}

[[nodiscard]] std::string headers(const MailMessage& m, std::string_view micalg, std::string_view sig_boundary) {
  std::string out = header_field("From", address_text(m.from, room_after("From")));
  std::string to;
  for (const MailAddress& a : m.to) {
    if (!to.empty()) to += ", ";
    to += address_text(a, to.empty() ? room_after("To") : kMaxEncodedWord);
  }
  out += header_field("To", to);
  if (m.reply_to) out += header_field("Reply-To", address_text(*m.reply_to, room_after("Reply-To")));
  out += header_field("Subject", header_text(m.subject, room_after("Subject")));
  out += header_field("Date", rfc5322_date(m.date));
  out += header_field("Message-ID", "<" + m.message_id + ">");
  out += header_field("MIME-Version", "1.0");
  for (const auto& [name, value] : m.extra_headers) {
    out += header_field(name, header_text(value, name.size() + 2 < kFoldAt ? room_after(name) : 0));
  }
  out += header_field("Content-Type", "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=" +
                                          std::string(micalg) + "; boundary=\"" + std::string(sig_boundary) + "\"");
  return out;
}

[[nodiscard]] bool has_overlong_line(std::string_view s) noexcept {
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t end = std::min(s.find(kCrlf, start), s.size());
    if (end - start > kMaxLine) return true;
    start = end + kCrlf.size();
  }
  return false;
}

}  // namespace

std::string encode_header_text(std::string_view text) {
  return header_text(text, kMaxEncodedWord);
}

std::string format_address(const MailAddress& a) {
  return address_text(a, kMaxEncodedWord);
}

std::string rfc5322_date(TimePoint t) {
  static constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[std::chrono::weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string alternative_entity(const MailMessage& m) {
  const std::string b = alternative_boundary(m.message_id);
  return "Content-Type: multipart/alternative;\r\n boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" +
         base64_part("text/plain; charset=UTF-8", with_crlf(m.text)) + "--" + b + "\r\n" +
         base64_part("text/html; charset=UTF-8", with_crlf(m.html)) + "--" + b + "--\r\n";
}

Result<std::string> build_signed_message(const MailMessage& m, const EntitySigner& sign, std::string_view micalg) {
  if (auto ok = check_message(m, micalg); !ok) return fail(ok.error());
  const std::string b = signed_boundary(m.message_id);
  std::string out = headers(m, micalg, b);
  if (has_overlong_line(out)) {
    return invalid("Một dòng tiêu đề thư dài quá 998 ký tự", "A mail header line is longer than 998 characters",
                   "headers");
  }
  const std::string entity = alternative_entity(m);
  auto signature = sign(entity);
  if (!signature) return fail(signature.error());
  const std::string_view der(reinterpret_cast<const char*>(signature->data()), signature->size());
  // RFC 1847 §2.1: the CRLF before a boundary delimiter belongs to the delimiter, so the first
  // part is the entity exactly, its own final CRLF included.
  out += "\r\nThis is an S/MIME signed message (RFC 8551).\r\n--" + b + "\r\n" + entity + "\r\n--" + b + "\r\n";
  out += base64_part("application/pkcs7-signature; name=\"smime.p7s\"", der, "attachment; filename=\"smime.p7s\"");
  out += "--" + b + "--\r\n";
  return out;
}

}  // namespace ct::notify
