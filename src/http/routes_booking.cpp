// Appointments and availability for the salon's staff.
#include "app/booking.hpp"
#include "app/salons.hpp"
#include "http/api.hpp"
#include "http/booking_io.hpp"
#include "store/appointments.hpp"

namespace creneau::http {

namespace {
constexpr std::string_view kConfirmRule = "staff (employee), unless ?token= without a bearer token (the client's link)";
constexpr std::string_view kOwnSalonRule = "the appointment's salon: staff who work there (else 403)";
}  // namespace

void add_booking_routes(Router& r, app::Context& ctx) {
  auto origin = [](const app::Principal& p) { return app::booking::Origin{p.actor(), false, std::nullopt}; };
  // An appointment by id: only for staff of its salon (403 otherwise); answered in its salon's zone.
  auto of_salon = [&ctx](const app::Principal& who, domain::Id id) {
    auto a = app::booking::get(ctx, id);
    app::salons::require_works_at(who, a.salon_id);
    return a;
  };
  auto answer = [&ctx](const domain::Appointment& a) {
    return json_response(200, to_json(a, salon_zone(ctx, a.salon_id)));
  };

  r.add("GET", "/api/availability", Access::employee().at(SalonFrom::query), [&ctx](const Request& req, const Params&, const Caller& caller) {
    auto q = read_availability_request(req);
    q.salon_id = caller.salon_id();
    auto found = app::booking::availability(ctx, q);  // settings read once, in the use case's transaction
    return slots_response(found.slots, domain::Zone(found.timezone));
  });

  r.add("POST", "/api/appointments", Access::employee().at(SalonFrom::body), [&ctx, origin](const Request& req, const Params&, const Caller& caller) {
    const auto& p = caller.who();
    auto j = parse_object(req);
    auto salon = caller.salon_id();
    auto z = salon_zone(ctx, salon);
    auto body = read_book_request(j, z);
    body.salon_id = salon;
    if (!opt_int(j, "client_id")) throw domain::validation("client_id", "'{}' is required", {std::string("client_id")});
    return json_response(201, to_json(app::booking::book(ctx, body, origin(p)), z));
  });

  // Without salon_id: every salon the caller works at; dates are read in the first of them's zone.
  r.add("GET", "/api/appointments", Access::employee().at(SalonFrom::query_if_named), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto zones = salon_zones(ctx);
    store::appointments::Filter f;
    domain::Id date_salon = who.salon_ids.empty() ? 1 : who.salon_ids.front();
    if (caller.salon) {
      f.salon_id = *caller.salon;
      date_salon = *caller.salon;
    } else {
      f.salon_ids = app::salons::visible(who);
    }
    const auto& z = zones.of(date_salon);
    if (auto from = query_date(req, "from")) f.from = z.at(*from, 0);
    if (auto to = query_date(req, "to")) f.to = z.at(to->plus_days(1), 0);
    f.staff_id = query_int(req, "staff_id");
    f.resource_id = query_int(req, "resource_id");
    f.client_id = query_int(req, "client_id");
    f.status = query_code<domain::AppointmentStatus>(req, "status");
    auto page = paging(req);
    f.limit = req.query_param("limit") ? page.limit : 500;
    f.offset = page.offset;
    std::int64_t total = 0;
    auto items = ctx.reads().read([&](sql::Connection& c) { return store::appointments::list(c, f, &total); });
    json a = json::array();
    for (const auto& x : items) a.push_back(to_json(x, zones.of(x.salon_id)));
    return json_response(200, list_body(total, std::move(a)));
  });

  r.add("GET", "/api/appointments/{id}", Access::employee().refined(kOwnSalonRule), [of_salon, answer](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    return answer(of_salon(who, path_id(p[0])));
  });

  r.add("PATCH", "/api/appointments/{id}", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto before = of_salon(who, path_id(p[0]));
    auto z = salon_zone(ctx, before.salon_id);
    auto change = read_change_request(parse_object(req), z);
    return json_response(200, to_json(app::booking::change(ctx, before.id, change, origin(who)), z));
  });

  // Each route below reads the appointment's salon zone before its write: nothing that can fail runs after
  // the commit.
  r.add("POST", "/api/appointments/{id}/cancel", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto before = of_salon(who, path_id(p[0]));
    auto j = parse_object(req);
    auto z = salon_zone(ctx, before.salon_id);
    auto a = app::booking::cancel(ctx, before.id, opt_string(j, "reason").value_or(""), origin(who));
    return json_response(200, to_json(a, z));
  });

  r.add("DELETE", "/api/appointments/{id}", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    app::booking::remove(ctx, of_salon(who, path_id(p[0])).id, origin(who));
    return no_content();
  });

  r.add("POST", "/api/appointments/{id}/confirm", Access::public_().refined(kConfirmRule), [&ctx, origin, of_salon](const Request& req, const Params& p) {
    // Staff with a token, or the client through the link of the confirmation request (?token=…).
    if (auto token = req.query_param("token"); token && !token->empty() && req.authorization.empty()) {
      auto z = salon_zone(ctx, app::booking::get(ctx, path_id(p[0])).salon_id);
      return json_response(200, to_json(app::booking::confirm_by_token(ctx, *token, path_id(p[0])), z));
    }
    auto who = authenticate_as(ctx, req, Level::employee);
    auto before = of_salon(who, path_id(p[0]));
    auto z = salon_zone(ctx, before.salon_id);
    return json_response(200, to_json(app::booking::confirm(ctx, before.id, origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/no_show", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto before = of_salon(who, path_id(p[0]));
    auto j = parse_object(req);
    auto flag = opt_bool(j, "no_show");
    if (!flag) throw domain::validation("no_show", "'{}' is required (true or false)", {std::string("no_show")});
    auto z = salon_zone(ctx, before.salon_id);
    return json_response(200, to_json(app::booking::set_no_show(ctx, before.id, *flag, origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/arrived", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto before = of_salon(who, path_id(p[0]));
    auto flag = opt_bool(parse_object(req), "arrived");
    if (!flag) throw domain::validation("arrived", "'{}' is required (true or false)", {std::string("arrived")});
    auto z = salon_zone(ctx, before.salon_id);
    return json_response(200, to_json(app::booking::set_arrived(ctx, before.id, *flag, origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/paid", Access::employee().refined(kOwnSalonRule), [&ctx, origin, of_salon](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto before = of_salon(who, path_id(p[0]));
    auto j = parse_object(req);
    auto flag = opt_bool(j, "paid");
    if (!flag) throw domain::validation("paid", "'{}' is required (true or false)", {std::string("paid")});
    auto z = salon_zone(ctx, before.salon_id);
    auto a = app::booking::set_paid(ctx, before.id, *flag, opt_string(j, "payment_method"), origin(who));
    return json_response(200, to_json(a, z));
  });
}

}  // namespace creneau::http