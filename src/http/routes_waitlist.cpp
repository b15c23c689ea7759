// The waitlist (freed slots, offers) and the periodic jobs trigger.
#include "app/jobs.hpp"
#include "app/salons.hpp"
#include "app/waitlist.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

namespace creneau::http {

namespace {

json slot_json(const app::waitlist::FreedSlotView& v, const domain::Zone& zone) {
  json candidates = json::array();
  for (const auto& c : v.candidates)
    candidates.push_back({{"appointment_id", c.appointment_id},
                          {"client_id", c.client_id},
                          {"start", zone.format(c.start)},
                          {"created_at", zone.format(c.created_at)}});
  return {{"id", v.slot.id},
          {"salon_id", v.slot.salon_id},
          {"staff_id", v.slot.staff_id},
          {"start", zone.format(v.slot.span.start)},
          {"end", zone.format(v.slot.span.end)},
          {"source_appointment_id", v.slot.source_appointment_id ? json(*v.slot.source_appointment_id) : json(nullptr)},
          {"created_at", zone.format(v.slot.created_at)},
          {"candidates", std::move(candidates)},
          {"notified", v.notified}};
}

json offer_json(const app::waitlist::OfferView& v, const domain::Zone& zone, domain::Lang lang) {
  json lines = json::array();
  for (const auto& l : v.lines)
    lines.push_back({{"service_id", l.service_id},
                     {"staff_id", l.staff_id},
                     {"resource_id", l.resource_id ? json(*l.resource_id) : json(nullptr)},
                     {"start", zone.format(l.span.start)},
                     {"end", zone.format(l.span.end)}});
  json out = {{"status", v.status},
              {"open", v.open},
              {"salon_id", v.slot.salon_id},
              {"slot",
               {{"id", v.slot.id},
                {"staff_id", v.staff_id},
                {"start", zone.format(v.proposed.start)},
                {"end", zone.format(v.proposed.end)}}},
              {"freed_slot", {{"start", zone.format(v.slot.span.start)}, {"end", zone.format(v.slot.span.end)}}},
              {"staff", {{"id", v.staff_id}, {"first_name", v.staff_first_name}}},
              {"lines", std::move(lines)},
              {"services", v.services}};
  if (v.appointment.id != 0)
    out["appointment"] = {{"id", v.appointment.id},
                          {"status", v.appointment.status},
                          {"start", zone.format(v.appointment.span.start)},
                          {"end", zone.format(v.appointment.span.end)}};
  else
    out["appointment"] = nullptr;
  if (v.message) out["message"] = std::string(v.message->in(lang));
  return out;
}

}  // namespace

void add_waitlist_routes(Router& r, app::Context& ctx) {
  auto zone = [&ctx] { return salon_zone(ctx); };

  // One salon's freed slots (salon_id), or those of every salon the caller works at.
  r.add("GET", "/api/freed-slots", Access::employee().at(SalonFrom::query_if_named), [&ctx](const Request& req, const Params&, const Caller& caller) {
    const auto& who = caller.who();
    auto page = paging(req);
    std::optional<std::vector<domain::Id>> salons = app::salons::visible(who);
    if (caller.salon) salons = std::vector<domain::Id>{*caller.salon};
    auto result = app::waitlist::freed_slots(ctx, salons, page.limit, page.offset);
    auto zones = salon_zones(ctx);
    json items = json::array();
    for (const auto& v : result.items) items.push_back(slot_json(v, zones.of(v.slot.salon_id)));
    return json_response(200, list_body(result.total, std::move(items)));
  });

  r.add("POST", "/api/freed-slots/{id}/notify", Access::employee().refined("a freed slot of the caller's salons (app::waitlist)"), [&ctx](const Request& req, const Params& p, const Caller& caller) {
    const auto& who = caller.who();
    auto j = parse_object(req);
    auto ids = opt_ids(j, "appointment_ids");
    if (!ids) throw domain::validation("appointment_ids", "'appointment_ids' is required: the appointments to notify");
    auto zones = salon_zones(ctx);  // read before the write: nothing that can fail runs after the commit
    auto v = app::waitlist::notify(ctx, path_id(p[0]), *ids, app::salons::visible(who));
    return json_response(200, slot_json(v, zones.of(v.slot.salon_id)));
  });

  // The offer link: no log-in, the token is the key.
  r.add("GET", "/api/portal/offers/{token}", Access::public_(), [&ctx](const Request& req, const Params& p) {
    auto v = app::waitlist::offer(ctx, p[0]);
    return json_response(200, offer_json(v, salon_zone(ctx, v.slot.salon_id), request_lang(ctx, req, v.slot.salon_id)));
  });

  r.add("POST", "/api/portal/offers/{token}/accept", Access::public_(), [&ctx](const Request&, const Params& p) {
    auto zones = salon_zones(ctx);  // read before the write
    auto a = app::waitlist::accept(ctx, p[0]);
    return json_response(200, to_json(a, zones.of(a.salon_id)));
  });

  r.add("POST", "/api/jobs/run", Access::admin(), [&ctx, zone](const Request& req, const Params&) {
    auto j = parse_object(req);
    auto now = ctx.now();
    if (auto text = opt_string(j, "now"); text && !text->empty()) {
      auto t = domain::parse_instant(*text, zone());
      if (!t) throw domain::validation("now", "'now' must be an ISO 8601 date-time, e.g. 2027-01-04T10:00:00+01:00");
      now = *t;
    }
    auto report = app::jobs::run(ctx, now);
    return json_response(200, {{"reminders", report.reminders},
                               {"birthdays", report.birthdays},
                               {"sent", report.sent},
                               {"failed", report.failed},
                               {"erased", report.erased}});
  });
}

}  // namespace creneau::http
