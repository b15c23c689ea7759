#pragma once
#include "app/context.hpp"

namespace creneau::app {
// Fills an empty database with a living demo salon in Europe/Paris: staff, resources, services for
// children, teens and adults, clients, and this week's appointments. Does nothing if clients exist.
void load_demo(Context& ctx);
}  // namespace creneau::app
