#include <gtest/gtest.h>

#include "common/time_format.h"
#include "registry/form_dates.h"
#include "registry/working_days.h"

namespace ct::registry {
namespace {

TimePoint vn(int y, unsigned m, unsigned d, int hour) {
  return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{hour - 7};
}

TEST(WorkingDays, WeekendIsSkipped) {
  auto cal = WorkingCalendar::make({});
  ASSERT_TRUE(cal);
  // Friday 20/11/2026 10:00 → Mon 23, Tue 24, Wed 25: due by the end of Wednesday.
  const TimePoint due = cal->deadline(vn(2026, 11, 20, 10), 3);
  EXPECT_EQ(timefmt::vn_datetime(due), "26/11/2026 00:00:00");
}

TEST(WorkingDays, HolidaysAreSkipped) {
  auto cal = WorkingCalendar::make({"24/11/2026", "25/11/2026"});
  ASSERT_TRUE(cal);
  const TimePoint due = cal->deadline(vn(2026, 11, 20, 10), 3);
  EXPECT_EQ(timefmt::vn_datetime(due), "28/11/2026 00:00:00");  // Mon 23, Thu 26, Fri 27
}

TEST(WorkingDays, SubmissionOnSundayCountsFromMonday) {
  auto cal = WorkingCalendar::make({});
  ASSERT_TRUE(cal);
  EXPECT_EQ(timefmt::vn_datetime(cal->deadline(vn(2026, 11, 22, 23), 3)), "26/11/2026 00:00:00");
  // 23:30 Vietnam time is still Sunday although it is Sunday 16:30 UTC.
  EXPECT_FALSE(cal->is_working_day(WorkingCalendar::vn_date(vn(2026, 11, 22, 23))));
}

TEST(WorkingDays, NewYearAndTetHolidays) {
  auto cal = WorkingCalendar::make({"01/01/2027"});
  ASSERT_TRUE(cal);
  // Thursday 31/12/2026 → Fri 1/1 holiday, weekend, Mon 4, Tue 5, Wed 6.
  EXPECT_EQ(timefmt::vn_datetime(cal->deadline(vn(2026, 12, 31, 9), 3)), "07/01/2027 00:00:00");
}

TEST(WorkingDays, BadHolidayIsRefused) {
  auto cal = WorkingCalendar::make({"2027-01-01"});
  ASSERT_FALSE(cal);
  EXPECT_EQ(cal.error().context, "registry.holidays");
}

TEST(FormDates, StrictFormat) {
  EXPECT_TRUE(parse_vn_date("29/02/2024"));
  EXPECT_FALSE(parse_vn_date("29/02/2023"));
  EXPECT_FALSE(parse_vn_date("1/2/2024"));
  EXPECT_FALSE(parse_vn_date("2024-02-01"));
  EXPECT_FALSE(parse_vn_date("31/04/2024"));
  EXPECT_EQ(format_vn_date(*parse_vn_date("05/09/2025")), "05/09/2025");
  EXPECT_EQ(age_on(*parse_vn_date("21/11/2008"), *parse_vn_date("21/11/2026")), 18);
  EXPECT_EQ(age_on(*parse_vn_date("22/11/2008"), *parse_vn_date("21/11/2026")), 17);
}

}  // namespace
}  // namespace ct::registry
