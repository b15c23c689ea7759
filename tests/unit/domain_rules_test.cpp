// Booking rules: the window a client may book in, how late a change is still allowed, audiences by age.
#include "domain/error.hpp"
#include "domain/rules.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace creneau::domain;
using std::chrono::minutes;

namespace {

const Instant kNow = Zone("Europe/Paris").at(LocalDate::from_ymd(2027, 3, 1), 10 * 60);

std::string window(const BookingRules& r, Instant start) {
  try {
    check_booking_window(r, kNow, start);
    return "ok";
  } catch (const Error& e) {
    return std::string(text(e.code())) + " " + e.field();
  }
}

std::string change(const BookingRules& r, Instant now, Instant start) {
  try {
    check_change_allowed(r, now, start);
    return "ok";
  } catch (const Error& e) {
    return std::string(text(e.code()));
  }
}

BookingRules rules(int notice, int advance_days, int cancel_notice = 0) {
  BookingRules r;
  r.min_notice_minutes = notice;
  r.max_advance_days = advance_days;
  r.cancel_notice_minutes = cancel_notice;
  return r;
}

}  // namespace

TEST(BookingWindow, NeedsTheMinimumNotice) {
  auto r = rules(60, 90);
  EXPECT_EQ(window(r, kNow + minutes(59)), "too_late start");
  EXPECT_EQ(window(r, kNow + minutes(60)), "ok");
  EXPECT_EQ(window(r, kNow - minutes(1)), "too_late start");  // the past
  EXPECT_EQ(window(rules(0, 90), kNow), "ok");
}

TEST(BookingWindow, StopsAtTheHorizon) {
  auto r = rules(60, 90);
  EXPECT_EQ(window(r, kNow + Days(90)), "ok");
  EXPECT_EQ(window(r, kNow + Days(90) + minutes(1)), "too_late start");
  EXPECT_EQ(window(rules(60, 1), kNow + Days(2)), "too_late start");
}

TEST(BookingWindow, MessagesSayWhy) {
  try {
    check_booking_window(rules(120, 90), kNow, kNow + minutes(30));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("2 h"), std::string::npos) << e.what();
  }
}

TEST(ChangeWindow, AllowedUntilTheCancelNotice) {
  auto start = kNow + Days(2);
  EXPECT_EQ(change(rules(0, 90, 0), kNow, start), "ok");
  EXPECT_EQ(change(rules(0, 90, 0), start - minutes(1), start), "ok");
  EXPECT_EQ(change(rules(0, 90, 0), start, start), "too_late");  // never once it has begun
  EXPECT_EQ(change(rules(0, 90, 0), start + minutes(5), start), "too_late");
  auto day_before = rules(0, 90, 24 * 60);
  EXPECT_EQ(change(day_before, start - Days(1), start), "ok");
  EXPECT_EQ(change(day_before, start - Days(1) + minutes(1), start), "too_late");
}

TEST(ChangeWindow, UsesTheRulesItIsGiven) {
  // An appointment keeps the rules frozen at its creation: a later, stricter setting does not apply to it.
  BookingRules frozen = rules(60, 90, 0);
  BookingRules today = rules(60, 90, 48 * 60);
  auto start = kNow + Days(1);
  EXPECT_EQ(change(frozen, kNow, start), "ok");
  EXPECT_EQ(change(today, kNow, start), "too_late");
}

TEST(Audience, ChildTeenAdultByAgeOnTheDay) {
  auto on = LocalDate::from_ymd(2027, 6, 15);
  auto born = [&](int years_ago, int day_offset = 0) {
    return std::optional<LocalDate>(LocalDate::from_ymd(on.year() - years_ago, on.month(), on.day()).plus_days(day_offset));
  };
  EXPECT_TRUE(audience_fits("child", born(11), on));
  EXPECT_FALSE(audience_fits("child", born(12), on));     // twelfth birthday today
  EXPECT_TRUE(audience_fits("child", born(12, 1), on));   // turns 12 tomorrow
  EXPECT_TRUE(audience_fits("teen", born(12), on));
  EXPECT_TRUE(audience_fits("teen", born(17), on));
  EXPECT_FALSE(audience_fits("teen", born(18), on));
  EXPECT_FALSE(audience_fits("teen", born(11), on));
  EXPECT_TRUE(audience_fits("adult", born(18), on));
  EXPECT_FALSE(audience_fits("adult", born(18, 1), on));
  EXPECT_TRUE(audience_fits("all", born(3), on));
  EXPECT_TRUE(audience_fits("", born(3), on));
}

TEST(Audience, UnknownBirthDateFitsEveryAudience) {
  auto on = LocalDate::from_ymd(2027, 6, 15);
  for (const char* a : {"child", "teen", "adult", "all"}) EXPECT_TRUE(audience_fits(a, std::nullopt, on)) << a;
}

TEST(Audience, AgeCountsWholeYears) {
  EXPECT_EQ(age_on(LocalDate::from_ymd(2000, 3, 1), LocalDate::from_ymd(2027, 2, 28)), 26);
  EXPECT_EQ(age_on(LocalDate::from_ymd(2000, 3, 1), LocalDate::from_ymd(2027, 3, 1)), 27);
  // Born on 29 February: a year older on 1 March in common years.
  EXPECT_EQ(age_on(LocalDate::from_ymd(2008, 2, 29), LocalDate::from_ymd(2027, 2, 28)), 18);
  EXPECT_EQ(age_on(LocalDate::from_ymd(2008, 2, 29), LocalDate::from_ymd(2027, 3, 1)), 19);
  EXPECT_EQ(age_on(LocalDate::from_ymd(2027, 1, 1), LocalDate::from_ymd(2027, 6, 1)), 0);
}
