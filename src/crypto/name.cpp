#include "crypto/name.h"

#include <array>
#include <cstddef>
#include <optional>

#include "common/text.h"

namespace ct::crypto {
namespace {

struct AttributeRule {
  std::string_view type;
  std::size_t max_chars;  // upper bounds of RFC 5280 Appendix A (ub-*)
};

constexpr std::array<AttributeRule, 9> kAttributes{{
    {"C", 2},
    {"ST", 128},             // ub-state-name
    {"L", 128},              // ub-locality-name
    {"O", 64},               // ub-organization-name
    {"OU", 64},              // ub-organizational-unit-name
    {"CN", 64},              // ub-common-name
    {"serialNumber", 64},    // ub-serial-number
    {"emailAddress", 255},   // ub-emailaddress-length
    {"UID", 64},
}};

[[nodiscard]] char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

[[nodiscard]] const AttributeRule* find_rule(std::string_view type) noexcept {
  for (const auto& rule : kAttributes) {
    if (iequals(rule.type, type)) return &rule;
  }
  return nullptr;
}

[[nodiscard]] std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

[[nodiscard]] std::string_view trim_spaces(std::string_view s) noexcept {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// X.520 PrintableString: A-Z a-z 0-9 space ' ( ) + , - . / : = ?
[[nodiscard]] bool is_printable_string(std::string_view s) noexcept {
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

[[nodiscard]] bool is_ia5_string(std::string_view s) noexcept {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80U) return false;
  }
  return true;
}

[[nodiscard]] bool has_control(std::string_view s) noexcept {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20U || u == 0x7FU) return true;
  }
  return false;
}

[[nodiscard]] auto bad_dn(const std::string& vi, const std::string& en, std::string_view where) {
  return fail(ErrorCode::invalid_input, "Tên phân biệt (DN) không hợp lệ: " + vi,
              "Invalid distinguished name: " + en, std::string(where));
}

// Splits at ',' not preceded by an escaping '\'.
[[nodiscard]] std::vector<std::string_view> split_components(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == ',') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

[[nodiscard]] std::size_t find_unescaped_equals(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '=') {
      return i;
    }
  }
  return std::string_view::npos;
}

[[nodiscard]] std::optional<std::string> unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.push_back(raw[i]);
      continue;
    }
    if (i + 1 >= raw.size()) return std::nullopt;
    const char next = raw[++i];
    if (next != ',' && next != '=' && next != '\\') return std::nullopt;
    out.push_back(next);
  }
  return out;
}

[[nodiscard]] Result<NameAttribute> parse_component(std::string_view raw) {
  const std::string_view comp = trim_spaces(raw);
  const std::size_t eq = find_unescaped_equals(comp);
  if (eq == std::string_view::npos) {
    return bad_dn("thiếu dấu '=' trong \"" + std::string(comp) + "\"",
                  "missing '=' in \"" + std::string(comp) + "\"", comp);
  }
  const std::string_view type = trim_spaces(comp.substr(0, eq));
  const AttributeRule* rule = find_rule(type);
  if (rule == nullptr) {
    return bad_dn("loại thuộc tính không hỗ trợ \"" + std::string(type) + "\"",
                  "unsupported attribute type \"" + std::string(type) + "\"", comp);
  }
  const std::string canonical(rule->type);
  auto value = unescape(trim_spaces(comp.substr(eq + 1)));
  if (!value) {
    return bad_dn("ký tự thoát '\\' sai trong " + canonical, "bad '\\' escape in " + canonical, comp);
  }
  if (value->empty()) {
    return bad_dn("giá trị " + canonical + " trống", canonical + " has an empty value", comp);
  }
  auto nfc = text::to_nfc(*value, canonical);
  if (!nfc) return bad_dn(canonical + " không phải UTF-8 hợp lệ", canonical + " is not valid UTF-8", canonical);
  if (has_control(*nfc)) {
    return bad_dn(canonical + " chứa ký tự điều khiển", canonical + " contains a control character", comp);
  }
  if (utf8_length(*nfc) > rule->max_chars) {
    return bad_dn(canonical + " dài quá " + std::to_string(rule->max_chars) + " ký tự",
                  canonical + " is longer than " + std::to_string(rule->max_chars) + " characters", comp);
  }
  if (canonical == "C" && !(nfc->size() == 2 && (*nfc)[0] >= 'A' && (*nfc)[0] <= 'Z' && (*nfc)[1] >= 'A' &&
                            (*nfc)[1] <= 'Z')) {
    return bad_dn("mã quốc gia C phải gồm hai chữ cái in hoa (ví dụ VN)",
                  "country C must be two upper-case letters (e.g. VN)", comp);
  }
  if (canonical == "serialNumber" && !is_printable_string(*nfc)) {
    return bad_dn("serialNumber chỉ được dùng chữ Latin không dấu, chữ số và ' ( ) + , - . / : = ?",
                  "serialNumber must be a PrintableString (A-Z a-z 0-9 ' ( ) + , - . / : = ?)", comp);
  }
  if (canonical == "emailAddress" && !is_ia5_string(*nfc)) {
    return bad_dn("emailAddress chỉ được dùng ký tự ASCII", "emailAddress must be ASCII (IA5String)", comp);
  }
  return NameAttribute{canonical, std::move(*nfc)};
}

}  // namespace

Result<DistinguishedName> parse_dn(std::string_view text) {
  DistinguishedName dn;
  if (trim_spaces(text).empty()) return dn;
  for (const std::string_view raw : split_components(text)) {
    auto attr = parse_component(raw);
    if (!attr) return fail(attr.error());
    dn.push_back(std::move(*attr));
  }
  return dn;
}

std::string format_dn(const DistinguishedName& dn) {
  std::string out;
  for (const auto& attr : dn) {
    if (!out.empty()) out.push_back(',');
    out += attr.type;
    out.push_back('=');
    for (char c : attr.value) {
      if (c == ',' || c == '=' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> organization_names(const DistinguishedName& dn) {
  std::vector<std::string> out;
  for (const auto& attr : dn) {
    if (attr.type == "O" || attr.type == "OU") out.push_back(attr.value);
  }
  return out;
}

std::string dn_value(const DistinguishedName& dn, std::string_view type) {
  for (const auto& attr : dn) {
    if (attr.type == type) return attr.value;
  }
  return {};
}

}  // namespace ct::crypto
