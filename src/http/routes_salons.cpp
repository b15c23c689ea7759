// The salons of the network (admin), each salon's catalogue overrides, and what the portal shows of them.
#include "app/booking.hpp"
#include "app/salons.hpp"
#include "http/api.hpp"
#include "http/booking_io.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

json salon_json(const domain::SalonProfile& s, bool with_email = true) {
  json j{{"id", s.id},           {"name", s.name}, {"slug", s.slug},   {"address", s.address},
         {"postal_code", s.postal_code}, {"city", s.city}, {"phone", s.phone}, {"timezone", s.timezone}};
  if (with_email) j["email"] = s.email;
  return j;
}

domain::SalonProfile salon_from(const json& j, domain::SalonProfile s) {
  if (auto v = opt_string(j, "name")) s.name = *v;
  if (auto v = opt_string(j, "slug")) s.slug = *v;
  if (auto v = opt_string(j, "address")) s.address = *v;
  if (auto v = opt_string(j, "postal_code")) s.postal_code = *v;
  if (auto v = opt_string(j, "city")) s.city = *v;
  if (auto v = opt_string(j, "phone")) s.phone = *v;
  if (auto v = opt_string(j, "email")) s.email = *v;
  if (auto v = opt_string(j, "timezone")) s.timezone = *v;
  return s;
}

// `null` or left out: the network's value.
std::optional<std::int64_t> nullable_int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return opt_int(j, key);
}

}  // namespace

void add_salon_routes(Router& r, app::Context& ctx) {
  // Staff see the salons they work at (an admin: all of them); only admins create or change them.
  r.add("GET", "/api/salons", Access::employee(), [&ctx](const Request&, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    json items = json::array();
    for (const auto& s : app::salons::list(ctx))
      if (who.works_at(s.id)) items.push_back(salon_json(s));
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
  r.add("POST", "/api/salons", Access::admin(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    req_string(j, "name");
    req_string(j, "slug");
    return json_response(201, salon_json(app::salons::create(ctx, salon_from(j, {}))));
  });
  r.add("GET", "/api/salons/{id}", Access::employee().at(SalonFrom::path), [&ctx](const Request&, const Params&, const Caller& caller) {
    auto s = app::salons::get(ctx, caller.salon_id());
    return json_response(200, salon_json(s));
  });
  r.add("PATCH", "/api/salons/{id}", Access::admin(), [&ctx](const Request& req, const Params& p) {
    auto j = parse_object(req);
    auto s = salon_from(j, app::salons::get(ctx, path_id(p[0])));
    return json_response(200, salon_json(app::salons::update(ctx, s)));
  });
  // One salon's departure from the network's catalogue: an admin, or a manager of that salon.
  r.add("PUT", "/api/salons/{id}/services/{service_id}", Access::manager().at(SalonFrom::path), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    auto j = parse_object(req);
    auto salon = app::salons::get(ctx, caller.salon_id());
    app::salons::Override o;
    o.offered = opt_bool(j, "offered").value_or(true);
    o.price_cents = nullable_int(j, "price_cents");
    if (auto d = nullable_int(j, "duration_minutes"))
      o.duration_minutes = static_cast<int>(std::clamp<std::int64_t>(*d, -1, 100000));
    return json_response(200, to_json(app::salons::set_override(ctx, salon.id, path_id(p[1]), o)));
  });

  // ---- the portal: no token ----
  r.add("GET", "/api/portal/salons", Access::public_(), [&ctx](const Request&, const Params&) {
    json items = json::array();
    for (const auto& s : app::salons::list(ctx)) items.push_back(salon_json(s, false));
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
  // For the chosen services, each salon's first free slot (as the portal's availability would give it).
  r.add("GET", "/api/portal/next_slots", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto q = read_availability_request(req);
    if (!query_date(req, "to")) q.to = q.from.plus_days(13);
    q.online = true;
    json items = json::array();
    for (const auto& n : app::booking::next_slots(ctx, q)) {
      domain::Zone zone(n.salon.timezone);
      items.push_back({{"salon_id", n.salon.id},
                       {"name", n.salon.name},
                       {"city", n.salon.city},
                       {"first_slot", n.first_slot ? to_json(*n.first_slot, zone) : json(nullptr)}});
    }
    return json_response(200, {{"items", std::move(items)}});
  });
}

}  // namespace creneau::http
