// The reports' pure arithmetic: open minutes by the engine's working-stretch rule (opening hours, touching rows,
// time off, DST days), the local date of an instant through the zone's offsets, ratios and range rules.
#include "domain/error.hpp"
#include "domain/reports.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;
using namespace creneau::domain::reports;

namespace {

const Zone& paris() {
  static const Zone z("Europe/Paris");
  return z;
}
constexpr int hm(int h, int m = 0) { return h * 60 + m; }
const LocalDate kMonday = LocalDate::from_ymd(2027, 3, 1);
const LocalDate kSpringForward = LocalDate::from_ymd(2027, 3, 28);  // Sunday, 23 hours
const LocalDate kFallBack = LocalDate::from_ymd(2027, 10, 31);      // Sunday, 25 hours

StaffSchedule staff(Id id, std::vector<WeeklyHours> hours, std::vector<Interval> time_off = {}) {
  StaffSchedule s;
  s.staff_id = id;
  s.hours = std::move(hours);
  s.time_off = std::move(time_off);
  return s;
}

Agenda agenda(std::vector<StaffSchedule> staff, std::vector<WeeklyHours> opening = {}) {
  Agenda a;
  a.zone = &paris();
  a.opening_hours = std::move(opening);
  a.staff = std::move(staff);
  return a;
}

// The local date of `t` the way the queries compute it from the offsets.
LocalDate local_date_by_offsets(const std::vector<OffsetSegment>& segs, Instant t) {
  std::int64_t offset = segs.front().offset_seconds;
  for (const auto& s : segs)
    if (s.start <= t) offset = s.offset_seconds;
  return LocalDate{static_cast<std::int32_t>((to_epoch(t) + offset) / 86400)};
}

}  // namespace

TEST(ReportsOpenMinutes, HoursWithinOpeningHoursLessTimeOff) {
  // Mon: 08:00-13:00 and 13:00-20:00 (touching rows: one stretch), clipped to opening 09:00-19:00 → 600 minutes.
  // Tue: 09:00-12:00 with time off 11:00-14:00 (60 of it inside) and 11:30-11:45 (inside the first) → 120.
  auto a = agenda({staff(1, {{1, hm(8), hm(13)}, {1, hm(13), hm(20)}, {2, hm(9), hm(12)}},
                         {{paris().at(kMonday.plus_days(1), hm(11)), paris().at(kMonday.plus_days(1), hm(14))},
                          {paris().at(kMonday.plus_days(1), hm(11, 30)), paris().at(kMonday.plus_days(1), hm(11, 45))}}),
                   staff(2, {{1, hm(9), hm(10)}})},
                  {{1, hm(9), hm(19)}, {2, hm(9), hm(19)}});
  auto open = open_minutes_by_day(a, {kMonday, kMonday.plus_days(2)});
  EXPECT_EQ(open, (std::vector<std::int64_t>{600 + 60, 120, 0}));
}

TEST(ReportsOpenMinutes, NoOpeningHoursMeansStaffHoursAlone) {
  auto a = agenda({staff(1, {{7, hm(0), hm(24)}})});
  EXPECT_EQ(open_minutes_by_day(a, {kSpringForward, kSpringForward}), std::vector<std::int64_t>{23 * 60});
  EXPECT_EQ(open_minutes_by_day(a, {kFallBack, kFallBack}), std::vector<std::int64_t>{25 * 60});
}

TEST(ReportsOffsets, LocalDatesAcrossBothChangesOfTheYear) {
  Instant from = paris().at(LocalDate::from_ymd(2027, 1, 1), 0), to = paris().at(LocalDate::from_ymd(2028, 1, 1), 0);
  auto segs = offset_segments(paris(), from, to);
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].offset_seconds, 3600);
  EXPECT_EQ(segs[1].start, paris().at(kSpringForward, hm(3)));  // 02:00 → 03:00
  EXPECT_EQ(segs[1].offset_seconds, 7200);
  EXPECT_EQ(segs[2].offset_seconds, 3600);
  for (LocalDate d : {kSpringForward, kFallBack, kSpringForward.plus_days(1), kFallBack.plus_days(-1)})
    for (int m : {0, hm(1, 59), hm(3), hm(12), hm(23, 59)}) {
      Instant t = paris().at(d, m);
      EXPECT_EQ(local_date_by_offsets(segs, t), paris().local(t).date) << d.iso() << " " << m;
    }
  // The second 02:30 of the night the clocks go back is still that Sunday.
  Instant second = paris().at(kFallBack, hm(2, 30)) + std::chrono::hours(1);
  EXPECT_EQ(local_date_by_offsets(segs, second), kFallBack);
}

TEST(ReportsOffsets, OneSegmentWithoutChange) {
  Zone utc("UTC");
  auto segs = offset_segments(utc, utc.at(kMonday, 0), utc.at(kMonday.plus_days(31), 0));
  ASSERT_EQ(segs.size(), 1u);
  EXPECT_EQ(segs[0].offset_seconds, 0);
}

TEST(ReportsFigures, RatiosRoundToThreeDecimalsAndZeroWhenEmpty) {
  EXPECT_DOUBLE_EQ(ratio3(2, 3), 0.667);
  EXPECT_DOUBLE_EQ(ratio3(1, 8), 0.125);
  EXPECT_DOUBLE_EQ(ratio3(1, 2000), 0.001);  // half away from zero
  EXPECT_DOUBLE_EQ(ratio3(5, 0), 0.0);
  Figures a, b;
  a.booked_minutes = 30;
  a.open_minutes = 780;
  b.appointments = 4;
  b.online = 1;
  b.open_minutes = 780;
  a += b;
  EXPECT_DOUBLE_EQ(a.occupancy(), 0.019);
  EXPECT_DOUBLE_EQ(a.online_share(), 0.25);
}

TEST(ReportsRange, OrderAndLength) {
  EXPECT_NO_THROW(check_range({kMonday, kMonday}));
  EXPECT_NO_THROW(check_range({LocalDate::from_ymd(2028, 1, 1), LocalDate::from_ymd(2028, 12, 31)}));  // 366 days
  EXPECT_THROW(check_range({kMonday, kMonday.plus_days(-1)}), Error);
  EXPECT_THROW(check_range({kMonday, kMonday.plus_days(366)}), Error);
}
