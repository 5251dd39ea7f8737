#include "registry/form_dates.h"

#include <cstdio>

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
