#pragma once
// The original per-slot probing engine, the oracle for bench/engine_check.cpp.
#include "domain/availability.hpp"

namespace creneau::bench::reference {

std::vector<domain::Slot> find_slots(const domain::Agenda& agenda, const domain::AvailabilityQuery& query);

}  // namespace creneau::bench::reference
