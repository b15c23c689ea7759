// Privacy (RGPD / GDPR): export and erasure of a client's data, the network's retention, unsubscribe links and
// the audit log.
#include "app/privacy.hpp"
#include "http/api.hpp"
#include "http/clients_io.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

json message_json(const store::outbox::Message& m, const domain::Zone& zone) {
  return {{"id", m.id},
          {"salon_id", m.salon_id ? json(*m.salon_id) : json(nullptr)},
          {"kind", m.kind},
          {"channel", m.channel},
          {"to", m.to},
          {"subject", m.subject},
          {"body", m.body},
          {"status", m.status},
          {"appointment_id", m.appointment_id ? json(*m.appointment_id) : json(nullptr)},
          {"created_at", zone.format(m.created_at)},
          {"sent_at", m.sent_at ? json(zone.format(*m.sent_at)) : json(nullptr)}};
}

// One JSON document with everything held about the person; the account never shows its password hash.
// Appointments and messages are each written in their salon's zone; the rest in salon 1's.
Response export_response(const app::privacy::Export& e, const Zones& zones, const std::string& filename) {
  const auto& zone = zones.of(1);
  json accounts = json::array();
  for (const auto& a : e.accounts) accounts.push_back(account_json(a, e.file && e.file->pending_link, zone));
  json appointments = json::array();
  for (const auto& a : e.appointments) appointments.push_back(to_json(a, zones.of(a.salon_id)));
  json messages = json::array();
  for (const auto& m : e.messages) messages.push_back(message_json(m, zones.of(m.salon_id.value_or(1))));
  json body{{"exported_at", zone.format(e.at)},
            {"client", e.file ? detail_json(*e.file, zone) : json(nullptr)},
            {"members", e.file ? members_json(e.file->members, zone) : json::array()},
            {"packages", e.file ? packages_json(e.file->packages) : json::array()},
            {"account", accounts.empty() ? json(nullptr) : accounts[0]},
            {"accounts", accounts},
            {"appointments", std::move(appointments)},
            {"messages", std::move(messages)}};
  return Response{200, "application/json", body.dump(2),
                  {{"Content-Disposition", "attachment; filename=\"" + filename + "\""}, {"Cache-Control", "no-store"}}};
}

json audit_json(const store::privacy::AuditEntry& a, const domain::Zone& zone) {
  return {{"id", a.id},
          {"at", zone.format(a.at)},
          {"actor", {{"type", a.actor.type}, {"id", a.actor.id}, {"name", a.actor.name}}},
          {"action", a.action},
          {"client_id", a.client_id ? json(*a.client_id) : json(nullptr)},
          {"detail", a.detail}};
}

json network_json(const app::privacy::Network& n) { return {{"name", n.name}, {"retention_years", n.retention_years}}; }

}  // namespace

void add_privacy_routes(Router& r, app::Context& ctx) {
  r.add("GET", "/api/clients/{id}/export", Access::manager(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto id = path_id(p[0]);
    auto e = app::privacy::export_client(ctx, id, who);
    return export_response(e, salon_zones(ctx), "client-" + std::to_string(id) + "-data.json");
  });

  r.add("GET", "/api/portal/me/export", Access::client(), [&ctx](const Request&, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    return export_response(app::privacy::export_account(ctx, who), salon_zones(ctx), "my-data.json");
  });

  r.add("POST", "/api/clients/{id}/erase", Access::admin(), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    app::privacy::erase(ctx, path_id(p[0]), who);
    return no_content();
  });

  r.add("POST", "/api/portal/me/delete", Access::client(), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    app::privacy::delete_account(ctx, who, opt_string(j, "password").value_or(""));
    return no_content();
  });

  // The link of a marketing e-mail: no log-in, the token is the key.
  r.add("POST", "/api/portal/unsubscribe/{token}", Access::public_(), [&ctx](const Request&, const Params& p) {
    app::privacy::unsubscribe(ctx, p[0]);
    return json_response(200, {{"marketing_opt_out", true}});
  });

  r.add("GET", "/api/network", Access::admin(), [&ctx](const Request&, const Params&) {
    return json_response(200, network_json(app::privacy::network(ctx)));
  });

  r.add("PATCH", "/api/network", Access::admin(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    app::privacy::NetworkPatch patch;
    patch.name = opt_string(j, "name");
    patch.retention_years = opt_int32(j, "retention_years");
    return json_response(200, network_json(app::privacy::update_network(ctx, patch)));
  });

  r.add("GET", "/api/audit", Access::admin(), [&ctx](const Request& req, const Params&) {
    auto zone = salon_zone(ctx);
    store::privacy::AuditFilter f;
    f.client_id = query_int(req, "client_id");
    f.staff_id = query_int(req, "staff_id");
    auto from = query_date(req, "from");
    auto to = query_date(req, "to");
    if (from && to && *to < *from) throw domain::validation("to", "'to' is before 'from'");
    if (from) f.from = zone.at(*from, 0);
    if (to) f.to = zone.at(to->plus_days(1), 0);
    auto page = paging(req);
    f.limit = page.limit;
    f.offset = page.offset;
    auto result = app::privacy::audit_log(ctx, f);
    json items = json::array();
    for (const auto& a : result.items) items.push_back(audit_json(a, zone));
    return json_response(200, list_body(result.total, std::move(items)));
  });
}

}  // namespace creneau::http
