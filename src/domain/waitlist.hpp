#pragma once
// Waitlist matching: which waiting visits could move into a freed interval, in the order their appointments
// were booked. Pure and allocation-light: the agenda and the waiting visits come in flat arrays, visits of the
// same shape (services, durations, staff when bound) are placed once and share the answer.
#include "domain/availability.hpp"
#include "domain/model.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace creneau::domain {

// A span of one staff member's time that a cancel, delete or move gave back.
struct FreedInterval {
  Id staff_id = 0;
  Interval span;
  bool operator==(const FreedInterval&) const = default;
};

// Per staff member, the time `before` held that `after` (the moved version, or null when cancelled or
// deleted) no longer holds. Back-to-back lines of one staff member merge; sorted by staff, then start.
std::vector<FreedInterval> freed_intervals(const Appointment& before, const Appointment* after);

// One line of a waiting visit as it is booked now.
struct WaitingLine {
  Id service_id = 0;
  int duration_minutes = 0;
  Id staff_id = 0;  // its staff member now; binding when the visit asked for its staff (requested_staff)
};

// An appointment that asked to be told of an earlier slot (notify_earlier_slot, not cancelled). Its lines
// are lines[first_line, first_line + line_count) of the array passed beside it.
struct WaitingVisit {
  Id appointment_id = 0;
  Id client_id = 0;
  Interval span;  // where it is now
  Instant created_at{};
  bool requested_staff = false;
  std::uint32_t first_line = 0;
  std::uint32_t line_count = 0;
};

struct WaitlistQuery {
  FreedInterval freed;
  Instant not_before{};         // booking rules: now + minimum notice; a sooner freed start offers nothing
  std::size_t limit = 0;        // 0 = every candidate
  Id exclude_appointment = 0;   // e.g. the appointment that freed the slot
};

struct WaitlistCandidate {
  std::size_t visit = 0;        // index into the visits given
  std::uint32_t placement = 0;  // index into WaitlistMatches::placements
};

struct WaitlistMatches {
  std::vector<WaitlistCandidate> candidates;      // by created_at, then appointment id
  std::vector<std::vector<SlotLine>> placements;  // where the lines would go; shared by visits of one shape
  const std::vector<SlotLine>& lines_of(const WaitlistCandidate& c) const { return placements[c.placement]; }
};

// The waiting visits that could move into `q.freed`: starting later than the freed start, with the whole visit
// run from the freed start and ending inside the freed interval, each line with the freed staff member when
// they perform it and are free, else with any staff member free then who performs it (only its own staff
// member when the visit asked for them), at least one line with the freed staff member, a required resource
// free, and the freed start no sooner than `q.not_before`. Group services never move this way.
//
// `agenda` must already show the freed time as free (the change that freed it applied). `services` sorted by
// id. `visits` are best given sorted by (created_at, appointment_id), the order of the answer; otherwise an
// index is sorted first.
WaitlistMatches match_waitlist(const Agenda& agenda, std::span<const Service> services,
                               std::span<const WaitingVisit> visits, std::span<const WaitingLine> lines,
                               const WaitlistQuery& q);

}  // namespace creneau::domain
