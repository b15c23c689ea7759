#include "app/outbox.hpp"

#include "app/salons.hpp"
#include "domain/error.hpp"
#include "store/appointments.hpp"

namespace creneau::app::outbox {

Page list(Context& ctx, const Principal& who, store::outbox::Filter filter) {
  bool about_one = filter.appointment_id || filter.client_id;
  if (!who.is_admin()) {
    if (!about_one && !who.is_manager()) throw domain::Error(domain::ErrorCode::forbidden, "this route is for the salon's administrators");
    filter.salon_ids = who.salon_ids;
    filter.network_wide_too = about_one;
  }
  Page p;
  p.items = ctx.db.read([&](sql::Connection& c) {
    if (filter.appointment_id && !who.is_admin())
      if (auto a = store::appointments::find(c, *filter.appointment_id)) salons::require_works_at(who, a->salon_id);
    return store::outbox::list(c, filter, p.total);
  });
  return p;
}

store::outbox::Message resend(Context& ctx, const Principal& who, domain::Id id) {
  return ctx.db.write([&](sql::Connection& c) {
    auto m = store::outbox::find(c, id);
    if (!m) throw domain::not_found("message");
    if (m->salon_id) salons::require_works_at(who, *m->salon_id);
    if (m->status != domain::MessageStatus::failed) throw domain::validation("status", "only a failed message can be sent again");
    store::outbox::requeue(c, id, ctx.now());
    return *store::outbox::find(c, id);
  });
}

}  // namespace creneau::app::outbox
