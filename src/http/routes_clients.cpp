// Client files for the front desk.
#include "app/catalogue.hpp"
#include "app/clients.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

domain::Client client_from(const json& j, domain::Client c) {
  if (auto v = opt_string(j, "first_name")) c.first_name = *v;
  if (auto v = opt_string(j, "last_name")) c.last_name = *v;
  if (auto v = opt_string(j, "email")) c.email = *v;
  if (auto v = opt_string(j, "phone")) c.phone = *v;
  if (auto v = opt_string(j, "gender")) c.gender = *v;
  if (auto v = opt_string(j, "note")) c.note = *v;
  if (j.contains("birth_date")) {
    auto v = opt_string(j, "birth_date");
    if (!v || v->empty()) {
      c.birth_date.reset();
    } else {
      auto d = domain::LocalDate::parse(*v);
      if (!d) throw domain::validation("birth_date", "'birth_date' must be a date YYYY-MM-DD");
      c.birth_date = d;
    }
  }
  return c;
}

}  // namespace

void add_client_routes(Router& r, app::Context& ctx) {
  auto zone = [&ctx] { return domain::Zone(app::catalogue::settings(ctx).timezone); };

  r.add("POST", "/api/clients", [&ctx, zone](const Request& req, const Params&) {
    require_staff(ctx, req);
    auto j = parse_object(req);
    return json_response(201, to_json(app::clients::create(ctx, client_from(j, {})), zone()));
  });

  r.add("GET", "/api/clients", [&ctx, zone](const Request& req, const Params&) {
    require_staff(ctx, req);
    store::clients::Query q;
    if (auto v = req.query_param("q")) q.q = *v;
    if (auto s = req.query_param("sort"); s && !s->empty()) {
      if (*s != "name" && *s != "-name") throw domain::validation("sort", "sort is name or -name");
      q.descending = *s == "-name";
    }
    auto page = paging(req);
    q.limit = page.limit;
    q.offset = page.offset;
    auto result = app::clients::search(ctx, q);
    auto z = zone();
    json items = json::array();
    for (const auto& c : result.items) items.push_back(to_json(c, z));
    return json_response(200, list_body(result.total, std::move(items)));
  });

  r.add("GET", "/api/clients/{id}", [&ctx, zone](const Request& req, const Params& p) {
    require_staff(ctx, req);
    return json_response(200, to_json(app::clients::get(ctx, path_id(p[0])), zone()));
  });

  r.add("PATCH", "/api/clients/{id}", [&ctx, zone](const Request& req, const Params& p) {
    require_staff(ctx, req);
    auto j = parse_object(req);
    auto c = client_from(j, app::clients::get(ctx, path_id(p[0])));
    return json_response(200, to_json(app::clients::update(ctx, c), zone()));
  });

  r.add("DELETE", "/api/clients/{id}", [&ctx](const Request& req, const Params& p) {
    auto who = require_staff(ctx, req);
    app::clients::remove(ctx, path_id(p[0]), who);
    return no_content();
  });
}

}  // namespace creneau::http
