// Packages ("forfaits"): the types the salon sells (admin), and the packages a client holds (front desk).
#include "app/packages.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

#include <algorithm>

namespace creneau::http {

namespace {

domain::PackageType type_from(const json& j, domain::PackageType t) {
  if (auto v = opt_string(j, "name")) t.name = *v;
  if (auto v = opt_int(j, "sessions")) t.sessions = *v;
  if (auto v = opt_ids(j, "service_ids")) t.service_ids = *v;
  if (auto v = opt_string(j, "audience")) t.audience = *v;
  if (auto v = opt_int(j, "validity_days")) t.validity_days = *v;
  if (auto v = opt_string(j, "scope")) t.scope = *v;
  return t;
}

json type_json(const domain::PackageType& t) {
  return {{"id", t.id},           {"name", t.name},         {"sessions", t.sessions}, {"service_ids", t.service_ids},
          {"audience", t.audience}, {"validity_days", t.validity_days}, {"scope", t.scope}};
}


// One page of an in-memory list, as {"total","items"}.
template <typename T, typename F>
json page_of(const std::vector<T>& all, const Request& req, F&& to) {
  auto page = paging(req);
  json items = json::array();
  auto first = std::min(all.size(), static_cast<std::size_t>(page.offset));
  auto last = std::min(all.size(), first + static_cast<std::size_t>(page.limit));
  for (auto i = first; i < last; ++i) items.push_back(to(all[i]));
  return list_body(static_cast<std::int64_t>(all.size()), std::move(items));
}

}  // namespace

void add_package_routes(Router& r, app::Context& ctx) {
  r.add("GET", "/api/package_types", Access::employee(), [&ctx](const Request& req, const Params&) {
    return json_response(200, page_of(app::packages::list_types(ctx), req, type_json));
  });
  r.add("POST", "/api/package_types", Access::admin(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    req_string(j, "name");
    if (!opt_int(j, "sessions")) throw domain::validation("sessions", "'{}' is required", {std::string("sessions")});
    return json_response(201, type_json(app::packages::create_type(ctx, type_from(j, {}))));
  });
  r.add("GET", "/api/package_types/{id}", Access::employee(), [&ctx](const Request&, const Params& p) {
    return json_response(200, type_json(app::packages::get_type(ctx, path_id(p[0]))));
  });
  r.add("PATCH", "/api/package_types/{id}", Access::admin(), [&ctx](const Request& req, const Params& p) {
    auto j = parse_object(req);
    auto t = type_from(j, app::packages::get_type(ctx, path_id(p[0])));
    return json_response(200, type_json(app::packages::update_type(ctx, t)));
  });
  r.add("DELETE", "/api/package_types/{id}", Access::admin(), [&ctx](const Request&, const Params& p) {
    app::packages::delete_type(ctx, path_id(p[0]));
    return no_content();
  });

  r.add("GET", "/api/clients/{id}/packages", Access::employee(), [&ctx](const Request& req, const Params& p) {
    auto packages = app::packages::list_for_client(ctx, path_id(p[0]));
    return json_response(200, page_of(packages, req, [](const domain::ClientPackage& x) { return to_json(x); }));
  });
  // Sold at a salon (salon_id; the only one that fits when left out): a manager or employee sells at theirs.
  r.add("POST", "/api/clients/{id}/packages", Access::employee().at(SalonFrom::body), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    auto client_id = path_id(p[0]);
    auto j = parse_object(req);
    auto salon = caller.salon_id();
    auto type_id = opt_int(j, "package_type_id");
    if (!type_id) throw domain::validation("package_type_id", "'{}' is required", {std::string("package_type_id")});
    std::optional<domain::LocalDate> start;
    if (auto v = opt_string(j, "start_date"); v && !v->empty()) {
      start = domain::LocalDate::parse(*v);
      if (!start) throw domain::validation("start_date", "'{}' must be a date YYYY-MM-DD", {std::string("start_date")});
    }
    return json_response(201, to_json(app::packages::assign(ctx, client_id, *type_id, start, salon)));
  });
  r.add("GET", "/api/clients/{id}/packages/{package_id}", Access::employee(), [&ctx](const Request&, const Params& p) {
    return json_response(200, to_json(app::packages::get_for_client(ctx, path_id(p[0]), path_id(p[1]))));
  });
  r.add("DELETE", "/api/clients/{id}/packages/{package_id}", Access::employee(), [&ctx](const Request&, const Params& p) {
    app::packages::remove(ctx, path_id(p[0]), path_id(p[1]));
    return no_content();
  });
}

}  // namespace creneau::http
