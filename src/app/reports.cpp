#include "app/reports.hpp"

#include "app/salons.hpp"
#include "domain/csv.hpp"
#include "domain/error.hpp"
#include "store/catalogue.hpp"
#include "store/reports.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace creneau::app::reports {

namespace {

using SettingsById = std::map<Id, domain::Settings>;

// The salons a report covers: the one asked for (it must exist, and the caller work there), else every salon the
// caller may see.
std::vector<Id> covered(const Principal& who, std::optional<Id> salon_id, const SettingsById& settings) {
  if (salon_id) {
    if (!settings.count(*salon_id))
      throw domain::validation("salon_id", "no such salon: {}", {std::to_string(*salon_id)});
    salons::require_manages(who, *salon_id);
    return {*salon_id};
  }
  std::vector<Id> out;
  auto visible = salons::visible(who);
  for (const auto& [id, s] : settings)
    if (!visible || std::binary_search(visible->begin(), visible->end(), id)) out.push_back(id);
  return out;
}

// A salon's agenda as the availability engine builds it for open time: its staff with their hours rows there, the
// opening hours, their time off (from every salon); no busy spans.
domain::Agenda open_time_agenda(Id salon_id, const domain::Zone& zone, const domain::Settings& settings,
                                const std::vector<domain::Staff>& staff, const std::vector<domain::TimeOff>& time_off) {
  domain::Agenda agenda;
  agenda.zone = &zone;
  agenda.opening_hours = settings.opening_hours;
  for (const auto& s : staff) {
    if (!std::binary_search(s.salon_ids.begin(), s.salon_ids.end(), salon_id)) continue;
    domain::StaffSchedule sched;
    sched.staff_id = s.id;
    for (const auto& h : s.hours)
      if (h.salon_id == salon_id) sched.hours.push_back(h);
    agenda.staff.push_back(std::move(sched));
  }
  for (const auto& t : time_off)
    if (auto* s = agenda.find_staff(t.staff_id)) s->time_off.push_back(t.span);
  for (auto& s : agenda.staff) std::sort(s.time_off.begin(), s.time_off.end());
  return agenda;
}

// Each salon's figures, day by day (index 0 = range.from): the database counts, the domain adds the open minutes.
// Salons of one time zone share one set of queries.
std::map<Id, std::vector<Figures>> collect(sql::Connection& c, const std::vector<Id>& salons, const SettingsById& settings,
                                           const Range& range) {
  std::map<Id, std::vector<Figures>> out;
  std::map<std::string, std::vector<Id>> by_zone;
  for (Id id : salons) {
    out[id].resize(static_cast<std::size_t>(range.days()));
    by_zone[settings.at(id).timezone].push_back(id);
  }
  if (salons.empty()) return out;
  auto staff = store::catalogue::list_staff(c);
  for (const auto& [name, ids] : by_zone) {
    domain::Zone zone(name);
    auto span = domain::reports::span_of(zone, range);
    store::reports::Scope scope{ids, span, domain::reports::offset_segments(zone, span.start, span.end)};
    for (const auto& d : store::reports::figures_by_day(c, scope)) {
      auto i = d.date.days_since_epoch - range.from.days_since_epoch;
      if (i >= 0 && i < range.days()) out[d.salon_id][static_cast<std::size_t>(i)] += d.figures;
    }
    auto time_off = store::catalogue::time_off_between(c, span.start, span.end);
    for (Id id : ids) {
      auto agenda = open_time_agenda(id, zone, settings.at(id), staff, time_off);
      auto open = domain::reports::open_minutes_by_day(agenda, range);
      auto& days = out[id];
      for (std::size_t i = 0; i < days.size(); ++i) days[i].open_minutes += open[i];
    }
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

}  // namespace

Summary summary(Context& ctx, const Principal& who, const Range& range, std::optional<Id> salon_id) {
  domain::reports::check_range(range);
  return ctx.db.read([&](sql::Connection& c) {
    auto settings = store::reports::salon_settings(c);
    auto salons = covered(who, salon_id, settings);
    Summary s{range, {}, {}};
    for (const auto& [id, days] : collect(c, salons, settings, range)) {
      SalonFigures row{id, {}};
      for (const auto& d : days) row.figures += d;
      s.network += row.figures;
      s.salons.push_back(row);
    }
    return s;
  });
}

Daily daily(Context& ctx, const Principal& who, const Range& range, std::optional<Id> salon_id) {
  domain::reports::check_range(range);
  return ctx.db.read([&](sql::Connection& c) {
    auto settings = store::reports::salon_settings(c);
    auto salons = covered(who, salon_id, settings);
    Daily out{salon_id, {}};
    for (int i = 0; i < range.days(); ++i) out.days.push_back({range.from.plus_days(i), {}});
    for (const auto& [id, days] : collect(c, salons, settings, range))
      for (std::size_t i = 0; i < days.size(); ++i) out.days[i].figures += days[i];
    return out;
  });
}

std::vector<PackageUsage> package_usage(Context& ctx, const Principal& who, const Range& range) {
  if (!who.is_admin()) throw domain::Error(domain::ErrorCode::forbidden, "this route is for administrators");
  domain::reports::check_range(range);
  return ctx.db.read([&](sql::Connection& c) {
    auto settings = store::reports::salon_settings(c);
    std::map<std::string, std::vector<Id>> by_zone;
    for (const auto& [id, s] : settings) by_zone[s.timezone].push_back(id);
    std::map<std::pair<Id, Id>, std::int64_t> sessions;
    for (const auto& [name, ids] : by_zone) {
      domain::Zone zone(name);
      auto span = domain::reports::span_of(zone, range);
      for (const auto& u : store::reports::package_usage(c, {ids, span, {}}))
        sessions[{u.sold_salon_id, u.used_salon_id}] += u.sessions;
    }
    std::vector<PackageUsage> out;
    out.reserve(sessions.size());
    for (const auto& [key, n] : sessions) out.push_back({key.first, key.second, n});
    return out;
  });
}

std::string daily_csv(const Daily& daily, char delimiter) {
  std::string out = domain::csv::record({"date", "salon_id", "appointments", "cancelled", "no_shows", "revenue_cents",
                                         "booked_minutes", "open_minutes", "occupancy", "online_share", "new_clients",
                                         "waitlist_offers", "waitlist_accepted"},
                                        delimiter);
  std::string salon = daily.salon_id ? std::to_string(*daily.salon_id) : "";
  for (const auto& d : daily.days) {
    const auto& f = d.figures;
    out += domain::csv::record({d.date.iso(), salon, std::to_string(f.appointments), std::to_string(f.cancelled),
                                std::to_string(f.no_shows), std::to_string(f.revenue_cents),
                                std::to_string(f.booked_minutes), std::to_string(f.open_minutes), number(f.occupancy()),
                                number(f.online_share()), std::to_string(f.new_clients),
                                std::to_string(f.waitlist_offers), std::to_string(f.waitlist_accepted)},
                               delimiter);
  }
  return out;
}

}  // namespace creneau::app::reports
