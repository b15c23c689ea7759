// The reports: summary, daily figures (JSON and CSV), package sessions between salons.
#include "app/reports.hpp"
#include "domain/csv.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

// `from` and `to`, both required dates (their order and length are the use case's to check).
app::reports::Range read_range(const Request& req) {
  auto from = query_date(req, "from");
  if (!from) throw domain::validation("from", "'{}' is required: the first day of the report (YYYY-MM-DD)", {std::string("from")});
  auto to = query_date(req, "to");
  if (!to) throw domain::validation("to", "'{}' is required: the last day of the report (YYYY-MM-DD)", {std::string("to")});
  return {*from, *to};
}

// The members of a row of the contract (ROW), salon_id apart.
void put_figures(json& j, const domain::reports::Figures& f) {
  j["appointments"] = f.appointments;
  j["cancelled"] = f.cancelled;
  j["no_shows"] = f.no_shows;
  j["revenue_cents"] = f.revenue_cents;
  j["booked_minutes"] = f.booked_minutes;
  j["open_minutes"] = f.open_minutes;
  j["occupancy"] = f.occupancy();
  j["online_share"] = f.online_share();
  j["new_clients"] = f.new_clients;
  j["waitlist_offers"] = f.waitlist_offers;
  j["waitlist_accepted"] = f.waitlist_accepted;
}

json row_json(std::optional<domain::Id> salon_id, const domain::reports::Figures& f) {
  json j{{"salon_id", salon_id ? json(*salon_id) : json(nullptr)}};
  put_figures(j, f);
  return j;
}

}  // namespace

constexpr std::string_view kReportsRule = "salon_id: one of the caller's salons; without it, those the caller may see (app::reports)";

void add_report_routes(Router& r, app::Context& ctx) {
  // Admins (every salon) and managers (theirs); employees → 403.
  r.add("GET", "/api/reports/summary", Access::manager().refined(kReportsRule), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto range = read_range(req);
    auto s = app::reports::summary(ctx, who, range, query_salon(req));
    json salons = json::array();
    for (const auto& row : s.salons) salons.push_back(row_json(row.salon_id, row.figures));
    return json_response(200, {{"from", range.from.iso()},
                               {"to", range.to.iso()},
                               {"salons", std::move(salons)},
                               {"network", row_json(std::nullopt, s.network)}});
  });

  r.add("GET", "/api/reports/daily", Access::manager().refined(kReportsRule), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto d = app::reports::daily(ctx, who, read_range(req), query_salon(req));
    json items = json::array();
    for (const auto& day : d.days) {
      auto j = row_json(d.salon_id, day.figures);
      j["date"] = day.date.iso();
      items.push_back(std::move(j));
    }
    return json_response(200, {{"items", std::move(items)}});
  });

  // The same figures as a download, the delimiter chosen as for the client export (, ; or tab; default ,).
  r.add("GET", "/api/reports/daily.csv", Access::manager().refined(kReportsRule), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    char delimiter = ',';
    if (auto d = req.query_param("delimiter"); d && !d->empty()) {
      auto named = domain::csv::delimiter_named(*d);
      if (!named) throw domain::validation("delimiter", "the delimiter is ',', ';' or 'tab'");
      delimiter = *named;
    }
    auto range = read_range(req);
    auto d = app::reports::daily(ctx, who, range, query_salon(req));
    std::string name = "daily-" + range.from.iso() + "-" + range.to.iso() + ".csv";
    return Response{200, "text/csv; charset=utf-8", app::reports::daily_csv(d, delimiter),
                    {{"Content-Disposition", "attachment; filename=\"" + name + "\""}, {"Cache-Control", "no-store"}}};
  });

  // What one franchisee owes another: admins only.
  r.add("GET", "/api/reports/package_usage", Access::admin(), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    json items = json::array();
    for (const auto& u : app::reports::package_usage(ctx, who, read_range(req)))
      items.push_back({{"sold_salon_id", u.sold_salon_id}, {"used_salon_id", u.used_salon_id}, {"sessions", u.sessions}});
    return json_response(200, {{"items", std::move(items)}});
  });
}

}  // namespace creneau::http
