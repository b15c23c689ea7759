#pragma once
// The demo's agenda generator (used by demo.cpp only): fills one salon's days with visits that respect who
// works where and when, rooms, ages, packages and the lunch break, from a fixed sequence of dice.
#include "app/salon.hpp"
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace creneau::app::demo {

using domain::Id;

// The agenda's days, relative to the server's today: eight weeks back (so the dashboard's last month is full and
// most of this week's clients are regulars, not new), four weeks ahead.
constexpr int kFirstDay = -56;
constexpr int kEndDay = 28;

// A fixed sequence, so every demo network looks the same (and tests can rely on its shape), not the real clock's.
struct Dice {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
};

// Who is busy when, in every salon (staff by id, rooms by minus their id), so no two visits collide.
struct Occupancy {
  std::map<Id, std::vector<domain::Interval>> spans;
  bool free(Id who, const domain::Interval& span) const;
  void take(Id who, const domain::Interval& span) { spans[who].push_back(span); }
};

// A staff member as the generator sees them: who, their skills (service ids) and the weekdays they work at each
// salon (9:00–13:00 and 14:00–19:00).
struct Worker {
  domain::Staff staff;
  std::map<Id, std::vector<int>> weekdays;  // salon id → weekdays
  bool works(Id salon_id, int weekday) const;
};

// Package holders: per package-only service, each holder's package and the sessions booked so far.
struct Holder {
  Id package_id = 0;
  int booked = 0;
  int cap = 0;  // sessions the demo books at most (the rest are left to sell)
};
using Holders = std::map<Id, std::map<Id, Holder>>;  // service id → client id → holder

struct Ctx {
  sql::Connection& c;
  domain::Instant now;
  Dice& dice;
  Occupancy& busy;
  Holders& holders;
  // The days each client already has a visit on (every salon): a regular comes back every few weeks, not daily.
  std::map<Id, std::vector<domain::LocalDate>> visits = {};
};

// The visits of `salon` from `today` - 14 to `today` + 27 for `workers` working there, among `clients` (its
// usual clients); `desk` books those not booked online. Saturdays are fullest.
void fill_agenda(Ctx& x, const Salon& salon, const std::vector<Worker>& workers,
                 const std::vector<domain::Client>& clients, const domain::Staff& desk);

}  // namespace creneau::app::demo
