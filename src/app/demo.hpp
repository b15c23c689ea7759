#pragma once
#include "app/context.hpp"

namespace creneau::app {
// Fills an empty database with a demo network that looks lived in: three salons in Paris and Lyon sharing one
// catalogue (a few per-salon overrides: rooms and laser only in the first salon, Lyon's own prices), staff with
// their colours and a day off each (one stylist working in two salons, a manager per branch), services for
// children, teens and adults, clients (a family among them, whose mother has a portal account:
// sophie.lemoine@example.com / demo-pass-123), a network laser package sold and partly used and a Lyon-only card,
// absences, two accounts waiting in the link queue, and each salon's agenda from two weeks ago to four weeks ahead
// of the server's today (Saturdays nearly full; past visits arrived and paid, a few no-shows; some
// cancellations). Staff log in as staff1@demo.creneau.local … staff10 with demo-pass-123 (staff1 is the
// network's admin, staff6 and staff8 the managers of the two branches). Does nothing if clients exist.
void load_demo(Context& ctx);
}  // namespace creneau::app
