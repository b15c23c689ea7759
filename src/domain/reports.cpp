#include "domain/reports.hpp"

#include "domain/error.hpp"

#include <algorithm>
#include <cmath>

namespace creneau::domain::reports {

Figures& Figures::operator+=(const Figures& o) {
  appointments += o.appointments;
  cancelled += o.cancelled;
  no_shows += o.no_shows;
  revenue_cents += o.revenue_cents;
  booked_minutes += o.booked_minutes;
  open_minutes += o.open_minutes;
  online += o.online;
  new_clients += o.new_clients;
  waitlist_offers += o.waitlist_offers;
  waitlist_accepted += o.waitlist_accepted;
  return *this;
}

double ratio3(std::int64_t num, std::int64_t den) {
  if (den == 0) return 0.0;
  // Integer rounding first (half away from zero), so 2/3 is exactly the double nearest 0.667.
  auto n = static_cast<long double>(num) * 1000.0L / static_cast<long double>(den);
  return static_cast<double>(std::llround(n)) / 1000.0;
}

double Figures::occupancy() const { return ratio3(booked_minutes, open_minutes); }
double Figures::online_share() const { return ratio3(online, appointments); }

void check_range(const Range& range) {
  if (range.to < range.from) throw validation("to", "'to' is before 'from'");
  if (range.days() > kMaxRangeDays)
    throw validation("to", "a report covers at most {} days", {std::to_string(kMaxRangeDays)});
}

namespace {

// Minutes of `stretch` that no time off covers (time off sorted by start, possibly overlapping each other).
std::int64_t minutes_free(const Interval& stretch, const std::vector<Interval>& time_off) {
  std::int64_t covered = 0;
  Instant cursor = stretch.start;  // everything before it is counted already
  for (const auto& t : time_off) {
    if (t.start >= stretch.end) break;
    Instant s = std::max({t.start, stretch.start, cursor}), e = std::min(t.end, stretch.end);
    if (s < e) {
      covered += to_epoch(e) - to_epoch(s);
      cursor = e;
    }
  }
  return (to_epoch(stretch.end) - to_epoch(stretch.start) - covered) / 60;
}

}  // namespace

std::vector<std::int64_t> open_minutes_by_day(const Agenda& agenda, const Range& range) {
  std::vector<std::int64_t> out(static_cast<std::size_t>(std::max(range.days(), 0)), 0);
  std::vector<Interval> stretches;
  for (LocalDate day = range.from; day <= range.to; day = day.plus_days(1)) {
    auto& total = out[static_cast<std::size_t>(day.days_since_epoch - range.from.days_since_epoch)];
    for (const auto& staff : agenda.staff) {
      working_stretches(agenda, staff, day.weekday(), [&](int minute) { return agenda.zone->at(day, minute); }, stretches);
      for (const auto& s : stretches) total += minutes_free(s, staff.time_off);
    }
  }
  return out;
}

std::vector<OffsetSegment> offset_segments(const Zone& zone, Instant from, Instant to) {
  auto offset = [&](Instant t) { return std::int64_t{zone.offset_minutes(t)} * 60; };
  std::vector<OffsetSegment> out{{from, offset(from)}};
  // Zones change their offset at most a few times a year, never twice within hours: probe every 6 hours and
  // find each change to the second.
  constexpr auto kStep = std::chrono::hours(6);
  for (Instant t = from; t < to;) {
    Instant next = std::min(t + kStep, to);
    if (offset(next) != out.back().offset_seconds) {
      Instant lo = t, hi = next;  // offset(lo) is the current one, offset(hi) the next
      while (hi - lo > std::chrono::seconds(1)) {
        Instant mid = lo + (hi - lo) / 2;
        (offset(mid) == out.back().offset_seconds ? lo : hi) = mid;
      }
      out.push_back({hi, offset(hi)});
    }
    t = next;
  }
  return out;
}

Interval span_of(const Zone& zone, const Range& range) {
  return {zone.at(range.from, 0), zone.at(range.to.plus_days(1), 0)};
}

}  // namespace creneau::domain::reports
