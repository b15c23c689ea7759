#pragma once
// The reports: what the agenda of each salon held over a range of local days (appointments, cancellations,
// no-shows, revenue, occupancy, online bookings, new clients, the waitlist), per salon, per day and for the network,
// and the package sessions one salon sold and another used. Read-only; one read transaction per report.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "domain/reports.hpp"

#include <optional>
#include <vector>

namespace creneau::app::reports {

using domain::Id;
using domain::reports::Figures;
using domain::reports::Range;

struct SalonFigures {
  Id salon_id = 0;
  Figures figures;
};
struct Summary {
  Range range;
  std::vector<SalonFigures> salons;  // by salon id
  Figures network;                   // the sum of `salons`
};
// Admins and managers. `salon_id`: that salon only (a manager must work there: 403; unknown: 422 on salon_id);
// left out: every salon the caller may see.
Summary summary(Context& ctx, const Principal& who, const Range& range, std::optional<Id> salon_id);

struct DayFigures {
  domain::LocalDate date;
  Figures figures;
};
struct Daily {
  std::optional<Id> salon_id;    // the salon asked for; nullopt: the sum of the caller's salons
  std::vector<DayFigures> days;  // one per day of the range, in order
};
Daily daily(Context& ctx, const Principal& who, const Range& range, std::optional<Id> salon_id);

struct PackageUsage {
  Id sold_salon_id = 0, used_salon_id = 0;
  std::int64_t sessions = 0;
};
// Admins only: package sessions used in the range (by the local dates of the salon where they were used), by the
// salon that sold the package and that salon; ordered by sold then used salon.
std::vector<PackageUsage> package_usage(Context& ctx, const Principal& who, const Range& range);

// The daily figures as CSV (a header of the member names, then one record per day), `delimiter` , ; or tab.
std::string daily_csv(const Daily& daily, char delimiter);

}  // namespace creneau::app::reports
