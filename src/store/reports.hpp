#pragma once
// The reports' counts, computed by the database: one GROUP BY per kind of row (appointments, their lines, waitlist
// offers, package sessions), by salon and local day, over a range of one or more salons that share a time zone.
#include "domain/model.hpp"
#include "domain/reports.hpp"
#include "store/sql.hpp"

#include <map>
#include <vector>

namespace creneau::store::reports {

using domain::Id;

// Salons of one time zone and the instants of the range's local days there: what one set of queries covers.
struct Scope {
  std::vector<Id> salon_ids;
  domain::Interval span;                                  // [start of the first day, start of the day after the last)
  std::vector<domain::reports::OffsetSegment> segments;  // the zone's UTC offsets over span (local date of an instant)
};

struct DayFigures {
  Id salon_id = 0;
  domain::LocalDate date;
  domain::reports::Figures figures;  // open_minutes left at 0: the domain counts them
};
// Every count of the reports for the salons and days of `scope`; only (salon, day) pairs with something to count
// come back, in no particular order.
std::vector<DayFigures> figures_by_day(sql::Connection& c, const Scope& scope);

struct PackageUsage {
  Id sold_salon_id = 0, used_salon_id = 0;
  std::int64_t sessions = 0;
};
// Package sessions used at the salons of `scope` (appointments not cancelled starting in its span), by the salon
// that sold the package and the salon where it was used.
std::vector<PackageUsage> package_usage(sql::Connection& c, const Scope& scope);

// Every salon's settings, in one query (the salon's name and zone included), by salon id.
std::map<Id, domain::Settings> salon_settings(sql::Connection& c);

}  // namespace creneau::store::reports
