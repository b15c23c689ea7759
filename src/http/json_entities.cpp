#include "http/json_entities.hpp"

namespace creneau::http {

Response json_response(int status, const json& body) {
  return Response{status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

Response no_content() { return Response{204, "", "", {}}; }

json list_body(std::int64_t total, json items) { return {{"total", total}, {"items", std::move(items)}}; }

json hours_json(const std::vector<domain::WeeklyHours>& hours) {
  json a = json::array();
  for (const auto& h : hours) {
    json row{{"weekday", h.weekday}, {"start", domain::format_hhmm(h.start_minute)}, {"end", domain::format_hhmm(h.end_minute)}};
    if (h.salon_id) row["salon_id"] = h.salon_id;  // a staff member's row; opening hours have none
    a.push_back(std::move(row));
  }
  return a;
}

json to_json(const domain::Staff& s) {
  return {{"id", s.id},       {"first_name", s.first_name}, {"last_name", s.last_name},     {"email", s.email},
          {"phone", s.phone}, {"role", s.role},             {"service_ids", s.service_ids}, {"hours", hours_json(s.hours)},
          {"salon_ids", s.salon_ids}, {"color", s.color}};
}

json to_json(const domain::ClientPackage& p) {
  return {{"id", p.id},
          {"client_id", p.client_id},
          {"package_type_id", p.package_type_id},
          {"name", p.name},
          {"sessions", p.sessions},
          {"used", p.used},
          {"no_shows", p.no_shows},
          {"remaining", p.remaining},
          {"start_date", p.start_date},
          {"validity_days", p.validity_days},
          {"valid_until", p.valid_until ? json(*p.valid_until) : json(nullptr)},
          {"service_ids", p.service_ids},
          {"salon_id", p.salon_id},
          {"scope", p.scope}};
}

json to_json(const domain::Resource& r) { return {{"id", r.id}, {"name", r.name}, {"salon_id", r.salon_id}}; }

json to_json(const domain::Service& s) {
  json q = json::array();
  for (const auto& item : s.questionnaire) q.push_back({{"key", item.key}, {"question", item.question}, {"required", item.required}});
  return {{"id", s.id},
          {"name", s.name},
          {"category", s.category},
          {"audience", s.audience},
          {"duration_minutes", s.duration_minutes},
          {"price_cents", s.price_cents},
          {"resource_ids", s.resource_ids},
          {"capacity", s.capacity},
          {"package_only", s.package_only},
          {"discovery", s.discovery},
          {"offered", s.offered},
          {"questionnaire", q}};
}

json to_json(const domain::Client& c, const domain::Zone& zone) {
  json j{{"id", c.id},
         {"first_name", c.first_name},
         {"last_name", c.last_name},
         {"email", c.email},
         {"phone", c.phone},
         {"gender", c.gender},
         {"birth_date", c.birth_date ? json(c.birth_date->iso()) : json(nullptr)},
         {"note", c.note},
         {"account", c.account ? json(*c.account) : json(nullptr)},
         {"last_appointment", c.last_appointment_at ? json(zone.local(*c.last_appointment_at).date.iso()) : json(nullptr)},
         {"marketing_opt_out", c.marketing_opt_out},
         {"erased", c.erased}};
  return j;
}

namespace {
json actor_json(const domain::Actor& a) { return {{"type", a.type}, {"id", a.id}, {"name", a.name}}; }
}  // namespace

json to_json(const domain::Appointment& a, const domain::Zone& zone) {
  json lines = json::array();
  for (const auto& l : a.lines) {
    auto answers = json::parse(l.answers_json, nullptr, false);
    lines.push_back({{"id", l.id},
                     {"service_id", l.service_id},
                     {"staff_id", l.staff_id},
                     {"resource_id", l.resource_id ? json(*l.resource_id) : json(nullptr)},
                     {"start", zone.format(l.span.start)},
                     {"end", zone.format(l.span.end)},
                     {"duration_minutes", l.duration_minutes},
                     {"price_cents", l.price_cents},
                     {"answers", answers.is_discarded() ? json::object() : answers},
                     {"package_id", l.package_id ? json(*l.package_id) : json(nullptr)}});
  }
  return {{"id", a.id},
          {"salon_id", a.salon_id},
          {"client_id", a.client_id},
          {"status", a.status},
          {"start", zone.format(a.span.start)},
          {"end", zone.format(a.span.end)},
          {"lines", lines},
          {"requested_staff", a.requested_staff},
          {"client_request", a.client_request},
          {"quick_note", a.quick_note},
          {"notes", a.notes},
          {"confirmation", a.confirmation},
          {"payment_method", a.payment_method.empty() ? json(nullptr) : json(a.payment_method)},
          {"arrived", a.arrived},
          {"paid", a.paid},
          {"amount_requested_cents", a.amount_requested_cents},
          {"notify_earlier_slot", a.notify_earlier_slot},
          {"no_show", a.no_show},
          {"group", a.group},
          {"cancel_reason", a.cancel_reason},
          {"rules",
           {{"slot_step_minutes", a.rules.slot_step_minutes},
            {"min_notice_minutes", a.rules.min_notice_minutes},
            {"max_advance_days", a.rules.max_advance_days},
            {"cancel_notice_minutes", a.rules.cancel_notice_minutes}}},
          {"created_at", zone.format(a.created_at)},
          {"created_by", actor_json(a.created_by)},
          {"updated_at", zone.format(a.updated_at)},
          {"updated_by", actor_json(a.updated_by)}};
}

json to_json(const domain::Slot& s, const domain::Zone& zone) {
  json lines = json::array();
  for (const auto& l : s.lines)
    lines.push_back({{"service_id", l.service_id},
                     {"staff_id", l.staff_id},
                     {"resource_id", l.resource_id ? json(*l.resource_id) : json(nullptr)},
                     {"start", zone.format(l.span.start)},
                     {"end", zone.format(l.span.end)}});
  return {{"start", zone.format(s.span.start)}, {"end", zone.format(s.span.end)}, {"lines", lines}};
}

}  // namespace creneau::http
