#pragma once
// Dates as the official forms write them: dd/MM/yyyy (SPEC §2, the national 19-column sheet).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace ct::registry {

// Strictly dd/MM/yyyy (two digits, two digits, four digits) naming a real calendar date with
// 1900 ≤ year ≤ 2100; nullopt otherwise.
[[nodiscard]] std::optional<std::chrono::sys_days> parse_vn_date(std::string_view s);
[[nodiscard]] std::string format_vn_date(std::chrono::sys_days d);
// The ways people write a date in a list: dd/MM/yyyy, d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy (day
// first, with one or two digits for day and month) and ISO yyyy-MM-dd; a real calendar date with
// 1900 ≤ year ≤ 2100. nullopt for anything else (two-digit years, month first, words).
[[nodiscard]] std::optional<std::chrono::sys_days> parse_written_date(std::string_view s);
// Whole years from `birth` to `on` (a birthday counts on its day).
[[nodiscard]] int age_on(std::chrono::sys_days birth, std::chrono::sys_days on);

}  // namespace ct::registry
