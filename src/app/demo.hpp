#pragma once
#include "app/context.hpp"

namespace creneau::app {
// Fills an empty database with a demo salon that looks lived in (Europe/Paris): staff with their colours and a
// day off each, services for children, teens and adults, clients (a family among them, whose mother has a portal
// account: sophie.lemoine@example.com / demo-pass-123), a laser package sold and partly used, absences, two
// accounts waiting in the link queue, and the agenda from two weeks ago to four weeks ahead of the server's today
// (Saturdays nearly full; past visits arrived and paid, a few no-shows; some cancellations). Staff log in as
// staff1@demo.creneau.local … staff5 with demo-pass-123. Does nothing if clients exist.
void load_demo(Context& ctx);
}  // namespace creneau::app
