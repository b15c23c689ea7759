// Client files for the front desk: list, export, bulk delete, family, merge, and the link queue.
#include "app/clients.hpp"
#include "app/portal.hpp"
#include "domain/csv.hpp"
#include "http/api.hpp"
#include "http/clients_io.hpp"
#include "http/json.hpp"

namespace creneau::http {

json member_json(const store::client_files::Member& m, const domain::Zone& zone) {
  auto j = to_json(m.client, zone);
  j["member_id"] = m.client.id;
  j["relation"] = m.relation;
  return j;
}

json members_json(const std::vector<store::client_files::Member>& members, const domain::Zone& zone) {
  json a = json::array();
  for (const auto& m : members) a.push_back(member_json(m, zone));
  return a;
}

json packages_json(const std::vector<domain::ClientPackage>& packages) {
  json a = json::array();
  for (const auto& p : packages) a.push_back(to_json(p));
  return a;
}

json detail_json(const app::clients::Detail& d, const domain::Zone& zone) {
  auto j = to_json(d.client, zone);
  j["pending_link"] = d.pending_link;
  j["members"] = members_json(d.members, zone);
  j["packages"] = packages_json(d.packages);
  j["no_shows"] = d.no_shows;
  json notes = json::array();
  for (const auto& n : d.appointment_notes)
    notes.push_back({{"appointment_id", n.appointment_id}, {"start", zone.format(n.start)}, {"notes", n.notes}});
  j["appointment_notes"] = std::move(notes);
  return j;
}

json account_json(const store::auth::Account& a, bool pending, const domain::Zone& zone) {
  return {{"id", a.id},
          {"identifier", a.identifier()},
          {"email", a.email ? json(*a.email) : json(nullptr)},
          {"phone", a.phone ? json(*a.phone) : json(nullptr)},
          {"first_name", a.first_name},
          {"last_name", a.last_name},
          {"client_id", a.client_id && !pending ? json(*a.client_id) : json(nullptr)},
          {"link_pending", pending},
          {"created_at", zone.format(a.created_at)}};
}

namespace {

domain::Client client_from(const json& j, domain::Client c) {
  if (auto v = opt_string(j, "first_name")) c.first_name = *v;
  if (auto v = opt_string(j, "last_name")) c.last_name = *v;
  if (auto v = opt_string(j, "email")) c.email = *v;
  if (auto v = opt_string(j, "phone")) c.phone = *v;
  if (auto v = opt_string(j, "gender")) c.gender = *v;
  if (auto v = opt_string(j, "note")) c.note = *v;
  if (auto v = opt_bool(j, "marketing_opt_out")) c.marketing_opt_out = *v;
  if (j.contains("birth_date")) {
    auto v = opt_string(j, "birth_date");
    if (!v || v->empty()) {
      c.birth_date.reset();
    } else {
      auto d = domain::LocalDate::parse(*v);
      if (!d) throw domain::validation("birth_date", "'{}' must be a date YYYY-MM-DD", {std::string("birth_date")});
      c.birth_date = d;
    }
  }
  return c;
}

// ?q=&sort=name|-name, shared by the list and the export.
store::clients::Query read_query(const Request& req) {
  store::clients::Query q;
  if (auto v = req.query_param("q")) q.q = *v;
  if (auto s = req.query_param("sort"); s && !s->empty()) {
    if (*s != "name" && *s != "-name") throw domain::validation("sort", "sort is name or -name");
    q.descending = *s == "-name";
  }
  if (auto ids = req.query_param("ids"); ids && !ids->empty()) {
    for (std::size_t i = 0; i <= ids->size();) {
      auto end = std::min(ids->find(',', i), ids->size());
      auto part = ids->substr(i, end - i);
      std::size_t used = 0;
      long long v = 0;
      try {
        v = std::stoll(part, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != part.size() || v <= 0)
        throw domain::validation("ids", "'ids' is a comma-separated list of client ids");
      q.ids.push_back(v);
      i = end + 1;
    }
    if (q.ids.size() > 500) throw domain::validation("ids", "ask for at most 500 ids at once");
  }
  return q;
}

json link_json(const app::portal::LinkResult& r, const Zones& zones) {
  auto j = detail_json(r.client, zones.of(1));
  j["client_id"] = r.client.client.id;
  j["account_id"] = r.account_id;
  json a = json::array();
  for (const auto& x : r.appointments) a.push_back(to_json(x, zones.of(x.salon_id)));
  j["appointments"] = std::move(a);
  return j;
}

}  // namespace

void add_client_routes(Router& r, app::Context& ctx) {
  auto zone = [&ctx] { return salon_zone(ctx); };

  r.add("POST", "/api/clients", Access::employee(), [&ctx, zone](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto z = zone();  // read before the write: nothing that can fail runs after the commit
    return json_response(201, to_json(app::clients::create(ctx, client_from(j, {}), who), z));
  });

  r.add("GET", "/api/clients", Access::employee(), [&ctx, zone](const Request& req, const Params&) {
    auto q = read_query(req);
    auto page = paging(req);
    // ?ids= (the agenda's names, one request): every file asked for, unless a limit is given.
    q.limit = q.ids.empty() || req.query_param("limit") ? page.limit : static_cast<int>(q.ids.size());
    q.offset = page.offset;
    auto result = app::clients::search(ctx, q);
    auto z = zone();
    json items = json::array();
    for (const auto& c : result.items) items.push_back(to_json(c, z));
    return json_response(200, list_body(result.total, std::move(items)));
  });

  // Before /api/clients/{id}, which would take "export.csv" for an id.
  // Admins and managers (client files are the network's).
  r.add("GET", "/api/clients/export.csv", Access::manager(), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    char delimiter = ',';
    if (auto d = req.query_param("delimiter"); d && !d->empty()) {
      auto named = domain::csv::delimiter_named(*d);
      if (!named) throw domain::validation("delimiter", "the delimiter is ',', ';' or 'tab'");
      delimiter = *named;
    }
    auto columns = app::clients::export_columns();
    if (auto c = req.query_param("columns"); c && !c->empty()) columns = domain::csv::split_names(*c);
    auto body = app::clients::export_csv(ctx, read_query(req), columns, delimiter, who);
    return Response{200, "text/csv; charset=utf-8", std::move(body),
                    {{"Content-Disposition", "attachment; filename=\"clients.csv\""}, {"Cache-Control", "no-store"}}};
  });

  r.add("POST", "/api/clients/bulk_delete", Access::employee().refined("to delete (not a dry run): admin"),
        [&ctx](const Request& req, const Params&, const Caller& caller) {
    // A dry run (counting what a delete would cancel, for the confirmation dialog) writes nothing: any staff
    // member may ask it, also before deleting one file. The delete itself is for admins.
    const auto& who = caller.who();
    auto j = parse_object(req);
    bool dry_run = opt_bool(j, "dry_run").value_or(false);
    if (!dry_run) check_level(Level::admin, who);  // throws forbidden
    auto ids = opt_ids(j, "ids");
    if (!ids) throw domain::validation("ids", "'ids' is required: the list of client ids to delete");
    auto done = app::clients::remove_many(ctx, *ids, who, dry_run);
    return json_response(200, {{"deleted", done.deleted}, {"cancelled", done.cancelled}});
  });

  r.add("GET", "/api/clients/{id}", Access::employee(), [&ctx, zone](const Request&, const Params& p) {
    return json_response(200, detail_json(app::clients::detail(ctx, path_id(p[0])), zone()));
  });

  r.add("PATCH", "/api/clients/{id}", Access::employee(), [&ctx, zone](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto c = client_from(j, app::clients::get(ctx, path_id(p[0])));
    auto z = zone();
    return json_response(200, detail_json(app::clients::update(ctx, c, who), z));
  });

  r.add("DELETE", "/api/clients/{id}", Access::employee(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    app::clients::remove(ctx, path_id(p[0]), who);
    return no_content();
  });

  // ---- family ----
  r.add("GET", "/api/clients/{id}/members", Access::employee(), [&ctx, zone](const Request&, const Params& p) {
    auto members = app::clients::members(ctx, path_id(p[0]));
    auto n = static_cast<std::int64_t>(members.size());
    return json_response(200, list_body(n, members_json(members, zone())));
  });

  r.add("POST", "/api/clients/{id}/members", Access::employee(), [&ctx, zone](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto member = opt_int(j, "member_id");
    if (!member) throw domain::validation("member_id", "'member_id' is required: the relative's client id");
    auto z = zone();
    auto m = app::clients::add_member(ctx, path_id(p[0]), *member, opt_string(j, "relation").value_or(""), who);
    return json_response(201, member_json(m, z));
  });

  r.add("DELETE", "/api/clients/{id}/members/{member_id}", Access::employee(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    app::clients::remove_member(ctx, path_id(p[0]), path_id(p[1]), who);
    return no_content();
  });

  r.add("POST", "/api/clients/{id}/merge", Access::employee(), [&ctx, zone](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto from = opt_int(j, "from_id");
    if (!from) throw domain::validation("from_id", "'from_id' is required: the file merged into this one");
    auto z = zone();
    return json_response(200, detail_json(app::clients::merge(ctx, path_id(p[0]), *from, who), z));
  });

  // ---- the link queue ("red screen") ----
  r.add("GET", "/api/link-queue", Access::employee(), [&ctx, zone](const Request& req, const Params&) {
    auto page = paging(req);
    std::int64_t total = 0;
    auto items = app::portal::link_queue(ctx, page.limit, page.offset, total);
    auto z = zone();
    json a = json::array();
    for (const auto& item : items) {
      json appointments = json::array();
      for (const auto& x : item.appointments) appointments.push_back(to_json(x, z));
      a.push_back({{"account_id", item.account.id},
                   {"identifier", item.account.identifier()},
                   {"first_name", item.account.first_name},
                   {"last_name", item.account.last_name},
                   {"email", item.account.email ? json(*item.account.email) : json(nullptr)},
                   {"phone", item.account.phone ? json(*item.account.phone) : json(nullptr)},
                   {"client_id", item.client_id},
                   {"created_at", z.format(item.account.created_at)},
                   {"appointments", std::move(appointments)}});
    }
    return json_response(200, list_body(total, std::move(a)));
  });

  r.add("POST", "/api/link-queue/{account_id}/link", Access::employee(), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto client = opt_int(j, "client_id");
    if (!client) throw domain::validation("client_id", "'client_id' is required: the file to link the account to");
    auto zones = salon_zones(ctx);  // read before the write: nothing that can fail runs after the commit
    return json_response(200, link_json(app::portal::link(ctx, path_id(p[0]), *client, who), zones));
  });

  r.add("POST", "/api/link-queue/{account_id}/create", Access::employee(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto zones = salon_zones(ctx);
    return json_response(201, link_json(app::portal::create_file(ctx, path_id(p[0]), who), zones));
  });
}

}  // namespace creneau::http
