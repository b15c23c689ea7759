#include "app/clients.hpp"

#include "app/booking.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"

namespace creneau::app::clients {

using domain::validation;

void normalize(domain::Client& c, const std::string& country) {
  if (c.first_name.empty()) throw validation("first_name", "the first name is required");
  if (c.last_name.empty()) throw validation("last_name", "the last name is required");
  if (c.email.empty()) throw validation("email", "the e-mail address is required");
  if (!domain::plausible_email(c.email)) throw validation("email", "this is not a valid e-mail address");
  if (!c.phone.empty()) {
    auto phone = domain::normalize_phone(c.phone, country);
    if (!phone) throw validation("phone", "this is not a phone number");
    c.phone = *phone;
  }
  if (!c.gender.empty() && c.gender != "female" && c.gender != "male" && c.gender != "other")
    throw validation("gender", "gender is female, male or other");
}

domain::Client create(Context& ctx, domain::Client client) {
  return ctx.db.write([&](sql::Connection& c) {
    normalize(client, store::catalogue::load_settings(c).country);
    client.id = store::clients::insert(c, client, ctx.now());
    return *store::clients::find(c, client.id, ctx.now());
  });
}

domain::Client update(Context& ctx, const domain::Client& client) {
  return ctx.db.write([&](sql::Connection& c) {
    if (!store::clients::find(c, client.id, ctx.now())) throw domain::not_found("client");
    auto copy = client;
    normalize(copy, store::catalogue::load_settings(c).country);
    store::clients::update(c, copy);
    return *store::clients::find(c, copy.id, ctx.now());
  });
}

domain::Client get(Context& ctx, Id id) {
  auto c = ctx.db.read([&](sql::Connection& conn) { return store::clients::find(conn, id, ctx.now()); });
  if (!c) throw domain::not_found("client");
  return *c;
}

void remove_in(sql::Connection& c, Context& ctx, Id id, const Principal& by) {
  if (!store::clients::find(c, id, ctx.now())) throw domain::not_found("client " + std::to_string(id));
  // Future visits are cancelled first, each with its notices, so nobody waits for a visit that no longer exists.
  store::appointments::Filter f;
  f.client_id = id;
  f.from = ctx.now();
  f.limit = 100000;
  booking::Origin origin{by.actor(), false, std::nullopt};
  for (const auto& a : store::appointments::list(c, f))
    if (!a.cancelled()) booking::cancel_in(c, ctx, a.id, "client file deleted", origin);
  // Then every visit goes with the file: the agenda keeps no appointment without a client.
  for (const auto& r : c.query("SELECT id FROM appointments WHERE client_id = ?", {id}))
    store::appointments::remove(c, r.integer(0));
  c.query("UPDATE accounts SET client_id = NULL WHERE client_id = ?", {id});
  store::clients::remove(c, id);
}

void remove(Context& ctx, Id id, const Principal& by) {
  ctx.db.write([&](sql::Connection& c) { remove_in(c, ctx, id, by); });
}

Page search(Context& ctx, const store::clients::Query& q) {
  Page p;
  p.items = ctx.db.read([&](sql::Connection& c) { return store::clients::search(c, q, p.total, ctx.now()); });
  return p;
}

}  // namespace creneau::app::clients
