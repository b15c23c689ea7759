#pragma once
// The outbox as staff read it: the messages of an appointment or a client, and "send again" for a failed one.
#include "app/context.hpp"
#include "store/outbox.hpp"

#include <vector>

namespace creneau::app::outbox {

struct Page {
  std::int64_t total = 0;
  std::vector<store::outbox::Message> items;
};
// What `who` may read of the outbox: an admin everything; a manager the messages of their salons; about one
// appointment or one client (appointment_id / client_id), any staff member the messages of their salons and
// those of no salon. An appointment of a salon the caller does not work at → forbidden.
Page list(Context& ctx, const Principal& who, store::outbox::Filter filter);

// A `failed` message goes back to `pending` with its attempts reset (the dispatcher sends it at its next run).
// Any other status → validation_failed on `status`; an unknown id → not_found; a message of a salon the caller
// does not work at → forbidden.
store::outbox::Message resend(Context& ctx, const Principal& who, domain::Id id);

}  // namespace creneau::app::outbox
