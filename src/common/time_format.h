#pragma once
// Times are stored in UTC and shown in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), dates as
// dd/MM/yyyy (SPEC §2).

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"

namespace ct::timefmt {

// Vietnam time is UTC+7 all year.
inline constexpr std::chrono::hours kVietnamOffset{7};

[[nodiscard]] std::string iso8601_utc(TimePoint t);            // 2026-11-21T06:09:00Z
[[nodiscard]] std::string vn_date(TimePoint t);                // 21/11/2026 (Vietnam time)
[[nodiscard]] std::string vn_datetime(TimePoint t);            // 21/11/2026 13:09:00
// IMF-fixdate (RFC 9110 §5.6.7), "Sun, 06 Nov 1994 08:49:37 GMT", whatever the C locale.
[[nodiscard]] std::string http_date(TimePoint t);
// Accepts YYYY-MM-DD or dd/MM/yyyy; midnight of that date in Vietnam time, as UTC.
[[nodiscard]] Result<TimePoint> parse_date(std::string_view s, std::string_view field = {});

}  // namespace ct::timefmt
