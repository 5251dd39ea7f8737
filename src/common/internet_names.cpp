#include "common/internet_names.h"

#include <algorithm>

namespace ct {
namespace {

bool is_ascii_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_ldh_label(std::string_view label) noexcept {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return is_ascii_alnum(c) || c == '-'; });
}

// RFC 5322 §3.2.3 atext.
bool is_atext(char c) noexcept {
  return is_ascii_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

}  // namespace

bool is_dns_name(std::string_view name, bool allow_wildcard) noexcept {
  if (name.empty() || name.size() > 253) return false;
  if (allow_wildcard && name.starts_with("*.")) name.remove_prefix(2);
  while (true) {
    const auto dot = name.find('.');
    if (!is_ldh_label(name.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    name.remove_prefix(dot + 1);
  }
}

bool is_email_address(std::string_view address) noexcept {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || address.size() > 254) return false;
  const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  if (!std::all_of(local.begin(), local.end(), [](char c) { return is_atext(c) || c == '.'; })) return false;
  const auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || !is_dns_name(domain)) return false;
  const std::string_view tld = domain.substr(last_dot + 1);
  return tld.size() >= 2 &&
         std::all_of(tld.begin(), tld.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

}  // namespace ct
