#include "domain/availability.hpp"

#include "domain/error.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace creneau::domain {

bool StaffSchedule::performs(Id service_id) const {
  return std::binary_search(service_ids.begin(), service_ids.end(), service_id);
}

const StaffSchedule* Agenda::find_staff(Id id) const {
  auto it = std::lower_bound(staff.begin(), staff.end(), id, [](const StaffSchedule& s, Id v) { return s.staff_id < v; });
  return it != staff.end() && it->staff_id == id ? &*it : nullptr;
}

const ResourceSchedule* Agenda::find_resource(Id id) const {
  auto it = std::lower_bound(resources.begin(), resources.end(), id,
                             [](const ResourceSchedule& r, Id v) { return r.resource_id < v; });
  return it != resources.end() && it->resource_id == id ? &*it : nullptr;
}

namespace {

// Zone conversions repeat a lot between calls of fit_line (the same day's opening and closing minutes, the same
// start tried for several staff members): a small per-thread memo of Zone's own answers, keyed by the zone's name.
class ZoneMemo {
public:
  Instant at(const Zone& zone, LocalDate day, int minute) {
    auto& e = at_[static_cast<std::size_t>(day.days_since_epoch * 61 + minute) % at_.size()];
    if (e.day != day.days_since_epoch || e.minute != minute || e.zone != zone.name()) {
      e.value = zone.at(day, minute);
      e.day = day.days_since_epoch;
      e.minute = minute;
      e.zone = zone.name();
    }
    return e.value;
  }
  LocalDate date_of(const Zone& zone, Instant t) {
    auto& e = date_[static_cast<std::size_t>(to_epoch(t) / 60) % date_.size()];
    if (e.t != t || e.zone != zone.name()) {
      e.value = zone.local(t).date;
      e.t = t;
      e.zone = zone.name();
    }
    return e.value;
  }

private:
  struct AtEntry {
    std::int32_t day = std::numeric_limits<std::int32_t>::min();
    int minute = -1;
    Instant value{};
    std::string zone;
  };
  struct DateEntry {
    Instant t = Instant::min();
    LocalDate value{};
    std::string zone;
  };
  std::array<AtEntry, 128> at_{};
  std::array<DateEntry, 64> date_{};
};

ZoneMemo& zone_memo() {
  thread_local ZoneMemo memo;
  return memo;
}

bool within(const std::vector<Interval>& working, const Interval& span) {
  for (const auto& w : working)
    if (w.contains(span)) return true;
  return false;
}

bool overlaps_any(const std::vector<Interval>& sorted, const Interval& span) {
  // time off may overlap itself; scanning from the first one that ends after span.start is still correct
  // because entries are sorted by start and we stop at the first starting after span.end.
  for (const auto& t : sorted) {
    if (t.start >= span.end) break;
    if (t.end > span.start) return true;
  }
  return false;
}

// Whether `span` is free in `busy` for `need`: no ordinary appointment overlaps, and any group session that
// overlaps is the very same session of the same service with a place left.
bool free_in(const std::vector<Busy>& busy, const LineNeed& need, const Interval& span, Id ignore_appointment) {
  auto it = std::partition_point(busy.begin(), busy.end(), [&](const Busy& b) { return b.span.end <= span.start; });
  for (; it != busy.end() && it->span.start < span.end; ++it) {
    if (ignore_appointment != 0 && it->appointment_id == ignore_appointment) continue;
    bool joinable = need.capacity > 1 && it->group_service_id == need.service_id && it->span == span &&
                    it->taken < need.capacity;
    if (!joinable) return false;
  }
  return true;
}

}  // namespace

LineFit fit_line(const Agenda& agenda, const LineNeed& need, Id staff_id, std::optional<Id> resource_id,
                 const Interval& span, Id ignore_appointment) {
  const auto* staff = agenda.find_staff(staff_id);
  if (!staff || !staff->performs(need.service_id)) return LineFit::not_performed;
  thread_local std::vector<Interval> working;  // no allocation per call
  auto& memo = zone_memo();
  const Zone& zone = *agenda.zone;
  LocalDate day = memo.date_of(zone, span.start);
  working_stretches(agenda, *staff, day.weekday(), [&](int minute) { return memo.at(zone, day, minute); }, working);
  if (!within(working, span)) return LineFit::outside_hours;
  if (overlaps_any(staff->time_off, span) || !free_in(staff->busy, need, span, ignore_appointment))
    return LineFit::taken;
  if (!need.resource_ids.empty()) {
    if (!resource_id) return LineFit::resource_required;
    if (std::find(need.resource_ids.begin(), need.resource_ids.end(), *resource_id) == need.resource_ids.end())
      return LineFit::resource_not_allowed;
  }
  if (resource_id) {
    const auto* res = agenda.find_resource(*resource_id);
    if (res && !free_in(res->busy, need, span, ignore_appointment)) return LineFit::resource_taken;
  }
  return LineFit::ok;
}

void require_fit(const Agenda& agenda, const LineNeed& need, Id staff_id, std::optional<Id> resource_id,
                 const Interval& span, std::size_t line_index, Id ignore_appointment) {
  std::string at = "lines[" + std::to_string(line_index) + "]";
  std::vector<Arg> line{std::to_string(line_index + 1)};
  switch (fit_line(agenda, need, staff_id, resource_id, span, ignore_appointment)) {
    case LineFit::ok:
      return;
    case LineFit::not_performed:
      throw validation(at + ".staff_id", "this staff member does not perform the service of line {}", line);
    case LineFit::outside_hours:
      throw Error(domain::ErrorCode::outside_hours, "line {} falls outside the staff member's hours", at + ".start", line);
    case LineFit::taken:
      throw Error(domain::ErrorCode::slot_taken, "the staff member is not free for line {}", at, line);
    case LineFit::resource_taken:
      throw Error(domain::ErrorCode::slot_taken, "the resource is not free for line {}", at + ".resource_id", line);
    case LineFit::resource_not_allowed:
      throw validation(at + ".resource_id", "this resource cannot be used for the service of line {}", line);
    case LineFit::resource_required:
      throw Error(domain::ErrorCode::resource_required, "the service of line {} needs a resource", at + ".resource_id", line);
  }
}

void normalize(std::vector<Busy>& busy) {
  std::sort(busy.begin(), busy.end(), [](const Busy& a, const Busy& b) { return a.span.start < b.span.start; });
  std::vector<Busy> out;
  out.reserve(busy.size());
  for (const auto& b : busy) {
    if (!out.empty() && out.back().span.end > b.span.start) {
      auto& last = out.back();
      if (last.group_service_id != 0 && last.group_service_id == b.group_service_id && last.span == b.span) {
        last.taken += b.taken;
      } else {
        last.span.end = std::max(last.span.end, b.span.end);
        last.group_service_id = 0;
        last.appointment_id = 0;
      }
      continue;
    }
    out.push_back(b);
  }
  busy = std::move(out);
}

namespace {

// The engine below answers a whole range in one pass. Every start it tries comes later than the one before
// (days in order, starts within a day in order), so for a given line the span asked about only moves forward:
// each staff member's and resource's busy list and time off are walked once with a cursor instead of being
// searched again at every start, and the work grows with the starts tried plus the appointments in the range.
// It answers exactly what probing every start independently answers (tests/checks/engine_check.cpp compares the two).

// Where one line stands in one busy list (a staff member's or a resource's): sorted by start, non-overlapping.
struct BusyCursor {
  const std::vector<Busy>* busy = nullptr;
  std::size_t at = 0;
  bool started = false;

  // Same answer as free_in(*busy, need, span, 0), for spans whose start never decreases.
  bool free(const LineNeed& need, const Interval& span) {
    const auto& b = *busy;
    const std::size_t n = b.size();
    if (!started) {
      // The first question may come far into the list (a query in April on a year's agenda): search once.
      at = static_cast<std::size_t>(
          std::partition_point(b.begin(), b.end(), [&](const Busy& x) { return x.span.end <= span.start; }) - b.begin());
      started = true;
    }
    while (at < n && b[at].span.end <= span.start) ++at;
    for (std::size_t j = at; j < n && b[j].span.start < span.end; ++j) {
      const Busy& x = b[j];
      bool joinable = need.capacity > 1 && x.group_service_id == need.service_id && x.span == span && x.taken < need.capacity;
      if (!joinable) return false;
    }
    return true;
  }
};

// Where one line stands in one staff member's time off (sorted by start, entries may overlap each other).
struct TimeOffCursor {
  const std::vector<Interval>* off = nullptr;
  std::size_t at = 0;         // entries [0, at) start before the span's end
  Instant latest_end = Instant::min();  // the latest end among them

  // Same answer as overlaps_any(*off, span), for spans whose end never decreases.
  bool overlaps(const Interval& span) {
    const auto& o = *off;
    while (at < o.size() && o[at].start < span.end) latest_end = std::max(latest_end, o[at++].end);
    return latest_end > span.start;
  }
};

struct Candidate {
  std::size_t staff = 0;  // index into agenda.staff
  BusyCursor busy;
  TimeOffCursor time_off;
};

struct ResourceChoice {
  Id id = 0;
  BusyCursor busy;  // busy.busy == nullptr: not in the agenda, so nothing holds it
};

// Zone::at for the few wall-clock minutes a day's hours start or end at, each converted once per day.
class DayClock {
public:
  DayClock(const Zone& zone, LocalDate day) : zone_(zone), day_(day) {}
  Instant at(int minute) {
    for (std::size_t i = 0; i < size_; ++i)
      if (memo_[i].first == minute) return memo_[i].second;
    Instant t = zone_.at(day_, minute);
    if (size_ < memo_.size()) memo_[size_++] = {minute, t};
    return t;
  }

private:
  const Zone& zone_;
  LocalDate day_;
  std::array<std::pair<int, Instant>, 16> memo_{};
  std::size_t size_ = 0;
};

}  // namespace

void for_each_slot(const Agenda& agenda, const AvailabilityQuery& q, SlotSink& sink) {
  if (q.lines.empty() || q.step_minutes <= 0) return;
  const std::size_t nlines = q.lines.size();

  // Candidate staff per line, in staff order: lines' candidates are candidates[first[k] .. first[k + 1]).
  std::vector<Candidate> candidates;
  std::vector<std::size_t> first(nlines + 1, 0);
  std::vector<std::size_t> used;  // staff indexes any line may use, ascending
  std::vector<char> is_used(agenda.staff.size(), 0);
  for (std::size_t k = 0; k < nlines; ++k) {
    first[k] = candidates.size();
    for (std::size_t i = 0; i < agenda.staff.size(); ++i) {
      const auto& s = agenda.staff[i];
      if (q.staff_id && s.staff_id != *q.staff_id) continue;
      if (!s.performs(q.lines[k].service_id)) continue;
      candidates.push_back({i, {&s.busy}, {&s.time_off}});
      is_used[i] = 1;
    }
    if (candidates.size() == first[k]) return;
  }
  first[nlines] = candidates.size();
  for (std::size_t i = 0; i < agenda.staff.size(); ++i)
    if (is_used[i]) used.push_back(i);

  // The resources each line may take, in the order the line lists them.
  std::vector<ResourceChoice> resources;
  std::vector<std::size_t> first_resource(nlines + 1, 0);
  for (std::size_t k = 0; k < nlines; ++k) {
    first_resource[k] = resources.size();
    for (Id r : q.lines[k].resource_ids) {
      const auto* res = agenda.find_resource(r);
      resources.push_back({r, {res ? &res->busy : nullptr}});
    }
  }
  first_resource[nlines] = resources.size();

  std::vector<int> offsets(nlines);
  int total = 0;
  for (std::size_t k = 0; k < nlines; ++k) {
    offsets[k] = total;
    total += q.lines[k].duration_minutes;
  }

  std::vector<std::vector<Interval>> working(agenda.staff.size());
  std::vector<SlotLine> lines(nlines);
  std::vector<Instant> starts;

  // Whether the visit can start at `t`; the slot goes to the sink when it can.
  auto try_start = [&](Instant t) {
    for (std::size_t k = 0; k < nlines; ++k) {
      const auto& need = q.lines[k];
      Interval span{t + std::chrono::minutes{offsets[k]}, t + std::chrono::minutes{offsets[k] + need.duration_minutes}};
      bool placed = false;
      for (std::size_t c = first[k]; c < first[k + 1]; ++c) {
        auto& cand = candidates[c];
        if (!within(working[cand.staff], span) || cand.time_off.overlaps(span) || !cand.busy.free(need, span)) continue;
        std::optional<Id> resource;
        if (!need.resource_ids.empty()) {
          for (std::size_t r = first_resource[k]; r < first_resource[k + 1] && !resource; ++r) {
            auto& choice = resources[r];
            if (!choice.busy.busy || choice.busy.free(need, span)) resource = choice.id;
          }
          if (!resource) break;  // no resource free: no other staff member changes that
        }
        lines[k] = SlotLine{need.service_id, agenda.staff[cand.staff].staff_id, resource, span};
        placed = true;
        break;
      }
      if (!placed) return;
    }
    sink.slot(Interval{t, t + std::chrono::minutes{total}}, std::span<const SlotLine>(lines));
  };

  for (LocalDate day = q.from; day <= q.to; day = day.plus_days(1)) {
    int first_minute = 24 * 60, last_minute = 0;
    for (std::size_t i : used)
      working_minutes(agenda.staff[i].hours, agenda.opening_hours, day.weekday(), [&](int s, int e) {
        first_minute = std::min(first_minute, s);
        last_minute = std::max(last_minute, e);
      });
    if (first_minute >= last_minute) continue;
    DayClock clock(*agenda.zone, day);
    for (std::size_t i : used)
      working_stretches(agenda, agenda.staff[i], day.weekday(), [&](int minute) { return clock.at(minute); }, working[i]);

    // Starts fall on the step counted from local midnight.
    int start_minute = (first_minute + q.step_minutes - 1) / q.step_minutes * q.step_minutes;
    Instant midnight = clock.at(0);
    int offset_change = agenda.zone->offset_minutes(midnight) - agenda.zone->offset_minutes(agenda.zone->at(day.plus_days(1), 0));
    bool fixed_offset = offset_change == 0;
    if (fixed_offset) {
      // The usual day: no list, straight through.
      for (int m = start_minute; m + total <= last_minute; m += q.step_minutes) {
        Instant t = midnight + std::chrono::minutes{m};
        if (q.not_before && t < *q.not_before) continue;
        if (q.not_after && t > *q.not_after) break;
        try_start(t);
      }
      continue;
    }
    starts.clear();
    for (int m = start_minute; m + total <= last_minute; m += q.step_minutes) {
      auto exact = agenda.zone->exactly_at(day, m);
      if (!exact) continue;
      if (q.not_before && *exact < *q.not_before) continue;
      if (q.not_after && *exact > *q.not_after) break;
      starts.push_back(*exact);
    }
    if (offset_change > 0) {
      // The night the clocks go back, the wall-clock times of the repeated hour happen twice: each second
      // occurrence is a start of its own (a booking there fits), so it is offered too, in time order.
      std::size_t primary = starts.size();
      for (int m = start_minute; m + total <= last_minute; m += q.step_minutes) {
        auto once = agenda.zone->exactly_at(day, m);
        if (!once) continue;
        Instant t = *once + std::chrono::minutes{offset_change};
        auto local = agenda.zone->local(t);
        if (local.date != day || local.minute_of_day != m) continue;
        if ((q.not_before && t < *q.not_before) || (q.not_after && t > *q.not_after)) continue;
        starts.push_back(t);
      }
      std::inplace_merge(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(primary), starts.end());
    }
    for (Instant t : starts) try_start(t);
  }
}

std::vector<Slot> find_slots(const Agenda& agenda, const AvailabilityQuery& q) {
  struct Collect final : SlotSink {
    std::vector<Slot> slots;
    void slot(const Interval& span, std::span<const SlotLine> lines) override {
      slots.push_back(Slot{span, std::vector<SlotLine>(lines.begin(), lines.end())});
    }
  } collect;
  for_each_slot(agenda, q, collect);
  return std::move(collect.slots);
}

}  // namespace creneau::domain
