// The client portal: accounts, the account's family and packages, availability and online bookings.
#include "app/booking.hpp"
#include "app/portal.hpp"
#include "app/salons.hpp"
#include "http/api.hpp"
#include "http/booking_io.hpp"
#include "http/clients_io.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

// What a client may ask for online: services, staff and resources, answers, their request and the waitlist
// wish. Prices, durations, staff notes and payment fields are the front desk's.
app::booking::BookRequest portal_request(const json& j, const domain::Zone& zone) {
  app::booking::BookRequest r;
  try {
    r = read_book_request(j, zone);
  } catch (const domain::Error& e) {
    if (e.field() == "confirmation" && j.at("confirmation").is_string())
      throw domain::validation("confirmation", "online, confirmation is approve or request");
    throw;
  }
  for (auto& line : r.lines) {
    line.duration_minutes.reset();
    line.price_cents.reset();
  }
  r.quick_note.clear();
  r.notes.clear();
  r.payment_method.clear();
  r.amount_requested_cents = 0;
  if (r.confirmation == domain::Confirmation::silent)
    throw domain::validation("confirmation", "online, confirmation is approve or request");
  return r;
}

}  // namespace

void add_portal_routes(Router& r, app::Context& ctx) {
  auto zone = [&ctx] { return salon_zone(ctx); };

  // ---- accounts ----
  r.add("POST", "/api/portal/register", Access::public_(), [&ctx, zone](const Request& req, const Params&) {
    auto j = parse_object(req);
    app::portal::Registration reg;
    reg.first_name = opt_string(j, "first_name").value_or("");
    reg.last_name = opt_string(j, "last_name").value_or("");
    reg.email = opt_string(j, "email").value_or("");
    reg.phone = opt_string(j, "phone").value_or("");
    reg.password = opt_string(j, "password").value_or("");
    auto z = zone();  // read before the write: nothing that can fail runs after the commit
    auto s = app::portal::register_account(ctx, reg);
    return json_response(201, {{"token", s.token}, {"account", account_json(s.account, false, z)}});
  });

  r.add("POST", "/api/portal/login", Access::public_(), [&ctx, zone](const Request& req, const Params&) {
    auto j = parse_object(req);
    auto z = zone();
    auto s = app::portal::login(ctx, opt_string(j, "identifier").value_or(""), opt_string(j, "password").value_or(""), req.remote);
    return json_response(200, {{"token", s.token}, {"account", account_json(s.account, s.link_pending, z)}});
  });

  r.add("POST", "/api/portal/logout", Access::client(), [&ctx](const Request& req, const Params&) {
    app::portal::logout(ctx, req.authorization);
    return no_content();
  });

  r.add("GET", "/api/portal/me", Access::client(), [&ctx, zone](const Request&, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto me = app::portal::me(ctx, who.id);
    auto z = zone();
    return json_response(200, {{"account", account_json(me.account, me.link_pending, z)},
                               {"client", me.client ? to_json(*me.client, z) : json(nullptr)},
                               {"link_pending", me.link_pending},
                               {"members", members_json(me.members, z)},
                               {"packages", packages_json(me.packages)}});
  });

  r.add("POST", "/api/portal/password/forgot", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    app::portal::forgot_password(ctx, opt_string(j, "identifier").value_or(""));
    return json_response(202, {{"status", "accepted"}});
  });

  r.add("POST", "/api/portal/password/reset", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    app::portal::reset_password(ctx, opt_string(j, "token").value_or(""), opt_string(j, "password").value_or(""));
    return no_content();
  });

  // ---- availability: public like the catalogue, so a visitor sees slots before creating an account ----
  r.add("GET", "/api/portal/availability",
        Access::public_().refined("with ?appointment_id= (where to move it): the client whose appointment it is"), [&ctx](const Request& req, const Params&) {
    // ?appointment_id=: where the account's own appointment can be moved (its lines, staff and rooms kept).
    if (auto id = query_int(req, "appointment_id")) {
      auto who = authenticate_as(ctx, req, Level::client);
      auto from = query_date(req, "from");
      if (!from) throw domain::validation("from", "'from' is required (YYYY-MM-DD)");
      auto found = app::portal::reschedule_availability(ctx, who, *id, *from, query_date(req, "to").value_or(*from));
      return slots_response(found.slots, domain::Zone(found.timezone));
    }
    auto q = read_availability_request(req);
    q.salon_id = request_salon(ctx, nullptr, req);
    q.online = true;
    auto found = app::booking::availability(ctx, q);  // settings read once, in the use case's transaction
    return slots_response(found.slots, domain::Zone(found.timezone));
  });

  // ---- the account's appointments ----
  r.add("GET", "/api/portal/appointments", Access::client(), [&ctx, zone](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto z = zone();
    auto zones = salon_zones(ctx);
    std::optional<domain::Instant> from, to;
    if (auto d = query_date(req, "from")) from = z.at(*d, 0);
    if (auto d = query_date(req, "to")) to = z.at(d->plus_days(1), 0);
    auto page = paging(req);
    auto result =
        app::portal::appointments(ctx, who, from, to, req.query_param("limit") ? page.limit : 500, page.offset);
    // Every salon's visits, each in its salon's zone and with its salon's name.
    std::map<domain::Id, std::string> names;
    for (const auto& s : app::salons::list(ctx)) names[s.id] = s.name;
    json items = json::array();
    for (const auto& a : result.items) {
      auto item = to_json(a, zones.of(a.salon_id));
      item["salon_name"] = names[a.salon_id];
      items.push_back(std::move(item));
    }
    return json_response(200, list_body(result.total, std::move(items)));
  });

  r.add("POST", "/api/portal/appointments", Access::client(), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto salon = request_salon(ctx, nullptr, req, opt_int(j, "salon_id"));
    auto z = salon_zone(ctx, salon);
    auto body = portal_request(j, z);
    body.salon_id = salon;
    // `for_client_id` names the person; a `client_id` alone is read the same way.
    auto for_client = opt_int(j, "for_client_id");
    if (!for_client) for_client = opt_int(j, "client_id");
    return json_response(201, to_json(app::portal::book(ctx, who, body, for_client), z));
  });

  r.add("GET", "/api/portal/appointments/{id}", Access::client(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto a = app::portal::appointment(ctx, who, path_id(p[0]));
    return json_response(200, to_json(a, salon_zone(ctx, a.salon_id)));
  });

  r.add("PATCH", "/api/portal/appointments/{id}", Access::client(), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto id = path_id(p[0]);
    auto j = parse_object(req);
    auto z = salon_zone(ctx, app::portal::appointment(ctx, who, id).salon_id);
    auto text = opt_string(j, "start");
    if (!text || text->empty())
      throw domain::validation("start", "'start' is required: the new start of the appointment");
    auto start = domain::parse_instant(*text, z);
    if (!start)
      throw domain::validation("start", "'start' must be an ISO 8601 date-time, e.g. 2027-01-04T10:00:00+01:00");
    return json_response(200, to_json(app::portal::reschedule(ctx, who, id, *start), z));
  });

  r.add("POST", "/api/portal/appointments/{id}/cancel", Access::client(), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto id = path_id(p[0]);
    auto j = parse_object(req);
    auto z = salon_zone(ctx, app::portal::appointment(ctx, who, id).salon_id);  // before the write
    return json_response(200, to_json(app::portal::cancel(ctx, who, id, opt_string(j, "reason").value_or("")), z));
  });
}

}  // namespace creneau::http
