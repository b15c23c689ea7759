#pragma once
// The figures of the reports (per salon and day, summed for ranges and networks) and the arithmetic they need
// that is not SQL: the staff's open minutes by the availability engine's working-stretch rule, how an instant
// falls on a local date inside a query (the zone's UTC offsets over the range), the range rules. Pure.
#include "domain/availability.hpp"
#include "domain/model.hpp"
#include "domain/time.hpp"

#include <cstdint>
#include <vector>

namespace creneau::domain::reports {

// What is counted for one salon over some days; every member adds up (ratios are derived from the sums).
struct Figures {
  std::int64_t appointments = 0;  // not cancelled, no-shows included
  std::int64_t cancelled = 0;
  std::int64_t no_shows = 0;
  std::int64_t revenue_cents = 0;   // lines of appointments neither cancelled nor no-show
  std::int64_t booked_minutes = 0;  // lines of appointments not cancelled
  std::int64_t open_minutes = 0;
  std::int64_t online = 0;  // appointments created by a client
  std::int64_t new_clients = 0;
  std::int64_t waitlist_offers = 0;
  std::int64_t waitlist_accepted = 0;

  Figures& operator+=(const Figures& o);
  bool operator==(const Figures&) const = default;
  // booked / open, 3 decimals; 0 when nothing is open.
  double occupancy() const;
  // online / appointments, 3 decimals; 0 without appointments.
  double online_share() const;
};

// num / den rounded to 3 decimals (half away from zero); 0 when den is 0.
double ratio3(std::int64_t num, std::int64_t den);

// A report's days: local dates, both inclusive.
struct Range {
  LocalDate from, to;
  int days() const { return to.days_since_epoch - from.days_since_epoch + 1; }
};
inline constexpr int kMaxRangeDays = 366;
// Checks the order and the length (at most kMaxRangeDays days); throws validation_failed on "to".
void check_range(const Range& range);

// The working minutes of each day of `range` (index 0 = range.from) summed over the agenda's staff: each staff
// member's working stretches there (their hours rows within the opening hours, touching rows merged, as
// working_stretches() gives them, as real time: a DST day counts what the clock really ran) less their time off.
// Busy spans are not looked at.
std::vector<std::int64_t> open_minutes_by_day(const Agenda& agenda, const Range& range);

// From `start` on, instants are `offset_seconds` ahead in local time (until the next segment's start).
struct OffsetSegment {
  Instant start{};
  std::int64_t offset_seconds = 0;
};
// The zone's UTC offsets over [from, to): the first segment starts at `from`, one more at each change. With them
// the local date of an instant t is floor((t + offset) / 86400) days since the epoch: what a query groups by.
std::vector<OffsetSegment> offset_segments(const Zone& zone, Instant from, Instant to);
// The instants that start and end the local days of `range` in `zone`: [start of from, start of to + 1).
Interval span_of(const Zone& zone, const Range& range);

}  // namespace creneau::domain::reports
