#include "domain/error.hpp"
#include "domain/packages.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

namespace {

LocalDate day(int y, unsigned m, unsigned d) { return LocalDate::from_ymd(y, m, d); }

constexpr Id kLaser = 10, kCut = 20, kTrial = 30;

Package laser_package(Id id, LocalDate start, std::int64_t sessions = 10, std::int64_t validity = 0) {
  Package p;
  p.id = id;
  p.client_id = 1;
  p.package_type_id = 5;
  p.name = "10 séances laser";
  p.sessions = sessions;
  p.service_ids = {kLaser};
  p.start_date = start;
  p.validity_days = validity;
  return p;
}

PackageLine laser_on(LocalDate d) { return {kLaser, "Laser (forfait)", true, false, d}; }
PackageLine cut_on(LocalDate d) { return {kCut, "Coupe", false, false, d}; }
PackageLine trial_on(LocalDate d) { return {kTrial, "Séance découverte", false, true, d}; }

std::string code_of(const std::vector<PackageLine>& lines, const std::vector<Package>& packages, bool discovery_used) {
  try {
    allocate_packages(lines, packages, discovery_used);
  } catch (const Error& e) {
    return std::string(text(e.code())) + "@" + e.field();
  }
  return "ok";
}

}  // namespace

TEST(PackageValidity, FromStartDateForValidityDays) {
  auto p = laser_package(1, day(2027, 1, 1), 10, 30);
  EXPECT_FALSE(p.valid_on(day(2026, 12, 31)));
  EXPECT_TRUE(p.valid_on(day(2027, 1, 1)));
  EXPECT_TRUE(p.valid_on(day(2027, 1, 30)));  // day 30 of 30
  EXPECT_FALSE(p.valid_on(day(2027, 1, 31)));
  EXPECT_EQ(p.last_day(), day(2027, 1, 30));
}

TEST(PackageValidity, ZeroDaysNeverExpires) {
  auto p = laser_package(1, day(2027, 1, 1), 10, 0);
  EXPECT_TRUE(p.valid_on(day(2040, 6, 1)));
  EXPECT_FALSE(p.valid_on(day(2026, 12, 31)));
  EXPECT_EQ(p.last_day(), std::nullopt);
}

TEST(PackageUsage, NoShowsStayUsedAndAreCounted) {
  auto p = laser_package(1, day(2027, 1, 1));
  p.uses = {{day(2027, 1, 4), false}, {day(2027, 1, 11), true}, {day(2027, 1, 18), false}};
  auto u = usage_of(p);
  EXPECT_EQ(u.used, 3);
  EXPECT_EQ(u.no_shows, 1);
  EXPECT_EQ(u.remaining, 7);
}

TEST(PackageUsage, VisitsOutsideTheWindowDoNotCount) {
  auto p = laser_package(1, day(2027, 3, 1), 5, 10);
  p.uses = {{day(2027, 2, 28), false}, {day(2027, 3, 1), false}, {day(2027, 3, 10), true}, {day(2027, 3, 11), true}};
  auto u = usage_of(p);
  EXPECT_EQ(u.used, 2);
  EXPECT_EQ(u.no_shows, 1);
  EXPECT_EQ(u.remaining, 3);
}

TEST(PackageUsage, RemainingNeverNegative) {
  auto p = laser_package(1, day(2027, 1, 1), 1);
  p.uses = {{day(2027, 1, 4), false}, {day(2027, 1, 5), false}};
  EXPECT_EQ(usage_of(p).remaining, 0);
}

TEST(PackageView, JsonReadyValues) {
  auto p = laser_package(7, day(2027, 1, 1), 10, 365);
  p.uses = {{day(2027, 1, 4), false}, {day(2027, 1, 11), true}, {day(2027, 2, 1), false}};
  auto v = client_package_view(p);
  EXPECT_EQ(v.id, 7);
  EXPECT_EQ(v.name, "10 séances laser");
  EXPECT_EQ(v.sessions, 10);
  EXPECT_EQ(v.used, 3);
  EXPECT_EQ(v.no_shows, 1);
  EXPECT_EQ(v.remaining, 7);
  EXPECT_EQ(v.start_date, "2027-01-01");
  EXPECT_EQ(v.valid_until, "2027-12-31");
  EXPECT_EQ(client_package_view(laser_package(8, day(2027, 1, 1))).valid_until, std::nullopt);
}

TEST(PackageAllocation, OldestValidFirst) {
  auto newer = laser_package(1, day(2027, 2, 1));
  auto older = laser_package(2, day(2027, 1, 1));
  auto chosen = allocate_packages({laser_on(day(2027, 3, 1))}, {newer, older}, false);
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(chosen[0], 2);
}

TEST(PackageAllocation, SameStartDateByCreationOrder) {
  auto chosen = allocate_packages({laser_on(day(2027, 3, 1))},
                                  {laser_package(9, day(2027, 1, 1)), laser_package(4, day(2027, 1, 1))}, false);
  EXPECT_EQ(chosen[0], 4);
}

TEST(PackageAllocation, SkipsExhaustedExpiredAndNotStarted) {
  auto full = laser_package(1, day(2027, 1, 1), 1);
  full.uses = {{day(2027, 1, 4), false}};
  auto expired = laser_package(2, day(2026, 1, 1), 10, 30);
  auto future = laser_package(3, day(2027, 6, 1));
  auto fine = laser_package(4, day(2027, 2, 1));
  auto chosen = allocate_packages({laser_on(day(2027, 3, 1))}, {full, expired, future, fine}, false);
  EXPECT_EQ(chosen[0], 4);
}

TEST(PackageAllocation, OtherServicesTakeNothing) {
  auto chosen = allocate_packages({cut_on(day(2027, 3, 1)), laser_on(day(2027, 3, 1))},
                                  {laser_package(1, day(2027, 1, 1))}, false);
  EXPECT_EQ(chosen[0], std::nullopt);
  EXPECT_EQ(chosen[1], 1);
}

TEST(PackageAllocation, LinesOfOneVisitShareTheCount) {
  // One session left: the second laser line of the same visit finds the package exhausted.
  auto p = laser_package(1, day(2027, 1, 1), 2);
  p.uses = {{day(2027, 1, 4), false}};
  EXPECT_EQ(code_of({laser_on(day(2027, 3, 1)), laser_on(day(2027, 3, 1))}, {p}, false),
            "package_exhausted@lines[1].service_id");
  // With a second package the second line spills over to it.
  auto chosen = allocate_packages({laser_on(day(2027, 3, 1)), laser_on(day(2027, 3, 1))},
                                  {p, laser_package(2, day(2027, 2, 1))}, false);
  EXPECT_EQ(chosen[0], 1);
  EXPECT_EQ(chosen[1], 2);
}

TEST(PackageAllocation, NoPackageWhenNothingCovers) {
  EXPECT_EQ(code_of({laser_on(day(2027, 3, 1))}, {}, false), "no_package@lines[0].service_id");
  auto other = laser_package(1, day(2027, 1, 1));
  other.service_ids = {kCut};
  EXPECT_EQ(code_of({cut_on(day(2027, 3, 1)), laser_on(day(2027, 3, 1))}, {other}, false),
            "no_package@lines[1].service_id");
}

TEST(PackageAllocation, NoPackageBeforeStartOrAfterExpiry) {
  auto p = laser_package(1, day(2027, 3, 1), 10, 31);
  EXPECT_EQ(code_of({laser_on(day(2027, 2, 28))}, {p}, false), "no_package@lines[0].service_id");
  EXPECT_EQ(code_of({laser_on(day(2027, 4, 1))}, {p}, false), "no_package@lines[0].service_id");
  EXPECT_EQ(code_of({laser_on(day(2027, 3, 31))}, {p}, false), "ok");
}

TEST(PackageAllocation, ExhaustedBeatsNoPackage) {
  // One covering package is spent, another is expired: the client has a package, it is used up.
  auto spent = laser_package(1, day(2027, 1, 1), 1);
  spent.uses = {{day(2027, 1, 4), true}};  // a no-show keeps its session
  auto expired = laser_package(2, day(2026, 1, 1), 10, 30);
  EXPECT_EQ(code_of({laser_on(day(2027, 3, 1))}, {spent, expired}, false), "package_exhausted@lines[0].service_id");
}

TEST(PackageAllocation, MessagesNameTheServiceAndThePackage) {
  auto p = laser_package(1, day(2027, 1, 1), 10, 30);
  try {
    allocate_packages({laser_on(day(2027, 3, 1))}, {p}, false);
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("Laser (forfait)"), std::string::npos) << m;
    EXPECT_NE(m.find("2027-01-30"), std::string::npos) << m;
  }
  p.validity_days = 0;
  p.sessions = 1;
  p.uses = {{day(2027, 1, 4), false}};
  try {
    allocate_packages({laser_on(day(2027, 3, 1))}, {p}, false);
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("10 séances laser"), std::string::npos) << m;
    EXPECT_NE(m.find("no session left"), std::string::npos) << m;
  }
}

TEST(Discovery, OncePerClient) {
  EXPECT_EQ(code_of({trial_on(day(2027, 3, 1))}, {}, false), "ok");
  EXPECT_EQ(code_of({cut_on(day(2027, 3, 1)), trial_on(day(2027, 3, 1))}, {}, true),
            "discovery_already_used@lines[1].service_id");
  EXPECT_EQ(code_of({trial_on(day(2027, 3, 1)), trial_on(day(2027, 3, 1))}, {}, false),
            "discovery_already_used@lines[1].service_id");
  EXPECT_EQ(code_of({cut_on(day(2027, 3, 1))}, {}, true), "ok");
}

TEST(PackageTypeCheck, Rules) {
  PackageType t{0, "10 séances laser", 10, {kLaser, kLaser}, "all", 365};
  check_package_type(t);
  EXPECT_EQ(t.service_ids, std::vector<Id>{kLaser});
  auto bad = [](PackageType x) {
    try {
      check_package_type(x);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("ok");
  };
  EXPECT_EQ(bad({0, "", 10, {kLaser}, "all", 0}), "name");
  EXPECT_EQ(bad({0, "x", 0, {kLaser}, "all", 0}), "sessions");
  EXPECT_EQ(bad({0, "x", 1, {kLaser}, "kids", 0}), "audience");
  EXPECT_EQ(bad({0, "x", 1, {kLaser}, "all", -1}), "validity_days");
  EXPECT_EQ(bad({0, "x", 1, {}, "all", 0}), "service_ids");
}
