#pragma once
// The original per-slot probing engine and fit_line, the oracle for tests/checks/engine_check.cpp.
#include "domain/availability.hpp"

namespace creneau::bench::reference {

std::vector<domain::Slot> find_slots(const domain::Agenda& agenda, const domain::AvailabilityQuery& query);
domain::LineFit fit_line(const domain::Agenda& agenda, const domain::LineNeed& need, domain::Id staff_id,
                         std::optional<domain::Id> resource_id, const domain::Interval& span, domain::Id ignore_appointment = 0);

}  // namespace creneau::bench::reference
