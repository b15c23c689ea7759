#include "app/waitlist.hpp"

#include <map>

namespace creneau::app::waitlist {

void on_freed(sql::Connection& c, Context& ctx, const domain::Appointment& before, const domain::Appointment* after,
              bool by_client_online) {
  (void)by_client_online;
  // Each staff member's span in `before` that `after` no longer covers is a freed slot.
  std::map<domain::Id, domain::Interval> freed;
  for (const auto& l : before.lines) {
    auto& span = freed[l.staff_id];
    span = span.empty() ? l.span : domain::Interval{std::min(span.start, l.span.start), std::max(span.end, l.span.end)};
  }
  if (after)
    for (const auto& l : after->lines)
      if (auto it = freed.find(l.staff_id); it != freed.end() && it->second == l.span) freed.erase(it);
  for (const auto& [staff, span] : freed)
    c.query("INSERT INTO freed_slots (staff_id, start_at, end_at, source_appointment_id, created_at) VALUES (?, ?, ?, ?, ?)",
            {staff, domain::to_epoch(span.start), domain::to_epoch(span.end), before.id, domain::to_epoch(ctx.now())});
}

}  // namespace creneau::app::waitlist
