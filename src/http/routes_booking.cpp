// Appointments and availability for the salon's staff.
#include "app/booking.hpp"
#include "app/salons.hpp"
#include "http/api.hpp"
#include "http/booking_io.hpp"
#include "store/appointments.hpp"

namespace creneau::http {

namespace {

domain::Instant read_start(const json& j, const domain::Zone& zone) {
  auto text = req_string(j, "start");
  auto t = domain::parse_instant(text, zone);
  if (!t) throw domain::validation("start", "'start' must be an ISO 8601 date-time, e.g. 2027-01-04T10:00:00+01:00");
  return *t;
}

std::vector<app::booking::LineRequest> read_lines(const json& j) {
  auto it = j.find("lines");
  if (it == j.end() || !it->is_array()) throw domain::validation("lines", "'lines' must be a list of services");
  std::vector<app::booking::LineRequest> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& l = (*it)[i];
    auto f = "lines[" + std::to_string(i) + "]";
    if (!l.is_object()) throw domain::validation(f, "each line must be an object");
    app::booking::LineRequest r;
    try {
      auto service = opt_int(l, "service_id");
      if (!service) throw domain::validation("service_id", "'service_id' is required");
      r.service_id = *service;
      r.staff_id = opt_int(l, "staff_id");
      r.resource_id = opt_int(l, "resource_id");
      r.duration_minutes = opt_int32(l, "duration_minutes");
      r.price_cents = opt_int(l, "price_cents");
    } catch (const domain::Error& e) {
      throw domain::Error(e.code(), e.what(), f + "." + e.field());
    }
    if (auto a = l.find("answers"); a != l.end() && !a->is_null()) {
      if (!a->is_object()) throw domain::validation(f + ".answers", "'answers' must be an object");
      for (auto& [k, v] : a->items())
        if (!v.is_string()) throw domain::validation(f + ".answers." + k, "answers are text");
      r.answers_json = a->dump();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

app::booking::BookRequest read_book_request(const json& j, const domain::Zone& zone) {
  app::booking::BookRequest r;
  if (auto c = opt_int(j, "client_id")) r.client_id = *c;
  r.start = read_start(j, zone);
  r.lines = read_lines(j);
  r.requested_staff = opt_bool(j, "requested_staff").value_or(false);
  r.client_request = opt_string(j, "client_request").value_or("");
  r.quick_note = opt_string(j, "quick_note").value_or("");
  r.notes = opt_string(j, "notes").value_or("");
  r.confirmation = opt_string(j, "confirmation").value_or("approve");
  r.payment_method = opt_string(j, "payment_method").value_or("");
  r.amount_requested_cents = opt_int(j, "amount_requested_cents").value_or(0);
  r.notify_earlier_slot = opt_bool(j, "notify_earlier_slot").value_or(false);
  return r;
}

app::booking::ChangeRequest read_change_request(const json& j, const domain::Zone& zone) {
  app::booking::ChangeRequest r;
  if (j.contains("start") && !j["start"].is_null()) r.start = read_start(j, zone);
  if (j.contains("lines") && !j["lines"].is_null()) r.lines = read_lines(j);
  r.requested_staff = opt_bool(j, "requested_staff");
  r.notify_earlier_slot = opt_bool(j, "notify_earlier_slot");
  r.client_request = opt_string(j, "client_request");
  r.quick_note = opt_string(j, "quick_note");
  r.notes = opt_string(j, "notes");
  r.payment_method = opt_string(j, "payment_method");
  r.amount_requested_cents = opt_int(j, "amount_requested_cents");
  r.client_id = opt_int(j, "client_id");
  return r;
}

app::booking::AvailabilityRequest read_availability_request(const Request& req) {
  app::booking::AvailabilityRequest r;
  auto ids = req.query_param("service_ids");
  if (!ids || ids->empty()) throw domain::validation("service_ids", "'service_ids' is required, e.g. service_ids=1,2");
  std::size_t i = 0;
  while (i <= ids->size()) {
    auto j = ids->find(',', i);
    if (j == std::string::npos) j = ids->size();
    auto part = ids->substr(i, j - i);
    try {
      std::size_t used = 0;
      auto v = std::stoll(part, &used);
      if (used != part.size() || v <= 0) throw std::invalid_argument(part);
      r.service_ids.push_back(v);
    } catch (const std::exception&) {
      throw domain::validation("service_ids", "'service_ids' is a comma-separated list of ids");
    }
    i = j + 1;
  }
  auto from = query_date(req, "from");
  auto to = query_date(req, "to");
  if (!from) throw domain::validation("from", "'from' is required (YYYY-MM-DD)");
  r.from = *from;
  r.to = to.value_or(*from);
  r.staff_id = query_int(req, "staff_id");
  return r;
}

json slots_json(const std::vector<domain::Slot>& slots, const domain::Zone& zone) {
  json items = json::array();
  for (const auto& s : slots) items.push_back(to_json(s, zone));
  return {{"slots", std::move(items)}};
}

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

  r.add("GET", "/api/availability", [&ctx](const Request& req, const Params&) {
    auto who = require_staff(ctx, req);
    auto q = read_availability_request(req);
    q.salon_id = request_salon(ctx, &who, req);
    auto found = app::booking::availability(ctx, q);  // settings read once, in the use case's transaction
    return slots_response(found.slots, domain::Zone(found.timezone));
  });

  r.add("POST", "/api/appointments", [&ctx, origin](const Request& req, const Params&) {
    auto p = require_staff(ctx, req);
    auto j = parse_object(req);
    auto salon = request_salon(ctx, &p, req, opt_int(j, "salon_id"));
    auto z = salon_zone(ctx, salon);
    auto body = read_book_request(j, z);
    body.salon_id = salon;
    if (!opt_int(j, "client_id")) throw domain::validation("client_id", "'client_id' is required");
    return json_response(201, to_json(app::booking::book(ctx, body, origin(p)), z));
  });

  // Without salon_id: every salon the caller works at; dates are read in the first of them's zone.
  r.add("GET", "/api/appointments", [&ctx](const Request& req, const Params&) {
    auto who = require_staff(ctx, req);
    auto zones = salon_zones(ctx);
    store::appointments::Filter f;
    domain::Id date_salon = who.salon_ids.empty() ? 1 : who.salon_ids.front();
    if (auto salon = query_salon(req)) {
      f.salon_id = request_salon(ctx, &who, req);
      date_salon = *salon;
    } else {
      f.salon_ids = app::salons::visible(who);
    }
    const auto& z = zones.of(date_salon);
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
    for (const auto& x : items) a.push_back(to_json(x, zones.of(x.salon_id)));
    return json_response(200, list_body(total, std::move(a)));
  });

  r.add("GET", "/api/appointments/{id}", [&ctx, of_salon, answer](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    return answer(of_salon(who, path_id(p[0])));
  });

  r.add("PATCH", "/api/appointments/{id}", [&ctx, origin, of_salon](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto before = of_salon(who, path_id(p[0]));
    auto z = salon_zone(ctx, before.salon_id);
    auto change = read_change_request(parse_object(req), z);
    return json_response(200, to_json(app::booking::change(ctx, before.id, change, origin(who)), z));
  });

  r.add("POST", "/api/appointments/{id}/cancel", [&ctx, origin, of_salon, answer](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto id = of_salon(who, path_id(p[0])).id;
    auto j = parse_object(req);
    return answer(app::booking::cancel(ctx, id, opt_string(j, "reason").value_or(""), origin(who)));
  });

  r.add("DELETE", "/api/appointments/{id}", [&ctx, origin, of_salon](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    app::booking::remove(ctx, of_salon(who, path_id(p[0])).id, origin(who));
    return no_content();
  });

  r.add("POST", "/api/appointments/{id}/confirm", [&ctx, origin, of_salon, answer](const Request& req, const Params& p) {
    // Staff with a token, or the client through the link of the confirmation request (?token=…).
    if (auto token = req.query_param("token"); token && !token->empty() && req.authorization.empty()) {
      return answer(app::booking::confirm_by_token(ctx, *token, path_id(p[0])));
    }
    auto who = require_staff(ctx, req);
    return answer(app::booking::confirm(ctx, of_salon(who, path_id(p[0])).id, origin(who)));
  });

  r.add("POST", "/api/appointments/{id}/no_show", [&ctx, origin, of_salon, answer](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    auto id = of_salon(who, path_id(p[0])).id;
    auto j = parse_object(req);
    auto flag = opt_bool(j, "no_show");
    if (!flag) throw domain::validation("no_show", "'no_show' is required (true or false)");
    return answer(app::booking::set_no_show(ctx, id, *flag, origin(who)));
  });
}

}  // namespace creneau::http
