#pragma once
// Working days in Vietnam (Asia/Ho_Chi_Minh, UTC+7): Monday–Friday except configured public
// holidays. The decision on a request is due within N working days of a valid submission
// (Decree 68/2024/NĐ-CP: 3 working days; SPEC §4).

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"

namespace ct::registry {

class WorkingCalendar final {
 public:
  // Holidays as dd/MM/yyyy; an unparsable one is an invalid_input error naming registry.holidays.
  [[nodiscard]] static Result<WorkingCalendar> make(const std::vector<std::string>& holidays);

  [[nodiscard]] bool is_working_day(std::chrono::sys_days vn_date) const;
  // The Vietnam calendar date of `t`.
  [[nodiscard]] static std::chrono::sys_days vn_date(TimePoint t);
  // The end of the n-th working day after the Vietnam date of `from` (the day of submission does
  // not count), as the exclusive instant: midnight (Vietnam) starting the following day.
  [[nodiscard]] TimePoint deadline(TimePoint from, int working_days) const;

 private:
  std::set<std::chrono::sys_days> holidays_;
};

}  // namespace ct::registry
