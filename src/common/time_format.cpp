#include "common/time_format.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace ct::timefmt {
namespace {

struct Civil {
  int y;
  unsigned m, d;
  long long secs_of_day;
};

Civil civil(TimePoint t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  return Civil{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()), (t - day).count()};
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

std::string iso8601_utc(TimePoint t) {
  const Civil c = civil(t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.y, c.m, c.d, c.secs_of_day / 3600,
                     (c.secs_of_day / 60) % 60, c.secs_of_day % 60);
}

std::string vn_date(TimePoint t) {
  const Civil c = civil(t + kVietnamOffset);
  return fmt::format("{:02}/{:02}/{:04}", c.d, c.m, c.y);
}

std::string vn_datetime(TimePoint t) {
  const Civil c = civil(t + kVietnamOffset);
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}:{:02}", c.d, c.m, c.y, c.secs_of_day / 3600,
                     (c.secs_of_day / 60) % 60, c.secs_of_day % 60);
}

Result<TimePoint> parse_date(std::string_view s, std::string_view field) {
  int y = 0, m = 0, d = 0;
  bool ok = false;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    ok = parse_int(s.substr(0, 4), y) && parse_int(s.substr(5, 2), m) && parse_int(s.substr(8, 2), d);
  } else if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    ok = parse_int(s.substr(0, 2), d) && parse_int(s.substr(3, 2), m) && parse_int(s.substr(6, 4), y);
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ok || !ymd.ok() || y < 1900) {
    return fail(ErrorCode::invalid_input,
                fmt::format("Ngày không hợp lệ: '{}' (dùng dd/MM/yyyy hoặc YYYY-MM-DD)", s),
                fmt::format("Invalid date '{}' (use dd/MM/yyyy or YYYY-MM-DD)", s), std::string(field));
  }
  return TimePoint{std::chrono::sys_days{ymd}} - kVietnamOffset;
}

std::string http_date(TimePoint t) {
  const std::time_t tt = static_cast<std::time_t>(to_unix(t));
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7], tm.tm_mday,
                kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace ct::timefmt
