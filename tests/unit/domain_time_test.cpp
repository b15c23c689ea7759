#include "domain/time.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

TEST(Time, ParsesOffsetsAndZ) {
  Zone paris("Europe/Paris");
  auto a = parse_instant("2027-01-04T10:00:00+01:00", paris);
  auto b = parse_instant("2027-01-04T09:00Z", paris);
  auto c = parse_instant("2027-01-04T10:00", paris);  // no offset: read in the salon's zone
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*a, *c);
  EXPECT_FALSE(parse_instant("2027-13-04T10:00:00Z", paris));
  EXPECT_FALSE(parse_instant("tomorrow", paris));
}

TEST(Time, FormatsWithTheOffsetOfThatDay) {
  Zone paris("Europe/Paris");
  EXPECT_EQ(paris.format(paris.at(LocalDate::from_ymd(2027, 1, 4), 600)), "2027-01-04T10:00:00+01:00");
  EXPECT_EQ(paris.format(paris.at(LocalDate::from_ymd(2027, 7, 5), 600)), "2027-07-05T10:00:00+02:00");
}

TEST(Time, SpringForwardDayHas23Hours) {
  Zone paris("Europe/Paris");
  auto day = LocalDate::from_ymd(2027, 3, 28);
  auto length = paris.at(day.plus_days(1), 0) - paris.at(day, 0);
  EXPECT_EQ(length, std::chrono::hours(23));
  EXPECT_FALSE(paris.exactly_at(day, 2 * 60 + 30));  // 02:30 does not exist that night
}

TEST(Time, FallBackDayHas25Hours) {
  Zone paris("Europe/Paris");
  auto day = LocalDate::from_ymd(2027, 10, 31);
  EXPECT_EQ(paris.at(day.plus_days(1), 0) - paris.at(day, 0), std::chrono::hours(25));
}

TEST(Time, WeekdaysAreIso) {
  EXPECT_EQ(LocalDate::from_ymd(2027, 1, 4).weekday(), 1);  // a Monday
  EXPECT_EQ(LocalDate::from_ymd(2027, 1, 10).weekday(), 7);
  EXPECT_EQ(LocalDate::parse("2027-02-29"), std::nullopt);
  EXPECT_EQ(LocalDate::parse("2028-02-29")->iso(), "2028-02-29");
}

// Found by fuzz/time.cpp: before 1911 Paris kept local mean time (+00:09:21), which no ±HH:MM writes back, and
// past year 9999 the format has no room: such instants are refused rather than silently changed.
TEST(Time, InstantsOutsideTheServersRangeAreRefused) {
  Zone paris("Europe/Paris");
  EXPECT_FALSE(parse_instant("0000-01-01T00:00:00-14:00", paris));
  EXPECT_FALSE(parse_instant("1900-06-01T10:00:00", paris));
  EXPECT_FALSE(parse_instant("9999-12-31T23:59:59-14:00", paris));
  auto t = parse_instant("1970-01-02T00:00:00Z", paris);
  ASSERT_TRUE(t);
  EXPECT_EQ(parse_instant(paris.format(*t), paris), t);
}
