#include "app/outbox.hpp"

#include "domain/error.hpp"

namespace creneau::app::outbox {

Page list(Context& ctx, const store::outbox::Filter& filter) {
  Page p;
  p.items = ctx.db.read([&](sql::Connection& c) { return store::outbox::list(c, filter, p.total); });
  return p;
}

store::outbox::Message resend(Context& ctx, domain::Id id) {
  return ctx.db.write([&](sql::Connection& c) {
    auto m = store::outbox::find(c, id);
    if (!m) throw domain::not_found("message");
    if (m->status != "failed") throw domain::validation("status", "only a failed message can be sent again");
    store::outbox::requeue(c, id, ctx.now());
    return *store::outbox::find(c, id);
  });
}

}  // namespace creneau::app::outbox
