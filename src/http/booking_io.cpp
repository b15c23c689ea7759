// Reading booking bodies and queries (staff and portal routes). Apart from the routes so the fuzz targets
// (fuzz/) can drive them without the application behind.
#include "http/booking_io.hpp"

namespace creneau::http {

namespace {

domain::Instant read_start(const json& j, const domain::Zone& zone) {
  auto text = req_string(j, "start");
  auto t = domain::parse_instant(text, zone);
  if (!t) throw domain::validation("start", "'start' must be an ISO 8601 date-time, e.g. 2027-01-04T10:00:00+01:00");
  return *t;
}

std::vector<app::booking::LineRequest> read_lines(const json& j) {
  auto it = j.find("lines");
  if (it == j.end() || !it->is_array()) throw domain::validation("lines", "'lines' must be a list of services");
  std::vector<app::booking::LineRequest> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& l = (*it)[i];
    auto f = "lines[" + std::to_string(i) + "]";
    if (!l.is_object()) throw domain::validation(f, "each line must be an object");
    app::booking::LineRequest r;
    try {
      auto service = opt_int(l, "service_id");
      if (!service) throw domain::validation("service_id", "'{}' is required", {std::string("service_id")});
      r.service_id = *service;
      r.staff_id = opt_int(l, "staff_id");
      r.resource_id = opt_int(l, "resource_id");
      r.duration_minutes = opt_int32(l, "duration_minutes");
      r.price_cents = opt_int(l, "price_cents");
    } catch (const domain::Error& e) {
      throw e.at_field(f + "." + e.field());
    }
    if (auto a = l.find("answers"); a != l.end() && !a->is_null()) {
      if (!a->is_object()) throw domain::validation(f + ".answers", "'answers' must be an object");
      for (auto& [k, v] : a->items())
        if (!v.is_string()) throw domain::validation(f + ".answers." + k, "answers are text");
      r.answers_json = a->dump();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

app::booking::BookRequest read_book_request(const json& j, const domain::Zone& zone) {
  app::booking::BookRequest r;
  if (auto c = opt_int(j, "client_id")) r.client_id = *c;
  r.start = read_start(j, zone);
  r.lines = read_lines(j);
  r.requested_staff = opt_bool(j, "requested_staff").value_or(false);
  r.client_request = opt_string(j, "client_request").value_or("");
  r.quick_note = opt_string(j, "quick_note").value_or("");
  r.notes = opt_string(j, "notes").value_or("");
  r.confirmation = opt_code<domain::Confirmation>(j, "confirmation", "confirmation is approve, request or silent")
                       .value_or(domain::Confirmation::approve);
  r.payment_method = opt_string(j, "payment_method").value_or("");
  r.amount_requested_cents = opt_int(j, "amount_requested_cents").value_or(0);
  r.notify_earlier_slot = opt_bool(j, "notify_earlier_slot").value_or(false);
  return r;
}

app::booking::ChangeRequest read_change_request(const json& j, const domain::Zone& zone) {
  app::booking::ChangeRequest r;
  if (j.contains("start") && !j["start"].is_null()) r.start = read_start(j, zone);
  if (j.contains("lines") && !j["lines"].is_null()) r.lines = read_lines(j);
  r.requested_staff = opt_bool(j, "requested_staff");
  r.notify_earlier_slot = opt_bool(j, "notify_earlier_slot");
  r.client_request = opt_string(j, "client_request");
  r.quick_note = opt_string(j, "quick_note");
  r.notes = opt_string(j, "notes");
  r.payment_method = opt_string(j, "payment_method");
  r.amount_requested_cents = opt_int(j, "amount_requested_cents");
  r.client_id = opt_int(j, "client_id");
  return r;
}

app::booking::AvailabilityRequest read_availability_request(const Request& req) {
  app::booking::AvailabilityRequest r;
  auto ids = req.query_param("service_ids");
  if (!ids || ids->empty()) throw domain::validation("service_ids", "'service_ids' is required, e.g. service_ids=1,2");
  std::size_t i = 0;
  while (i <= ids->size()) {
    auto j = ids->find(',', i);
    if (j == std::string::npos) j = ids->size();
    auto part = ids->substr(i, j - i);
    try {
      std::size_t used = 0;
      auto v = std::stoll(part, &used);
      if (used != part.size() || v <= 0) throw std::invalid_argument(part);
      r.service_ids.push_back(v);
    } catch (const std::exception&) {
      throw domain::validation("service_ids", "'service_ids' is a comma-separated list of ids");
    }
    i = j + 1;
  }
  auto from = query_date(req, "from");
  auto to = query_date(req, "to");
  if (!from) throw domain::validation("from", "'from' is required (YYYY-MM-DD)");
  r.from = *from;
  r.to = to.value_or(*from);
  r.staff_id = query_int(req, "staff_id");
  return r;
}

json slots_json(const std::vector<domain::Slot>& slots, const domain::Zone& zone) {
  json items = json::array();
  for (const auto& s : slots) items.push_back(to_json(s, zone));
  return {{"slots", std::move(items)}};
}

}  // namespace creneau::http
