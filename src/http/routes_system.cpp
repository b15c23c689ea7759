// Staff log-in, the outbox, and the periodic jobs trigger.
#include "app/auth.hpp"
#include "app/booking.hpp"
#include "app/catalogue.hpp"
#include "http/api.hpp"
#include "http/json.hpp"
#include "app/outbox.hpp"

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
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"appointment_id", m.appointment_id ? json(*m.appointment_id) : json(nullptr)},
          {"client_id", m.client_id ? json(*m.client_id) : json(nullptr)},
          {"created_at", zone.format(m.created_at)},
          {"sent_at", m.sent_at ? json(zone.format(*m.sent_at)) : json(nullptr)},
          {"has_attachment", !m.attachment.empty()}};
}
}  // namespace

namespace {
constexpr std::string_view kOutboxRule =
    "the whole outbox (no appointment_id or client_id): a manager's salons or an admin's (app::outbox)";
}  // namespace

void add_system_routes(Router& r, app::Context& ctx) {
  r.add("POST", "/api/auth/login", Access::public_(), [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    auto login = app::auth::login_staff(ctx, req_string(j, "email"), req_string(j, "password"), req.remote);
    return json_response(200, {{"token", login.token}, {"staff", to_json(login.staff)}});
  });
  r.add("POST", "/api/auth/logout", Access::employee(), [&ctx](const Request& req, const Params&) {
    app::auth::logout(ctx, req.authorization);
    return no_content();
  });
  r.add("GET", "/api/auth/me", Access::employee(), [&ctx](const Request&, const Params&, const Caller& caller) {
    const auto& p = caller.who();
    return json_response(200, to_json(app::catalogue::get_staff(ctx, p.id)));
  });

  // With an appointment or a client named, any staff member reads its messages (was the client told?) of their
  // salons; the whole outbox is for admins, a manager's salons' for that manager (app::outbox::list decides).
  r.add("GET", "/api/outbox", Access::employee().at(SalonFrom::query_if_named).refined(kOutboxRule), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    store::outbox::Filter f;
    f.salon_id = caller.salon;
    if (auto v = req.query_param("kind"); v && !v->empty()) f.kind = *v;
    f.status = query_code<domain::MessageStatus>(req, "status");
    f.appointment_id = query_int(req, "appointment_id");
    f.client_id = query_int(req, "client_id");
    auto page = paging(req);
    f.limit = page.limit;
    f.offset = page.offset;
    auto zones = salon_zones(ctx);
    auto found = app::outbox::list(ctx, who, f);
    json a = json::array();
    for (const auto& m : found.items) a.push_back(message_json(m, zones.of(m.salon_id.value_or(1))));
    return json_response(200, list_body(found.total, std::move(a)));
  });

  r.add("POST", "/api/outbox/{id}/resend", Access::employee().refined("a message of the caller's salons (app::outbox)"), [&ctx](const Request&, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto zones = salon_zones(ctx);
    auto m = app::outbox::resend(ctx, who, path_id(p[0]));
    return json_response(200, message_json(m, zones.of(m.salon_id.value_or(1))));
  });

  // The client confirms through the link of a confirmation request; no log-in needed, the token is the key.
  r.add("POST", "/api/portal/confirm/{token}", Access::public_(), [&ctx](const Request&, const Params& p) {
    auto zones = salon_zones(ctx);  // read before the write: nothing that can fail runs after the commit
    auto a = app::booking::confirm_by_token(ctx, p[0]);
    return json_response(200, to_json(a, zones.of(a.salon_id)));
  });
}

}  // namespace creneau::http
