// Settings, staff, resources and services (admin), plus the public catalogue the portal reads.
#include "app/catalogue.hpp"
#include "app/salons.hpp"
#include "codec/codec.hpp"
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

#include <algorithm>

namespace creneau::http {

namespace {

domain::Staff staff_from(const json& j, domain::Staff s) {
  if (auto v = opt_string(j, "first_name")) s.first_name = *v;
  if (auto v = opt_string(j, "last_name")) s.last_name = *v;
  if (auto v = opt_string(j, "email")) s.email = *v;
  if (auto v = opt_string(j, "phone")) s.phone = *v;
  if (auto role = opt_code<domain::Role>(j, "role", "role is admin, manager or employee")) s.role = *role;
  if (auto v = opt_string(j, "color")) s.color = *v;
  if (auto v = opt_ids(j, "service_ids")) s.service_ids = *v;
  if (auto v = opt_ids(j, "salon_ids")) s.salon_ids = *v;
  if (j.contains("hours")) s.hours = read_hours(j, "hours");
  return s;
}

domain::Service service_from(const json& j, domain::Service s) {
  if (auto v = opt_string(j, "name")) s.name = *v;
  if (auto v = opt_string(j, "category")) s.category = *v;
  if (auto v = opt_string(j, "audience")) s.audience = *v;
  if (auto v = opt_int32(j, "duration_minutes")) s.duration_minutes = *v;
  if (auto v = opt_int(j, "price_cents")) s.price_cents = *v;
  if (auto v = opt_ids(j, "resource_ids")) s.resource_ids = *v;
  if (auto v = opt_int32(j, "capacity")) s.capacity = *v;
  if (auto v = opt_bool(j, "package_only")) s.package_only = *v;
  if (auto v = opt_bool(j, "discovery")) s.discovery = *v;
  if (auto it = j.find("questionnaire"); it != j.end() && !it->is_null())
    s.questionnaire = codec::questionnaire_from_json(it->dump());
  return s;
}

json time_off_json(const domain::TimeOff& t, const domain::Zone& zone) {
  return {{"id", t.id}, {"staff_id", t.staff_id}, {"start", zone.format(t.span.start)}, {"end", zone.format(t.span.end)},
          {"reason", t.reason}};
}

// One page of a list, as the contract's lists answer: {"total","items"} with limit (default 50) and offset.
template <typename T, typename F>
Response page_of(const Request& req, const std::vector<T>& v, F&& map) {
  auto page = paging(req);
  json a = json::array();
  for (std::size_t i = static_cast<std::size_t>(page.offset), n = 0; i < v.size() && n < static_cast<std::size_t>(page.limit); ++i, ++n)
    a.push_back(map(v[i]));
  return json_response(200, list_body(static_cast<std::int64_t>(v.size()), std::move(a)));
}
template <typename T>
Response page_of(const Request& req, const std::vector<T>& v) {
  return page_of(req, v, [](const T& x) { return to_json(x); });
}

// A single-salon network answers exactly as before networks existed: without the salon of each hours row
// or resource (it can only be salon 1). A network of several salons names it.
struct Shape {
  bool several = false;
  json operator()(const domain::Staff& s) const {
    auto j = to_json(s);
    if (!several)
      for (auto& h : j["hours"]) h.erase("salon_id");
    return j;
  }
  json operator()(const domain::Resource& r) const {
    auto j = to_json(r);
    if (!several) j.erase("salon_id");
    return j;
  }
};
Shape shape(app::Context& ctx) { return Shape{app::salons::count(ctx) > 1}; }

// A manager changes only people who work at their salons alone, and never into an administrator.
void require_may_edit_staff(const app::Principal& who, const domain::Staff& before, const domain::Staff& after) {
  if (who.is_admin()) return;
  check_level(Level::manager, who);  // (the route's access already asked it)
  auto within = [&](const domain::Staff& s) {
    return std::all_of(s.salon_ids.begin(), s.salon_ids.end(), [&](domain::Id id) { return who.works_at(id); });
  };
  if (after.role == domain::Role::admin || before.role == domain::Role::admin || !within(before) || !within(after) || after.salon_ids.empty())
    forbidden("a manager edits the staff of their own salons only");
}

// Staff members that `who` may act on for time off: anyone for an admin, else those sharing a salon.
void require_shares_salon(app::Context& ctx, const app::Principal& who, domain::Id staff_id) {
  if (who.is_admin() || who.id == staff_id) return;
  auto s = app::catalogue::get_staff(ctx, staff_id);
  if (!std::any_of(s.salon_ids.begin(), s.salon_ids.end(), [&](domain::Id id) { return who.works_at(id); }))
    forbidden("this person does not work at your salons");
}

}  // namespace

constexpr std::string_view kEditStaffRule = "a manager: staff of their own salons only, never an admin";
constexpr std::string_view kSharesSalonRule = "the person's own, or of someone who works at one of the caller's salons";
constexpr std::string_view kResourceSalonRule = "the resource's salon: staff who work there";
constexpr std::string_view kResourceManagerRule = "the resource's salon: its managers";

void add_catalogue_routes(Router& r, app::Context& ctx) {
  // A salon's settings: an admin, or a manager of that salon.
  r.add("GET", "/api/settings", Access::manager().at(SalonFrom::query), [&ctx](const Request&, const Params&, const Caller& caller) {
    return Response{200, "application/json", codec::settings_to_json(app::salons::settings(ctx, caller.salon_id())), {}};
  });
  r.add("PATCH", "/api/settings", Access::manager().at(SalonFrom::query), [&ctx](const Request& req, const Params&, const Caller& caller) {
    parse_object(req);  // malformed JSON is a validation error before anything else (the access check skips it)
    auto salon = caller.salon_id();
    return Response{200, "application/json", codec::settings_to_json(app::salons::patch_settings(ctx, salon, req.body)), {}};
  });

  // Staff: employees may read the team (the agenda needs it); only admins change it.
  r.add("GET", "/api/staff", Access::employee().at(SalonFrom::query_if_named), [&ctx](const Request& req, const Params&, const Caller& caller) {
    auto all = app::catalogue::list_staff(ctx);
    if (auto salon = caller.salon) {
      std::erase_if(all, [&](const auto& s) { return !std::binary_search(s.salon_ids.begin(), s.salon_ids.end(), *salon); });
    }
    return page_of(req, all, shape(ctx));
  });
  r.add("POST", "/api/staff", Access::manager().refined(kEditStaffRule), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    req_string(j, "first_name");
    req_string(j, "email");
    auto draft = staff_from(j, {});
    if (!who.is_admin() && draft.salon_ids.empty() && who.salon_ids.size() == 1) draft.salon_ids = who.salon_ids;
    require_may_edit_staff(who, draft, draft);
    auto s = app::catalogue::create_staff(ctx, draft, opt_string(j, "password").value_or(""));
    return json_response(201, shape(ctx)(s));
  });
  r.add("GET", "/api/staff/{id}", Access::employee(), [&ctx](const Request&, const Params& p) {
    return json_response(200, shape(ctx)(app::catalogue::get_staff(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/staff/{id}", Access::manager().refined(kEditStaffRule), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto before = app::catalogue::get_staff(ctx, path_id(p[0]));
    auto s = staff_from(j, before);
    require_may_edit_staff(who, before, s);
    return json_response(200, shape(ctx)(app::catalogue::update_staff(ctx, s, opt_string(j, "password").value_or(""))));
  });
  r.add("DELETE", "/api/staff/{id}", Access::manager().refined(kEditStaffRule), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    if (!who.is_admin()) {
      auto before = app::catalogue::get_staff(ctx, path_id(p[0]));
      require_may_edit_staff(who, before, before);
    }
    app::catalogue::delete_staff(ctx, path_id(p[0]));
    return no_content();
  });
  r.add("POST", "/api/staff/{id}/time_off", Access::employee().refined(kSharesSalonRule), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    require_shares_salon(ctx, who, path_id(p[0]));
    auto j = parse_object(req);
    // Time off applies at every salon; its times are read in the zone of the person's first salon.
    auto salons = app::catalogue::get_staff(ctx, path_id(p[0])).salon_ids;
    auto zone = salon_zone(ctx, salons.empty() ? 1 : salons.front());
    auto start = domain::parse_instant(req_string(j, "start"), zone);
    auto end = domain::parse_instant(req_string(j, "end"), zone);
    if (!start) throw domain::validation("start", "'{}' must be an ISO 8601 date-time", {std::string("start")});
    if (!end) throw domain::validation("end", "'{}' must be an ISO 8601 date-time", {std::string("end")});
    auto t = app::catalogue::add_time_off(ctx, {0, path_id(p[0]), {*start, *end}, opt_string(j, "reason").value_or("")});
    return json_response(201, time_off_json(t, zone));
  });
  // Absences as the agenda draws them: local dates, both inclusive; an absence is listed when it overlaps them.
  r.add("GET", "/api/time_off", Access::employee(), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    // Dates and times in the zone of `salon_id`, else of the caller's first salon (as the agenda reads them).
    auto named = query_salon(req);
    auto zone = salon_zone(ctx, named ? request_salon(ctx, nullptr, req) : who.salon_ids.empty() ? 1 : who.salon_ids.front());
    std::optional<domain::Instant> from, to;
    if (auto d = query_date(req, "from")) from = zone.at(*d, 0);
    if (auto d = query_date(req, "to")) to = zone.at(d->plus_days(1), 0);
    auto staff_id = query_int(req, "staff_id");
    auto page = paging(req);
    auto limit = req.query_param("limit") ? page.limit : 500;
    auto all = app::catalogue::list_time_off(ctx, from, to, staff_id);
    json items = json::array();
    for (std::size_t i = static_cast<std::size_t>(page.offset), n = 0; i < all.size() && n < static_cast<std::size_t>(limit); ++i, ++n)
      items.push_back(time_off_json(all[i], zone));
    return json_response(200, list_body(static_cast<std::int64_t>(all.size()), std::move(items)));
  });
  r.add("DELETE", "/api/staff/{id}/time_off/{time_off_id}", Access::employee().refined(kSharesSalonRule), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    require_shares_salon(ctx, who, path_id(p[0]));
    app::catalogue::delete_time_off(ctx, path_id(p[0]), path_id(p[1]));
    return no_content();
  });

  // Resources belong to one salon: its staff read them, its managers (and admins) change them.
  r.add("GET", "/api/resources", Access::employee().at(SalonFrom::query_if_named), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto all = app::catalogue::list_resources(ctx);
    if (auto salon = caller.salon) {
      std::erase_if(all, [&](const auto& res) { return res.salon_id != *salon; });
    } else if (app::salons::visible(who)) {
      std::erase_if(all, [&](const auto& res) { return !who.works_at(res.salon_id); });
    }
    return page_of(req, all, shape(ctx));
  });
  r.add("POST", "/api/resources", Access::manager().at(SalonFrom::body), [&ctx](const Request& req, const Params&, const Caller& caller) {
    auto j = parse_object(req);
    auto name = req_string(j, "name");
    return json_response(201, shape(ctx)(app::catalogue::create_resource(ctx, {0, name, caller.salon_id()})));
  });
  r.add("GET", "/api/resources/{id}", Access::employee().refined(kResourceSalonRule), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto res = app::catalogue::get_resource(ctx, path_id(p[0]));
    app::salons::require_works_at(who, res.salon_id);
    return json_response(200, shape(ctx)(res));
  });
  r.add("PATCH", "/api/resources/{id}", Access::manager().refined(kResourceManagerRule), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto res = app::catalogue::get_resource(ctx, path_id(p[0]));
    app::salons::require_manages(who, res.salon_id);
    if (auto v = opt_string(j, "name")) res.name = *v;
    return json_response(200, shape(ctx)(app::catalogue::update_resource(ctx, res)));
  });
  r.add("DELETE", "/api/resources/{id}", Access::manager().refined(kResourceManagerRule), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    app::salons::require_manages(who, app::catalogue::get_resource(ctx, path_id(p[0])).salon_id);
    app::catalogue::delete_resource(ctx, path_id(p[0]));
    return no_content();
  });

  // The network's catalogue; with salon_id, as that salon sees it (its prices and durations, offered or not).
  r.add("GET", "/api/services", Access::employee().at(SalonFrom::query_if_named), [&ctx](const Request& req, const Params&, const Caller& caller) {
    if (auto salon = caller.salon) return page_of(req, app::salons::services_at(ctx, *salon));
    return page_of(req, app::catalogue::list_services(ctx));
  });
  r.add("POST", "/api/services", Access::admin(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    req_string(j, "name");
    if (!opt_int(j, "duration_minutes")) throw domain::validation("duration_minutes", "'{}' is required", {std::string("duration_minutes")});
    return json_response(201, to_json(app::catalogue::create_service(ctx, service_from(j, {}))));
  });
  r.add("GET", "/api/services/{id}", Access::employee(), [&ctx](const Request&, const Params& p) {
    return json_response(200, to_json(app::catalogue::get_service(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/services/{id}", Access::admin(), [&ctx](const Request& req, const Params& p) {
    auto j = parse_object(req);
    auto s = service_from(j, app::catalogue::get_service(ctx, path_id(p[0])));
    return json_response(200, to_json(app::catalogue::update_service(ctx, s)));
  });
  r.add("DELETE", "/api/services/{id}", Access::admin(), [&ctx](const Request&, const Params& p) {
    app::catalogue::delete_service(ctx, path_id(p[0]));
    return no_content();
  });

  // Public catalogue for the booking portal: no token, nothing private.
  r.add("GET", "/api/portal/salon", Access::public_(), [&ctx](const Request& req, const Params&) {
    std::optional<std::string> slug;
    if (const auto* v = req.query_param("slug"); v && !v->empty()) slug = *v;
    auto salon = app::salons::find_public(ctx, query_salon(req), slug);
    auto s = app::salons::settings(ctx, salon.id);
    return json_response(200, {{"id", salon.id},
                               {"slug", salon.slug},
                               {"address", salon.address},
                               {"postal_code", salon.postal_code},
                               {"city", salon.city},
                               {"phone", salon.phone},
                               {"name", s.name},
                               {"timezone", s.timezone},
                               {"currency", s.currency},
                               {"language", domain::lang_code(s.language)},
                               {"opening_hours", hours_json(s.opening_hours)},
                               {"preferred_staff_selection", s.preferred_staff_selection},
                               {"booking",
                                {{"slot_step_minutes", s.booking.slot_step_minutes},
                                 {"min_notice_minutes", s.booking.min_notice_minutes},
                                 {"max_advance_days", s.booking.max_advance_days},
                                 {"cancel_notice_minutes", s.booking.cancel_notice_minutes}}},
                               {"waitlist_mode", s.waitlist.mode}});
  });
  // The services offered at a salon (the only one when not named), with that salon's prices and durations.
  r.add("GET", "/api/portal/services", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto audience = req.query_param("audience");
    // A salon's offer when one is named (or the network has only one), else the network's catalogue.
    std::vector<domain::Service> services;
    if (auto named = query_salon(req))
      services = app::salons::services_at(ctx, app::salons::resolve(ctx, nullptr, named));
    else if (app::salons::count(ctx) == 1)
      services = app::salons::services_at(ctx, app::salons::resolve(ctx, nullptr, std::nullopt));
    else
      services = app::salons::network_services(ctx);
    json items = json::array();
    for (const auto& s : services) {
      if (!s.offered) continue;
      if (audience && !audience->empty() && s.audience != *audience && s.audience != "all") continue;
      items.push_back(to_json(s));
    }
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
  r.add("GET", "/api/portal/staff", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto salon = query_salon(req);
    if (salon) app::salons::resolve(ctx, nullptr, salon);
    json items = json::array();
    for (const auto& s : app::catalogue::list_staff(ctx)) {
      if (s.service_ids.empty()) continue;  // administrators without services are not bookable
      if (salon && !std::binary_search(s.salon_ids.begin(), s.salon_ids.end(), *salon)) continue;
      items.push_back({{"id", s.id}, {"first_name", s.first_name}, {"service_ids", s.service_ids}, {"salon_ids", s.salon_ids}});
    }
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
}

}  // namespace creneau::http
