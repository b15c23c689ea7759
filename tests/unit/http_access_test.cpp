// The access checks of the route table (http/access): each level × each kind of caller, and the salon scope.
#include "http/access.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {
using creneau::app::Principal;
using creneau::domain::Id;
using creneau::domain::PrincipalKind;
using creneau::domain::Role;
using creneau::http::check_level;
using creneau::http::check_salon;
using creneau::http::Level;
using creneau::http::SalonFrom;

Principal staff(Role role, std::vector<Id> salons = {1}) {
  Principal p;
  p.kind = PrincipalKind::staff;
  p.id = 7;
  p.role = role;
  if (role != Role::admin) p.salon_ids = std::move(salons);  // an admin works everywhere, unlisted
  return p;
}

Principal client() {
  Principal p;
  p.kind = PrincipalKind::portal;
  p.id = 9;
  return p;
}

// "" when allowed, else the error's code.
std::string outcome(Level level, const Principal& who) {
  try {
    check_level(level, who);
    return "";
  } catch (const creneau::domain::Error& e) {
    return std::string(creneau::domain::text(e.code()));
  }
}

std::string outcome_at(Level level, SalonFrom from, const Principal& who, Id salon) {
  try {
    check_salon(level, from, who, salon);
    return "";
  } catch (const creneau::domain::Error& e) {
    return std::string(creneau::domain::text(e.code()));
  }
}

std::string message_of(Level level, SalonFrom from, const Principal& who, std::optional<Id> salon) {
  try {
    if (salon) check_salon(level, from, who, *salon);
    else check_level(level, who);
  } catch (const creneau::domain::Error& e) {
    return e.message(creneau::domain::Lang::en);
  }
  return "";
}

TEST(AccessLevel, EachLevelAgainstEachKindOfCaller) {
  struct Row {
    Level level;
    bool client, employee, manager, admin;
  };
  const Row rows[] = {
      {Level::public_, true, true, true, true},   {Level::client, true, false, false, false},
      {Level::employee, false, true, true, true}, {Level::manager, false, false, true, true},
      {Level::admin, false, false, false, true},
  };
  for (const auto& row : rows) {
    auto name = std::string(creneau::http::level_name(row.level));
    EXPECT_EQ(outcome(row.level, client()), row.client ? "" : "forbidden") << name << " × client";
    EXPECT_EQ(outcome(row.level, staff(Role::employee)), row.employee ? "" : "forbidden") << name << " × employee";
    EXPECT_EQ(outcome(row.level, staff(Role::manager)), row.manager ? "" : "forbidden") << name << " × manager";
    EXPECT_EQ(outcome(row.level, staff(Role::admin)), row.admin ? "" : "forbidden") << name << " × admin";
  }
}

TEST(AccessLevel, MessagesSayWhoTheRouteIsFor) {
  EXPECT_EQ(message_of(Level::employee, SalonFrom::none, client(), std::nullopt), "this route is for the salon's staff");
  EXPECT_EQ(message_of(Level::client, SalonFrom::none, staff(Role::admin), std::nullopt),
            "this route is for client accounts");
  EXPECT_EQ(message_of(Level::admin, SalonFrom::none, staff(Role::manager), std::nullopt),
            "this route is for administrators");
  EXPECT_EQ(message_of(Level::manager, SalonFrom::none, staff(Role::employee), std::nullopt),
            "this route is for administrators");
}

TEST(AccessSalon, StaffOnlyWhereTheyWork) {
  for (auto from : {SalonFrom::path, SalonFrom::query, SalonFrom::query_if_named, SalonFrom::body}) {
    for (auto level : {Level::employee, Level::manager}) {
      auto where = std::string(creneau::http::salon_from_name(from)) + " " + std::string(creneau::http::level_name(level));
      if (level == Level::employee) {  // (an employee never reaches a manager route's salon: check_level first)
        EXPECT_EQ(outcome_at(level, from, staff(Role::employee, {1, 3}), 1), "") << where;
        EXPECT_EQ(outcome_at(level, from, staff(Role::employee, {1, 3}), 3), "") << where;
        EXPECT_EQ(outcome_at(level, from, staff(Role::employee, {1, 3}), 2), "forbidden") << where;
      }
      EXPECT_EQ(outcome_at(level, from, staff(Role::manager, {2}), 2), "") << where;
      EXPECT_EQ(outcome_at(level, from, staff(Role::manager, {2}), 1), "forbidden") << where;
      EXPECT_EQ(outcome_at(level, from, staff(Role::admin), 1), "") << where;
      EXPECT_EQ(outcome_at(level, from, staff(Role::admin), 42), "") << where;
    }
  }
  // Not salon-scoped: any salon; a portal client is never held to a salon (the portal's routes are public).
  EXPECT_EQ(outcome_at(Level::employee, SalonFrom::none, staff(Role::employee, {1}), 2), "");
  EXPECT_EQ(outcome_at(Level::client, SalonFrom::body, client(), 2), "");
}

TEST(AccessSalon, TheSalonsOwnRoutesSayAdministratorsToAManagerElsewhere) {
  EXPECT_EQ(message_of(Level::manager, SalonFrom::path, staff(Role::manager, {1}), 2),
            "this route is for the salon's administrators");
  EXPECT_EQ(message_of(Level::employee, SalonFrom::path, staff(Role::manager, {1}), 2), "you do not work at this salon");
  EXPECT_EQ(message_of(Level::manager, SalonFrom::query, staff(Role::manager, {1}), 2), "you do not work at this salon");
}

TEST(AccessBuilder, LevelSalonAndRule) {
  constexpr auto a = creneau::http::Access::manager().at(SalonFrom::query).refined("a rule");
  static_assert(a.level == Level::manager && a.salon == SalonFrom::query);
  EXPECT_EQ(a.rule, "a rule");
  EXPECT_EQ(creneau::http::Access::public_().salon, SalonFrom::none);
  EXPECT_TRUE(creneau::http::Access::admin().rule.empty());
}

TEST(Roles, TextBothWays) {
  for (auto r : {Role::employee, Role::manager, Role::admin})
    EXPECT_EQ(creneau::domain::parse<Role>(creneau::domain::text(r)), r);
  EXPECT_EQ(creneau::domain::parse<Role>("owner"), std::nullopt);
  EXPECT_EQ(creneau::domain::parse<PrincipalKind>("staff"), PrincipalKind::staff);
  EXPECT_EQ(creneau::domain::parse<PrincipalKind>("portal"), PrincipalKind::portal);
  EXPECT_EQ(creneau::domain::parse<PrincipalKind>("robot"), std::nullopt);
}

}  // namespace
