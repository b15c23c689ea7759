// Staff log-in, the outbox, and the periodic jobs trigger.
#include "app/auth.hpp"
#include "app/booking.hpp"
#include "app/catalogue.hpp"
#include "http/api.hpp"
#include "http/json.hpp"
#include "store/outbox.hpp"

namespace creneau::http {

void add_system_routes(Router& r, app::Context& ctx) {
  r.add("POST", "/api/auth/login", [&ctx](const Request& req, const Params&) {
    auto j = parse_object(req);
    auto login = app::auth::login_staff(ctx, req_string(j, "email"), req_string(j, "password"));
    return json_response(200, {{"token", login.token}, {"staff", to_json(login.staff)}});
  });
  r.add("POST", "/api/auth/logout", [&ctx](const Request& req, const Params&) {
    require_staff(ctx, req);
    app::auth::logout(ctx, req.authorization);
    return no_content();
  });
  r.add("GET", "/api/auth/me", [&ctx](const Request& req, const Params&) {
    auto p = require_staff(ctx, req);
    return json_response(200, to_json(app::catalogue::get_staff(ctx, p.id)));
  });

  r.add("GET", "/api/outbox", [&ctx](const Request& req, const Params&) {
    require_admin(ctx, req);
    store::outbox::Filter f;
    if (auto v = req.query_param("kind"); v && !v->empty()) f.kind = *v;
    if (auto v = req.query_param("status"); v && !v->empty()) f.status = *v;
    f.appointment_id = query_int(req, "appointment_id");
    f.client_id = query_int(req, "client_id");
    auto page = paging(req);
    f.limit = page.limit;
    f.offset = page.offset;
    auto zone = salon_zone(ctx);
    std::int64_t total = 0;
    auto items = ctx.db.read([&](sql::Connection& c) { return store::outbox::list(c, f, total); });
    json a = json::array();
    for (const auto& m : items)
      a.push_back({{"id", m.id},
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
                   {"has_attachment", !m.attachment.empty()}});
    return json_response(200, list_body(total, std::move(a)));
  });

  // The client confirms through the link of a confirmation request; no log-in needed, the token is the key.
  r.add("POST", "/api/portal/confirm/{token}", [&ctx](const Request&, const Params& p) {
    auto zone = salon_zone(ctx);  // read before the write: nothing that can fail runs after the commit
    auto a = app::booking::confirm_by_token(ctx, p[0]);
    return json_response(200, to_json(a, zone));
  });
}

}  // namespace creneau::http
