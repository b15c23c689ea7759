#pragma once
// The earlier-slot waitlist: when a visit gives time back, who could move into it, and who is told.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "store/sql.hpp"

namespace creneau::app::waitlist {

// Called inside the transaction that cancels, deletes or moves `before` (`after` is the moved version, or
// null). Records each freed span per staff member and, in automatic mode, offers it at once.
// `by_client_online`: the client's own change through the portal (manual mode then notifies nobody).
void on_freed(sql::Connection& c, Context& ctx, const domain::Appointment& before, const domain::Appointment* after,
              bool by_client_online);

}  // namespace creneau::app::waitlist
