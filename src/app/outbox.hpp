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
Page list(Context& ctx, const store::outbox::Filter& filter);

// A `failed` message goes back to `pending` with its attempts reset (the dispatcher sends it at its next run).
// Any other status → validation_failed on `status`; an unknown id → not_found.
store::outbox::Message resend(Context& ctx, domain::Id id);

}  // namespace creneau::app::outbox
