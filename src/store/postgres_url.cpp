#include "store/postgres_url.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include "store/postgres_database.h"

namespace ct::store {
namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const std::string hex(s.substr(i + 1, 2));
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 2) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// [begin, end) of the password in `user:PASSWORD@host` of a URI, if any.
std::optional<std::pair<std::size_t, std::size_t>> userinfo_password(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  const std::size_t start = scheme + 3;
  const auto authority_end = url.find_first_of("/?", start);
  const std::string_view authority = url.substr(start, authority_end == std::string_view::npos ? std::string_view::npos
                                                                                               : authority_end - start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return std::make_pair(start + colon + 1, start + at);
}

// [begin, end) of each `password=VALUE` (URI query parameter or keyword/value pair; anywhere,
// so that a malformed URL is redacted too).
std::vector<std::pair<std::size_t, std::size_t>> keyword_passwords(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t pos = 0; (pos = url.find("password=", pos)) != std::string_view::npos;) {
    pos += 9;
    auto end = url.find_first_of("& ", pos);
    if (end == std::string_view::npos) end = url.size();
    out.emplace_back(pos, end);
  }
  return out;
}

}  // namespace

std::vector<std::string> url_passwords(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> spans = keyword_passwords(url);
  if (auto p = userinfo_password(url)) spans.push_back(*p);
  std::vector<std::string> out;
  for (auto [b, e] : spans) {
    if (e <= b) continue;
    std::string raw(url.substr(b, e - b));
    out.push_back(percent_decode(raw));
    out.push_back(std::move(raw));
  }
  return out;
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    if (s.empty()) continue;
    for (std::size_t pos = 0; (pos = text.find(s, pos)) != std::string::npos; pos += 3) text.replace(pos, s.size(), "***");
  }
  return text;
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string redact_database_url(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> spans = keyword_passwords(url);
  if (auto p = userinfo_password(url)) spans.push_back(*p);
  std::sort(spans.begin(), spans.end());
  std::string out(url);
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) out.replace(it->first, it->second - it->first, "***");
  return out;
}

}  // namespace ct::store
