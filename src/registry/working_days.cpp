#include "registry/working_days.h"

#include "common/time_format.h"
#include "registry/form_dates.h"

namespace ct::registry {
namespace {
}

Result<WorkingCalendar> WorkingCalendar::make(const std::vector<std::string>& holidays) {
  WorkingCalendar c;
  for (const auto& h : holidays) {
    auto d = parse_vn_date(h);
    if (!d) {
      return fail(ErrorCode::invalid_input, "Ngày nghỉ lễ không hợp lệ (cần dd/MM/yyyy): " + h,
                  "Invalid holiday date (dd/MM/yyyy expected): " + h, "registry.holidays");
    }
    c.holidays_.insert(*d);
  }
  return c;
}

std::chrono::sys_days WorkingCalendar::vn_date(TimePoint t) {
  return std::chrono::floor<std::chrono::days>(t + timefmt::kVietnamOffset);
}

bool WorkingCalendar::is_working_day(std::chrono::sys_days d) const {
  const std::chrono::weekday wd{d};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  return holidays_.count(d) == 0;
}

TimePoint WorkingCalendar::deadline(TimePoint from, int working_days) const {
  std::chrono::sys_days d = vn_date(from);
  int counted = 0;
  while (counted < working_days) {
    d += std::chrono::days{1};
    if (is_working_day(d)) ++counted;
  }
  const std::chrono::sys_days next = d + std::chrono::days{1};
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::sys_seconds{next} - timefmt::kVietnamOffset);
}

}  // namespace ct::registry
