// The availability engine as it was before the performance work: per-slot probing with a binary search of the
// busy list for every staff member at every start (src/domain/availability.cpp of a6f532e, plus the later
// fixes of the working tree: touching hours merge into one stretch, and the repeated hour of the night the clocks
// go back). Kept as the oracle the equivalence check compares the optimised engine against, and as the "Old"
// cases of engine_bench. Not used by the server.
#include "reference_engine.hpp"

#include <algorithm>

namespace creneau::bench::reference {

using namespace creneau::domain;

namespace {

// The local spans a staff member works on one weekday, clipped to the salon's opening hours when it has any.
template <typename Out>
void old_working_minutes(const std::vector<WeeklyHours>& hours, const std::vector<WeeklyHours>& opening, int weekday,
                     Out&& out) {
  for (const auto& h : hours) {
    if (h.weekday != weekday) continue;
    if (opening.empty()) {
      out(h.start_minute, h.end_minute);
      continue;
    }
    for (const auto& o : opening) {
      if (o.weekday != weekday) continue;
      int s = std::max(h.start_minute, o.start_minute), e = std::min(h.end_minute, o.end_minute);
      if (s < e) out(s, e);
    }
  }
}

void working_intervals(const Agenda& agenda, const StaffSchedule& staff, LocalDate day, std::vector<Interval>& out) {
  out.clear();
  old_working_minutes(staff.hours, agenda.opening_hours, day.weekday(), [&](int s, int e) {
    out.push_back({agenda.zone->at(day, s), agenda.zone->at(day, e)});
  });
  // Rows that touch or overlap (09–12 and 12–15, or after clipping to opening hours) are one stretch of work:
  // a visit may run across the seam.
  if (out.size() > 1) {
    std::sort(out.begin(), out.end());
    std::size_t n = 0;
    for (std::size_t i = 1; i < out.size(); ++i) {
      if (out[i].start <= out[n].end) out[n].end = std::max(out[n].end, out[i].end);
      else out[++n] = out[i];
    }
    out.resize(n + 1);
  }
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

bool staff_free(const StaffSchedule& s, const std::vector<Interval>& working, const LineNeed& need,
                const Interval& span, Id ignore) {
  return within(working, span) && !overlaps_any(s.time_off, span) && free_in(s.busy, need, span, ignore);
}

std::optional<Id> pick_resource(const Agenda& agenda, const LineNeed& need, const Interval& span) {
  for (Id r : need.resource_ids) {
    const auto* res = agenda.find_resource(r);
    if (!res || free_in(res->busy, need, span, 0)) return r;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Slot> find_slots(const Agenda& agenda, const AvailabilityQuery& q) {
  std::vector<Slot> slots;
  if (q.lines.empty() || q.step_minutes <= 0) return slots;

  // Candidate staff per line, as indexes into agenda.staff.
  std::vector<std::vector<std::size_t>> candidates(q.lines.size());
  std::vector<bool> used(agenda.staff.size(), false);
  for (std::size_t k = 0; k < q.lines.size(); ++k) {
    for (std::size_t i = 0; i < agenda.staff.size(); ++i) {
      const auto& s = agenda.staff[i];
      if (q.staff_id && s.staff_id != *q.staff_id) continue;
      if (!s.performs(q.lines[k].service_id)) continue;
      candidates[k].push_back(i);
      used[i] = true;
    }
    if (candidates[k].empty()) return slots;
  }
  std::vector<int> offsets(q.lines.size());
  int total = 0;
  for (std::size_t k = 0; k < q.lines.size(); ++k) {
    offsets[k] = total;
    total += q.lines[k].duration_minutes;
  }

  std::vector<std::vector<Interval>> working(agenda.staff.size());
  std::vector<SlotLine> lines(q.lines.size());
  for (LocalDate day = q.from; day <= q.to; day = day.plus_days(1)) {
    int first_minute = 24 * 60, last_minute = 0;
    for (std::size_t i = 0; i < agenda.staff.size(); ++i) {
      if (!used[i]) continue;
      old_working_minutes(agenda.staff[i].hours, agenda.opening_hours, day.weekday(), [&](int s, int e) {
        first_minute = std::min(first_minute, s);
        last_minute = std::max(last_minute, e);
      });
      working_intervals(agenda, agenda.staff[i], day, working[i]);
    }
    if (first_minute >= last_minute) continue;
    // Whether the visit can start at `t`; the slot is appended when it can.
    auto try_start = [&](Instant t) {
      for (std::size_t k = 0; k < q.lines.size(); ++k) {
        const auto& need = q.lines[k];
        Interval span{t + std::chrono::minutes{offsets[k]}, t + std::chrono::minutes{offsets[k] + need.duration_minutes}};
        bool placed = false;
        for (std::size_t i : candidates[k]) {
          const auto& s = agenda.staff[i];
          if (!staff_free(s, working[i], need, span, 0)) continue;
          std::optional<Id> resource;
          if (!need.resource_ids.empty()) {
            resource = pick_resource(agenda, need, span);
            if (!resource) break;  // no resource free: no other staff member changes that
          }
          lines[k] = SlotLine{need.service_id, s.staff_id, resource, span};
          placed = true;
          break;
        }
        if (!placed) return;
      }
      slots.push_back(Slot{{t, t + std::chrono::minutes{total}}, lines});
    };
    // Starts fall on the step counted from local midnight.
    int start_minute = (first_minute + q.step_minutes - 1) / q.step_minutes * q.step_minutes;
    Instant midnight = agenda.zone->at(day, 0);
    int offset_change = agenda.zone->offset_minutes(midnight) - agenda.zone->offset_minutes(agenda.zone->at(day.plus_days(1), 0));
    bool fixed_offset = offset_change == 0;
    std::size_t day_begin = slots.size();
    for (int m = start_minute; m + total <= last_minute; m += q.step_minutes) {
      Instant t;
      if (fixed_offset) {
        t = midnight + std::chrono::minutes{m};
      } else {
        auto exact = agenda.zone->exactly_at(day, m);
        if (!exact) continue;
        t = *exact;
      }
      if (q.not_before && t < *q.not_before) continue;
      if (q.not_after && t > *q.not_after) break;
      try_start(t);
    }
    if (offset_change > 0) {
      // The night the clocks go back, the wall-clock times of the repeated hour happen twice: each second
      // occurrence is a start of its own (a booking there fits), so it is offered too, in time order.
      for (int m = start_minute; m + total <= last_minute; m += q.step_minutes) {
        auto first = agenda.zone->exactly_at(day, m);
        if (!first) continue;
        Instant t = *first + std::chrono::minutes{offset_change};
        auto local = agenda.zone->local(t);
        if (local.date != day || local.minute_of_day != m) continue;
        if ((q.not_before && t < *q.not_before) || (q.not_after && t > *q.not_after)) continue;
        try_start(t);
      }
      std::stable_sort(slots.begin() + static_cast<std::ptrdiff_t>(day_begin), slots.end(),
                       [](const Slot& a, const Slot& b) { return a.span.start < b.span.start; });
    }
  }
  return slots;
}

LineFit fit_line(const Agenda& agenda, const LineNeed& need, Id staff_id, std::optional<Id> resource_id,
                 const Interval& span, Id ignore_appointment) {
  const auto* staff = agenda.find_staff(staff_id);
  if (!staff || !staff->performs(need.service_id)) return LineFit::not_performed;
  std::vector<Interval> working;
  working_intervals(agenda, *staff, agenda.zone->local(span.start).date, working);
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

}  // namespace creneau::bench::reference
