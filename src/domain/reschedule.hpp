#pragma once
// Where an existing appointment can move: its lines keep their services, durations, staff and resources and run
// back to back from the new start. The same fit_line() that a move checks decides, so every start offered here
// is one the move accepts.
#include "domain/availability.hpp"

#include <optional>
#include <vector>

namespace creneau::domain {

struct FixedLine {
  LineNeed need;
  Id staff_id = 0;
  std::optional<Id> resource_id;
};

struct FixedLineQuery {
  std::vector<FixedLine> lines;
  LocalDate from, to;  // local dates, inclusive
  int step_minutes = 15;  // starts fall on the step counted from local midnight
  std::optional<Instant> not_before, not_after;
  Id ignore_appointment = 0;  // the appointment being moved: its own time counts as free
};

std::vector<Slot> fixed_line_slots(const Agenda& agenda, const FixedLineQuery& query);

}  // namespace creneau::domain
