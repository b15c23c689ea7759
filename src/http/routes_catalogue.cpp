// Settings, staff, resources and services (admin), plus the public catalogue the portal reads.
#include "app/catalogue.hpp"
#include "codec/codec.hpp"
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

domain::Staff staff_from(const json& j, domain::Staff s) {
  if (auto v = opt_string(j, "first_name")) s.first_name = *v;
  if (auto v = opt_string(j, "last_name")) s.last_name = *v;
  if (auto v = opt_string(j, "email")) s.email = *v;
  if (auto v = opt_string(j, "phone")) s.phone = *v;
  if (auto v = opt_string(j, "role")) s.role = *v;
  if (auto v = opt_string(j, "color")) s.color = *v;
  if (auto v = opt_ids(j, "service_ids")) s.service_ids = *v;
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
template <typename T>
Response page_of(const Request& req, const std::vector<T>& v) {
  auto page = paging(req);
  json a = json::array();
  for (std::size_t i = static_cast<std::size_t>(page.offset), n = 0; i < v.size() && n < static_cast<std::size_t>(page.limit); ++i, ++n)
    a.push_back(to_json(v[i]));
  return json_response(200, list_body(static_cast<std::int64_t>(v.size()), std::move(a)));
}

}  // namespace

void add_catalogue_routes(Router& r, app::Context& ctx) {
  r.add("GET", "/api/settings", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    return Response{200, "application/json", codec::settings_to_json(app::catalogue::settings(ctx)), {}};
  });
  r.add("PATCH", "/api/settings", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    parse_object(req);  // malformed JSON is a validation error before anything else
    return Response{200, "application/json", codec::settings_to_json(app::catalogue::patch_settings(ctx, req.body)), {}};
  });

  // Staff: employees may read the team (the agenda needs it); only admins change it.
  r.add("GET", "/api/staff", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    return page_of(req, app::catalogue::list_staff(ctx));
  });
  r.add("POST", "/api/staff", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    req_string(j, "first_name");
    req_string(j, "email");
    auto s = app::catalogue::create_staff(ctx, staff_from(j, {}), opt_string(j, "password").value_or(""));
    return json_response(201, to_json(s));
  });
  r.add("GET", "/api/staff/{id}", [&ctx](const Request& req, const Params& p) {
    require_staff(ctx, req);
    return json_response(200, to_json(app::catalogue::get_staff(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/staff/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    auto s = staff_from(j, app::catalogue::get_staff(ctx, path_id(p[0])));
    return json_response(200, to_json(app::catalogue::update_staff(ctx, s, opt_string(j, "password").value_or(""))));
  });
  r.add("DELETE", "/api/staff/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    app::catalogue::delete_staff(ctx, path_id(p[0]));
    return no_content();
  });
  r.add("POST", "/api/staff/{id}/time_off", [&ctx](const Request& req, const Params& p) {
    require_staff(ctx, req);
    auto j = parse_object(req);
    auto zone = salon_zone(ctx);
    auto start = domain::parse_instant(req_string(j, "start"), zone);
    auto end = domain::parse_instant(req_string(j, "end"), zone);
    if (!start) throw domain::validation("start", "'{}' must be an ISO 8601 date-time", {std::string("start")});
    if (!end) throw domain::validation("end", "'{}' must be an ISO 8601 date-time", {std::string("end")});
    auto t = app::catalogue::add_time_off(ctx, {0, path_id(p[0]), {*start, *end}, opt_string(j, "reason").value_or("")});
    return json_response(201, time_off_json(t, zone));
  });
  // Absences as the agenda draws them: local dates, both inclusive; an absence is listed when it overlaps them.
  r.add("GET", "/api/time_off", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    auto zone = salon_zone(ctx);
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
  r.add("DELETE", "/api/staff/{id}/time_off/{time_off_id}", [&ctx](const Request& req, const Params& p) {
    require_staff(ctx, req);
    app::catalogue::delete_time_off(ctx, path_id(p[0]), path_id(p[1]));
    return no_content();
  });

  r.add("GET", "/api/resources", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    return page_of(req, app::catalogue::list_resources(ctx));
  });
  r.add("POST", "/api/resources", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    return json_response(201, to_json(app::catalogue::create_resource(ctx, {0, req_string(j, "name")})));
  });
  r.add("GET", "/api/resources/{id}", [&ctx](const Request& req, const Params& p) {
    require_staff(ctx, req);
    return json_response(200, to_json(app::catalogue::get_resource(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/resources/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    auto res = app::catalogue::get_resource(ctx, path_id(p[0]));
    if (auto v = opt_string(j, "name")) res.name = *v;
    return json_response(200, to_json(app::catalogue::update_resource(ctx, res)));
  });
  r.add("DELETE", "/api/resources/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    app::catalogue::delete_resource(ctx, path_id(p[0]));
    return no_content();
  });

  r.add("GET", "/api/services", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    return page_of(req, app::catalogue::list_services(ctx));
  });
  r.add("POST", "/api/services", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    req_string(j, "name");
    if (!opt_int(j, "duration_minutes")) throw domain::validation("duration_minutes", "'{}' is required", {std::string("duration_minutes")});
    return json_response(201, to_json(app::catalogue::create_service(ctx, service_from(j, {}))));
  });
  r.add("GET", "/api/services/{id}", [&ctx](const Request& req, const Params& p) {
    require_staff(ctx, req);
    return json_response(200, to_json(app::catalogue::get_service(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/services/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    auto j = parse_object(req);
    auto s = service_from(j, app::catalogue::get_service(ctx, path_id(p[0])));
    return json_response(200, to_json(app::catalogue::update_service(ctx, s)));
  });
  r.add("DELETE", "/api/services/{id}", [&ctx](const Request& req, const Params& p) {
    require_admin(ctx, req);
    app::catalogue::delete_service(ctx, path_id(p[0]));
    return no_content();
  });

  // Public catalogue for the booking portal: no token, nothing private.
  r.add("GET", "/api/portal/salon", [&ctx](const Request&, const Params&) {
    auto s = app::catalogue::settings(ctx);
    return json_response(200, {{"name", s.name},
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
  r.add("GET", "/api/portal/services", [&ctx](const Request& req, const Params&) {
    auto audience = req.query_param("audience");
    json items = json::array();
    for (const auto& s : app::catalogue::list_services(ctx)) {
      if (audience && !audience->empty() && s.audience != *audience && s.audience != "all") continue;
      items.push_back(to_json(s));
    }
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
  r.add("GET", "/api/portal/staff", [&ctx](const Request&, const Params&) {
    json items = json::array();
    for (const auto& s : app::catalogue::list_staff(ctx)) {
      if (s.service_ids.empty()) continue;  // administrators without services are not bookable
      items.push_back({{"id", s.id}, {"first_name", s.first_name}, {"service_ids", s.service_ids}});
    }
    auto n = static_cast<std::int64_t>(items.size());
    return json_response(200, list_body(n, std::move(items)));
  });
}

}  // namespace creneau::http
