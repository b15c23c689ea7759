// Appointments and availability for the salon's staff.
#include "app/booking.hpp"
#include "http/api.hpp"
#include "http/booking_io.hpp"
#include "store/appointments.hpp"

namespace creneau::http {

void add_booking_routes(Router& r, app::Context& ctx) {
  auto zone = [&ctx] { return salon_zone(ctx); };
  auto origin = [](const app::Principal& p) { return app::booking::Origin{p.actor(), false, std::nullopt}; };

  r.add("GET", "/api/availability", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    auto q = read_availability_request(req);
    auto found = app::booking::availability(ctx, q);  // settings read once, in the use case's transaction
    return slots_response(found.slots, domain::Zone(found.timezone));
  });

  r.add("POST", "/api/appointments", [&ctx, zone, origin](const Request& req, const Params&) {
    auto p = require_staff(ctx, req);
    auto j = parse_object(req);
    auto z = zone();
    auto body = read_book_request(j, z);
    if (!opt_int(j, "client_id")) throw domain::validation("client_id", "'{}' is required", {std::string("client_id")});
    return json_response(201, to_json(app::booking::book(ctx, body, origin(p)), z));
  });

  r.add("GET", "/api/appointments", [&ctx, zone](const Request& req, const Params&) {
    require_staff(ctx, req);
    auto z = zone();
    store::appointments::Filter f;
    if (auto from = query_date(req, "from")) f.from = z.at(*from, 0);
    if (auto to = query_date(req, "to")) f.to = z.at(to->plus_days(1), 0);
    f.staff_id = query_int(req, "staff_id");
    f.resource_id = query_int(req, "resource_id");
    f.client_id = query_int(req, "client_id");
    if (auto s = req.query_param("status"); s && !s->empty()) f.status = *s;
    auto page = paging(req);
    f.limit = req.query_param("limit") ? page.limit : 500;
    f.offset = page.offset;
    std::int64_t total = 0;
    auto items = ctx.db.read([&](sql::Connection& c) { return store::appointments::list(c, f, &total); });
    json a = json::array();
    for (const auto& x : items) a.push_back(to_json(x, z));
    return json_response(200, list_body(total, std::move(a)));
  });

  r.add("GET", "/api/appointments/{id}", [&ctx, zone](const Request& req, const Params& p) {
    require_staff(ctx, req);
    return json_response(200, to_json(app::booking::get(ctx, path_id(p[0])), zone()));
  });

  r.add("PATCH", "/api/appointments/{id}", [&ctx, zone, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto z = zone();
    auto change = read_change_request(parse_object(req), z);
    return json_response(200, to_json(app::booking::change(ctx, path_id(p[0]), change, origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/cancel", [&ctx, zone, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto j = parse_object(req);
    auto z = zone();  // read before the write: nothing that can fail runs after the commit
    auto a = app::booking::cancel(ctx, path_id(p[0]), opt_string(j, "reason").value_or(""), origin(who));
    return json_response(200, to_json(a, z));
  });

  r.add("DELETE", "/api/appointments/{id}", [&ctx, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    app::booking::remove(ctx, path_id(p[0]), origin(who));
    return no_content();
  });

  r.add("POST", "/api/appointments/{id}/confirm", [&ctx, zone, origin](const Request& req, const Params& p) {
    // Staff with a token, or the client through the link of the confirmation request (?token=…).
    auto z = zone();
    if (auto token = req.query_param("token"); token && !token->empty() && req.authorization.empty()) {
      return json_response(200, to_json(app::booking::confirm_by_token(ctx, *token, path_id(p[0])), z));
    }
    auto who = require_staff(ctx, req);
    return json_response(200, to_json(app::booking::confirm(ctx, path_id(p[0]), origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/no_show", [&ctx, zone, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto j = parse_object(req);
    auto flag = opt_bool(j, "no_show");
    if (!flag) throw domain::validation("no_show", "'{}' is required (true or false)", {std::string("no_show")});
    return json_response(200, to_json(app::booking::set_no_show(ctx, path_id(p[0]), *flag, origin(who)), zone()));
  });

  r.add("POST", "/api/appointments/{id}/arrived", [&ctx, zone, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto flag = opt_bool(parse_object(req), "arrived");
    if (!flag) throw domain::validation("arrived", "'{}' is required (true or false)", {std::string("arrived")});
    return json_response(200, to_json(app::booking::set_arrived(ctx, path_id(p[0]), *flag, origin(who)), zone()));
  });

  r.add("POST", "/api/appointments/{id}/paid", [&ctx, zone, origin](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto j = parse_object(req);
    auto flag = opt_bool(j, "paid");
    if (!flag) throw domain::validation("paid", "'{}' is required (true or false)", {std::string("paid")});
    auto a = app::booking::set_paid(ctx, path_id(p[0]), *flag, opt_string(j, "payment_method"), origin(who));
    return json_response(200, to_json(a, zone()));
  });
}

}  // namespace creneau::http