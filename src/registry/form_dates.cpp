#include "registry/form_dates.h"

#include <cstdio>
#include <vector>

namespace ct::registry {

std::optional<std::chrono::sys_days> parse_vn_date(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto d = num(0, 2), m = num(3, 2), y = num(6, 4);
  if (!d || !m || !y || *y < 1900 || *y > 2100) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

namespace {

std::optional<std::chrono::sys_days> make_date(int d, int m, int y) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

// Runs of digits separated by one separator character, the same one throughout.
std::optional<std::vector<std::string_view>> date_parts(std::string_view s, char& sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  sep = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] >= '0' && s[i] <= '9') continue;
    if (i == start) return std::nullopt;
    parts.push_back(s.substr(start, i - start));
    if (i < s.size()) {
      if (sep != 0 && s[i] != sep) return std::nullopt;
      sep = s[i];
    }
    start = i + 1;
  }
  if (parts.size() != 3) return std::nullopt;
  return parts;
}

int number(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<std::chrono::sys_days> parse_written_date(std::string_view s) {
  if (s.size() > 10) return std::nullopt;
  char sep = 0;
  auto parts = date_parts(s, sep);
  if (!parts || (sep != '/' && sep != '-' && sep != '.')) return std::nullopt;
  const auto& p = *parts;
  if (sep == '-' && p[0].size() == 4 && p[1].size() == 2 && p[2].size() == 2)
    return make_date(number(p[2]), number(p[1]), number(p[0]));
  if (p[0].size() > 2 || p[1].size() > 2 || p[2].size() != 4) return std::nullopt;
  return make_date(number(p[0]), number(p[1]), number(p[2]));
}

std::string format_vn_date(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                static_cast<int>(ymd.year()));
  return buf;
}

int age_on(std::chrono::sys_days birth, std::chrono::sys_days on) {
  const std::chrono::year_month_day b{birth}, o{on};
  int years = static_cast<int>(o.year()) - static_cast<int>(b.year());
  if (o.month() < b.month() || (o.month() == b.month() && o.day() < b.day())) --years;
  return years;
}

}  // namespace ct::registry
