#pragma once
#include "app/context.hpp"

namespace creneau::app {
// Fills an empty database with a living demo network: three salons in Paris and Lyon sharing one catalogue
// (with a few per-salon overrides), staff (one stylist in two salons, a manager per branch), rooms, services for
// children, teens and adults, clients, a network package and a salon-only one, and three weeks of appointments
// in each salon around today. Does nothing if clients exist.
void load_demo(Context& ctx);
}  // namespace creneau::app
