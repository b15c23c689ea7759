#pragma once
// The availability engine: pure interval arithmetic over in-memory schedules, no I/O.
// The same primitives decide whether a concrete booking fits (check_booking), so the slots offered and the
// bookings accepted can never disagree.
#include "domain/model.hpp"

#include <algorithm>
#include <span>
#include <utility>
#include <unordered_map>
#include <vector>

namespace creneau::domain {

// One occupied span of a staff member's or a resource's time. Group sessions (capacity > 1) are one entry
// carrying how many places are taken, so a further client can join the same session.
struct Busy {
  Interval span;
  Id group_service_id = 0;  // the group service held in this span, 0 for an ordinary appointment
  int taken = 1;            // places taken in the group session
  Id appointment_id = 0;    // for an ordinary appointment; lets a move ignore the appointment being moved
};

// Everything the engine knows about one staff member over the range asked.
struct StaffSchedule {
  Id staff_id = 0;
  std::vector<WeeklyHours> hours;  // weekly pattern
  std::vector<Id> service_ids;     // sorted: what they perform
  std::vector<Interval> time_off;  // sorted by start
  std::vector<Busy> busy;          // sorted by start, non-overlapping
  bool performs(Id service_id) const;
};

struct ResourceSchedule {
  Id resource_id = 0;
  std::vector<Busy> busy;  // sorted by start, non-overlapping
};

// What one line of a visit needs.
struct LineNeed {
  Id service_id = 0;
  int duration_minutes = 0;
  std::vector<Id> resource_ids;  // one of these must be free; empty = none needed
  int capacity = 1;
};

struct SlotLine {
  Id service_id = 0;
  Id staff_id = 0;
  std::optional<Id> resource_id;
  Interval span;
};

struct Slot {
  Interval span;
  std::vector<SlotLine> lines;
};

struct AvailabilityQuery {
  std::vector<LineNeed> lines;
  std::optional<Id> staff_id;  // every line with this staff member
  LocalDate from, to;          // local dates, inclusive
  int step_minutes = 15;
  std::optional<Instant> not_before;  // booking rules: now + min notice
  std::optional<Instant> not_after;   // booking rules: now + max advance
};

// Indexes schedules by id; built once per request from what the store loaded for the range.
struct Agenda {
  const Zone* zone = nullptr;
  std::vector<WeeklyHours> opening_hours;  // empty = no salon-wide limit
  std::vector<StaffSchedule> staff;        // sorted by staff_id
  std::vector<ResourceSchedule> resources; // sorted by resource_id
  const StaffSchedule* find_staff(Id id) const;
  const ResourceSchedule* find_resource(Id id) const;
  StaffSchedule* find_staff(Id id) { return const_cast<StaffSchedule*>(std::as_const(*this).find_staff(id)); }
  ResourceSchedule* find_resource(Id id) {
    return const_cast<ResourceSchedule*>(std::as_const(*this).find_resource(id));
  }
};

// The local spans a staff member works on one weekday, clipped to the salon's opening hours when it has any.
template <typename Out>
void working_minutes(const std::vector<WeeklyHours>& hours, const std::vector<WeeklyHours>& opening, int weekday,
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

// A staff member's working stretches on a day of `weekday`, as instants: the one rule fit_line, find_slots and
// waitlist matching share. `at(minute)` converts a wall-clock minute of that day.
template <typename At>
void working_stretches(const Agenda& agenda, const StaffSchedule& staff, int weekday, At&& at, std::vector<Interval>& out) {
  out.clear();
  working_minutes(staff.hours, agenda.opening_hours, weekday, [&](int s, int e) { out.push_back({at(s), at(e)}); });
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

// Sorts raw occupied spans and folds them: places of one group session add up; overlapping appointments merge.
void normalize(std::vector<Busy>& busy);

std::vector<Slot> find_slots(const Agenda& agenda, const AvailabilityQuery& query);

// Receives the slots of for_each_slot() in time order. `lines` is only valid during the call.
struct SlotSink {
  virtual void slot(const Interval& span, std::span<const SlotLine> lines) = 0;

protected:
  ~SlotSink() = default;
};
// The same slots as find_slots(), handed over one by one without building a Slot each (no allocation per slot):
// for writing them straight into a response or counting them.
void for_each_slot(const Agenda& agenda, const AvailabilityQuery& query, SlotSink& sink);

// Why a concrete line cannot be placed, or Ok.
enum class LineFit { ok, not_performed, outside_hours, taken, resource_taken, resource_not_allowed, resource_required };

// Whether staff `staff` (and resource `resource`) can take `need` over `span`. `ignore_appointment` is left out
// of the busy lists (an appointment being moved).
LineFit fit_line(const Agenda& agenda, const LineNeed& need, Id staff_id, std::optional<Id> resource_id,
                 const Interval& span, Id ignore_appointment = 0);

// Throws the contract's error for a line that does not fit (index for the message and field).
void require_fit(const Agenda& agenda, const LineNeed& need, Id staff_id, std::optional<Id> resource_id,
                 const Interval& span, std::size_t line_index, Id ignore_appointment = 0);

}  // namespace creneau::domain
