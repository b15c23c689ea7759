#include "store/appointments.hpp"
#include "store/codes.hpp"

#include "store/catalogue.hpp"

#include <algorithm>
#include <map>

namespace creneau::store::appointments {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

namespace {

constexpr const char* kColumns =
    "a.id, a.client_id, a.account_id, a.status, a.start_at, a.end_at, a.requested_staff, a.client_request, "
    "a.quick_note, a.notes, a.confirmation, a.payment_method, a.amount_requested_cents, a.notify_earlier_slot, "
    "a.no_show, a.is_group, a.rule_slot_step, a.rule_min_notice, a.rule_max_advance, a.rule_cancel_notice, "
    "a.cancel_reason, a.created_at, a.created_by_type, a.created_by_id, a.created_by_name, a.updated_at, "
    "a.updated_by_type, a.updated_by_id, a.updated_by_name, a.arrived, a.paid, a.ics_sequence, a.salon_id";

constexpr const char* kLineColumns =
    "l.id, l.appointment_id, l.service_id, l.staff_id, l.resource_id, l.start_at, l.end_at, l.duration_minutes, "
    "l.price_cents, l.answers, l.package_id";

domain::Appointment from_row(const sql::Row& r) {
  domain::Appointment a;
  a.id = r.integer(0);
  a.client_id = r.integer(1);
  a.account_id = r.opt_integer(2);
  a.status = column_value<domain::AppointmentStatus>(r.text(3), "appointments.status");
  a.span = {from_epoch(r.integer(4)), from_epoch(r.integer(5))};
  a.requested_staff = r.boolean(6);
  a.client_request = r.text(7);
  a.quick_note = r.text(8);
  a.notes = r.text(9);
  a.confirmation = column_value<domain::Confirmation>(r.text(10), "appointments.confirmation");
  a.payment_method = r.text(11);
  a.amount_requested_cents = r.integer(12);
  a.notify_earlier_slot = r.boolean(13);
  a.no_show = r.boolean(14);
  a.group = r.boolean(15);
  a.rules = {static_cast<int>(r.integer(16)), static_cast<int>(r.integer(17)), static_cast<int>(r.integer(18)),
             static_cast<int>(r.integer(19))};
  a.cancel_reason = r.text(20);
  a.created_at = from_epoch(r.integer(21));
  a.created_by = {r.text(22), r.integer(23), r.text(24)};
  a.updated_at = from_epoch(r.integer(25));
  a.updated_by = {r.text(26), r.integer(27), r.text(28)};
  a.arrived = r.boolean(29);
  a.paid = r.boolean(30);
  a.ics_sequence = static_cast<int>(r.integer(31));
  a.salon_id = r.integer(32);
  return a;
}

domain::AppointmentLine line_from_row(const sql::Row& r) {
  domain::AppointmentLine l;
  l.id = r.integer(0);
  l.service_id = r.integer(2);
  l.staff_id = r.integer(3);
  l.resource_id = r.opt_integer(4);
  l.span = {from_epoch(r.integer(5)), from_epoch(r.integer(6))};
  l.duration_minutes = static_cast<int>(r.integer(7));
  l.price_cents = r.integer(8);
  l.answers_json = r.text(9);
  l.package_id = r.opt_integer(10);
  return l;
}

// No line lasts longer: booking::build_lines refuses more than 12 hours; twice that for a margin.
constexpr std::chrono::seconds kLongestLine{24 * 3600};

Value opt(const std::optional<Id>& v) { return v ? Value{*v} : Value{nullptr}; }

void insert_lines(sql::Connection& c, domain::Appointment& a) {
  bool active = !a.cancelled();
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    auto& l = a.lines[i];
    // group_capacity > 1 marks lines of a group session (shared by several clients): the service's capacity, read
    // inside the INSERT (one round trip per line, not two).
    l.id = c.query("INSERT INTO appointment_lines (appointment_id, position, service_id, staff_id, resource_id, "
                   "start_at, end_at, duration_minutes, price_cents, answers, package_id, group_capacity, active) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT capacity FROM services WHERE id = ?), 1), ?) "
                   "RETURNING id",
                   {a.id, static_cast<std::int64_t>(i), l.service_id, l.staff_id, opt(l.resource_id),
                    to_epoch(l.span.start), to_epoch(l.span.end), std::int64_t{l.duration_minutes}, l.price_cents,
                    l.answers_json, opt(l.package_id), l.service_id, std::int64_t{active ? 1 : 0}})
               .at(0)
               .integer(0);
  }
}

std::vector<Value> row_values(const domain::Appointment& a) {
  return {a.client_id, opt(a.account_id), column_text(a.status), to_epoch(a.span.start), to_epoch(a.span.end),
          std::int64_t{a.requested_staff}, a.client_request, a.quick_note, a.notes, column_text(a.confirmation),
          a.payment_method, a.amount_requested_cents, std::int64_t{a.notify_earlier_slot}, std::int64_t{a.no_show},
          std::int64_t{a.group}, std::int64_t{a.rules.slot_step_minutes}, std::int64_t{a.rules.min_notice_minutes},
          std::int64_t{a.rules.max_advance_days}, std::int64_t{a.rules.cancel_notice_minutes}, a.cancel_reason,
          to_epoch(a.updated_at), a.updated_by.type, a.updated_by.id, a.updated_by.name,
          std::int64_t{a.arrived}, std::int64_t{a.paid}, std::int64_t{a.ics_sequence}};
}

// WHERE clause and parameters for a filter, on appointments `a`.
std::string where(const Filter& f, std::vector<Value>& params) {
  std::string w = " WHERE 1 = 1";
  if (f.from) { w += " AND a.start_at >= ?"; params.emplace_back(to_epoch(*f.from)); }
  if (f.to) { w += " AND a.start_at < ?"; params.emplace_back(to_epoch(*f.to)); }
  if (f.client_id) { w += " AND a.client_id = ?"; params.emplace_back(*f.client_id); }
  if (f.account_id) { w += " AND a.account_id = ?"; params.emplace_back(*f.account_id); }
  if (f.status) { w += " AND a.status = ?"; params.emplace_back(column_text(*f.status)); }
  if (f.salon_id) { w += " AND a.salon_id = ?"; params.emplace_back(*f.salon_id); }
  if (f.salon_ids) {
    w += " AND a.salon_id IN (-1";
    for (Id s : *f.salon_ids) {
      w += ", ?";
      params.emplace_back(s);
    }
    w += ")";
  }
  if (!f.client_ids.empty()) {
    w += " AND a.client_id IN (";
    for (std::size_t i = 0; i < f.client_ids.size(); ++i) {
      w += i ? ", ?" : "?";
      params.emplace_back(f.client_ids[i]);
    }
    w += ")";
  }
  if (f.staff_id) {
    w += " AND EXISTS (SELECT 1 FROM appointment_lines x WHERE x.appointment_id = a.id AND x.staff_id = ?)";
    params.emplace_back(*f.staff_id);
  }
  if (f.resource_id) {
    w += " AND EXISTS (SELECT 1 FROM appointment_lines x WHERE x.appointment_id = a.id AND x.resource_id = ?)";
    params.emplace_back(*f.resource_id);
  }
  return w;
}

}  // namespace

Id insert(sql::Connection& c, domain::Appointment& a) {
  auto values = row_values(a);
  values.emplace_back(to_epoch(a.created_at));
  values.emplace_back(a.created_by.type);
  values.emplace_back(a.created_by.id);
  values.emplace_back(a.created_by.name);
  values.emplace_back(a.salon_id);
  a.id = c.query("INSERT INTO appointments (client_id, account_id, status, start_at, end_at, requested_staff, "
                 "client_request, quick_note, notes, confirmation, payment_method, amount_requested_cents, "
                 "notify_earlier_slot, no_show, is_group, rule_slot_step, rule_min_notice, rule_max_advance, "
                 "rule_cancel_notice, cancel_reason, updated_at, updated_by_type, updated_by_id, updated_by_name, "
                 "arrived, paid, ics_sequence, created_at, created_by_type, created_by_id, created_by_name, salon_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 values)
             .at(0)
             .integer(0);
  insert_lines(c, a);
  return a.id;
}

void update(sql::Connection& c, domain::Appointment& a) {
  auto values = row_values(a);
  values.emplace_back(a.id);
  c.query("UPDATE appointments SET client_id = ?, account_id = ?, status = ?, start_at = ?, end_at = ?, "
          "requested_staff = ?, client_request = ?, quick_note = ?, notes = ?, confirmation = ?, payment_method = ?, "
          "amount_requested_cents = ?, notify_earlier_slot = ?, no_show = ?, is_group = ?, rule_slot_step = ?, "
          "rule_min_notice = ?, rule_max_advance = ?, rule_cancel_notice = ?, cancel_reason = ?, updated_at = ?, "
          "updated_by_type = ?, updated_by_id = ?, updated_by_name = ?, arrived = ?, paid = ?, ics_sequence = ? "
          "WHERE id = ?",
          values);
  c.query("DELETE FROM appointment_lines WHERE appointment_id = ?", {a.id});
  insert_lines(c, a);
}

void remove(sql::Connection& c, Id id) {
  c.query("DELETE FROM appointment_lines WHERE appointment_id = ?", {id});
  c.query("DELETE FROM appointments WHERE id = ?", {id});
}

std::optional<domain::Appointment> find(sql::Connection& c, Id id) {
  auto rows = c.query(std::string("SELECT ") + kColumns + " FROM appointments a WHERE a.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  auto a = from_row(rows[0]);
  for (const auto& r : c.query(std::string("SELECT ") + kLineColumns +
                                   " FROM appointment_lines l WHERE l.appointment_id = ? ORDER BY l.position",
                               {id}))
    a.lines.push_back(line_from_row(r));
  return a;
}

std::vector<domain::Appointment> list(sql::Connection& c, const Filter& f, std::int64_t* total) {
  std::vector<Value> params;
  std::string w = where(f, params);
  if (total) *total = c.query("SELECT COUNT(*) FROM appointments a" + w, params).at(0).integer(0);
  auto page = params;
  page.emplace_back(std::int64_t{f.limit});
  page.emplace_back(std::int64_t{f.offset});
  std::vector<domain::Appointment> out;
  std::map<Id, std::size_t> index;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + " FROM appointments a" + w +
                                   " ORDER BY a.start_at, a.id LIMIT ? OFFSET ?",
                               page)) {
    index[r.integer(0)] = out.size();
    out.push_back(from_row(r));
  }
  if (out.empty()) return out;
  // Lines of exactly the appointments on this page, in one query.
  std::string ids;
  std::vector<Value> line_params;
  for (const auto& a : out) {
    ids += ids.empty() ? "?" : ", ?";
    line_params.emplace_back(a.id);
  }
  for (const auto& r : c.query(std::string("SELECT ") + kLineColumns + " FROM appointment_lines l WHERE l.appointment_id IN (" +
                                   ids + ") ORDER BY l.appointment_id, l.position",
                               line_params))
    out[index.at(r.integer(1))].lines.push_back(line_from_row(r));
  return out;
}

namespace {

// The salon's frame and its staff's time off over [from, to), without busy spans yet.
domain::Agenda agenda_frame(sql::Connection& c, const AgendaSalon& salon, domain::Instant from, domain::Instant to) {
  domain::Agenda agenda;
  agenda.zone = &salon.zone;
  agenda.opening_hours = salon.settings.opening_hours;
  agenda.staff = salon.frame.staff;
  for (Id r : salon.frame.resource_ids) agenda.resources.push_back({r, {}});
  for (const auto& t : catalogue::time_off_between(c, from, to, salon.salon_id)) {
    auto* s = agenda.find_staff(t.staff_id);
    if (s) s->time_off.push_back(t.span);
  }
  return agenda;
}

constexpr const char* kBusyColumns =
    "SELECT staff_id, resource_id, start_at, end_at, service_id, group_capacity, appointment_id FROM appointment_lines ";

// Adds one row of kBusyColumns to the staff member's and the resource's busy lists (each only when wanted).
void add_busy(domain::Agenda& agenda, const sql::Row& r, bool to_staff, bool to_resource) {
  domain::Busy b{{from_epoch(r.integer(2)), from_epoch(r.integer(3))}, r.integer(5) > 1 ? r.integer(4) : 0, 1,
                 r.integer(6)};
  if (to_staff)
    if (auto* s = agenda.find_staff(r.integer(0))) s->busy.push_back(b);
  if (to_resource && !r.is_null(1))
    if (auto* res = agenda.find_resource(r.integer(1))) res->busy.push_back(b);
}

void finish(domain::Agenda& agenda) {
  for (auto& s : agenda.staff) {
    std::sort(s.time_off.begin(), s.time_off.end());
    domain::normalize(s.busy);
  }
  for (auto& r : agenda.resources) domain::normalize(r.busy);
}

// "?, ?, ?" for `ids`, appended to `params`.
std::string placeholders(const std::vector<Id>& ids, std::vector<Value>& params) {
  std::string out;
  for (Id id : ids) {
    out += out.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  return out;
}

}  // namespace

AgendaFrame load_agenda_frame(sql::Connection& c, Id salon_id) {
  AgendaFrame frame;
  for (auto& s : catalogue::list_staff_at(c, salon_id)) {
    // The salon's staff, with the hours they work there only; their busy spans come from every salon.
    if (!std::binary_search(s.salon_ids.begin(), s.salon_ids.end(), salon_id)) continue;
    domain::StaffSchedule sched;
    sched.staff_id = s.id;
    for (const auto& h : s.hours)
      if (h.salon_id == salon_id) sched.hours.push_back(h);
    sched.service_ids = std::move(s.service_ids);
    std::sort(sched.service_ids.begin(), sched.service_ids.end());
    frame.staff.push_back(std::move(sched));
    frame.staff_names.push_back(s.display_name());
  }
  for (const auto& r : catalogue::list_resources(c, salon_id)) frame.resource_ids.push_back(r.id);
  return frame;
}

domain::Agenda load_agenda(sql::Connection& c, const AgendaSalon& salon, domain::Instant from, domain::Instant to,
                           Id ignore_appointment) {
  auto agenda = agenda_frame(c, salon, from, to);
  // One range scan of the start index: a line overlapping [from, to) starts before `to` and, being at most
  // kLongestLine long, after from - kLongestLine. Without that lower bound the scan would run from the first
  // appointment ever booked, slower every year.
  c.each(std::string(kBusyColumns) +
             "WHERE start_at > ? AND start_at < ? AND end_at > ? AND active = 1 AND appointment_id <> ?",
         {to_epoch(from - kLongestLine), to_epoch(to), to_epoch(from), ignore_appointment},
         [&](const sql::Row& r) { add_busy(agenda, r, true, true); });
  finish(agenda);
  return agenda;
}

domain::Agenda load_agenda(sql::Connection& c, const AgendaSalon& salon, domain::Instant from, domain::Instant to,
                           const AgendaScope& scope) {
  auto agenda = agenda_frame(c, salon, from, to);
  std::vector<Id> staff, resources;
  for (const auto& s : agenda.staff) {
    if (scope.staff_id && s.staff_id != *scope.staff_id) continue;
    if (std::find(scope.staff_ids.begin(), scope.staff_ids.end(), s.staff_id) != scope.staff_ids.end() ||
        std::any_of(scope.service_ids.begin(), scope.service_ids.end(), [&](Id id) { return s.performs(id); }))
      staff.push_back(s.staff_id);
  }
  for (Id r : scope.resource_ids)
    if (agenda.find_resource(r) && std::find(resources.begin(), resources.end(), r) == resources.end()) resources.push_back(r);
  std::sort(resources.begin(), resources.end());
  const auto lo = to_epoch(from - kLongestLine), hi = to_epoch(to), after = to_epoch(from);
  // Range scans of the (staff_id, start_at) index for the staff in scope, and of (resource_id, start_at) for the
  // lines of other staff that hold a resource in scope: every row once.
  if (!staff.empty()) {
    std::vector<Value> params;
    std::string in = placeholders(staff, params);
    params.insert(params.end(), {lo, hi, after, scope.ignore_appointment});
    c.each(std::string(kBusyColumns) + "WHERE staff_id IN (" + in +
               ") AND start_at > ? AND start_at < ? AND end_at > ? AND active = 1 AND appointment_id <> ?",
           params, [&](const sql::Row& r) {
             bool resource_in_scope = !r.is_null(1) && std::binary_search(resources.begin(), resources.end(), r.integer(1));
             add_busy(agenda, r, true, resource_in_scope);
           });
  }
  if (!resources.empty()) {
    std::vector<Value> params;
    std::string in = placeholders(resources, params);
    params.insert(params.end(), {lo, hi, after, scope.ignore_appointment});
    std::string not_staff = staff.empty() ? "" : " AND staff_id NOT IN (" + placeholders(staff, params) + ")";
    c.each(std::string(kBusyColumns) + "WHERE resource_id IN (" + in +
               ") AND start_at > ? AND start_at < ? AND end_at > ? AND active = 1 AND appointment_id <> ?" + not_staff,
           params, [&](const sql::Row& r) { add_busy(agenda, r, false, true); });
  }
  finish(agenda);
  return agenda;
}

void set_confirm_token(sql::Connection& c, Id id, const std::string& token_hash) {
  c.query("UPDATE appointments SET confirm_token = ? WHERE id = ?", {token_hash, id});
}

std::optional<Id> find_by_confirm_token(sql::Connection& c, const std::string& token_hash) {
  auto rows = c.query("SELECT id FROM appointments WHERE confirm_token = ?", {token_hash});
  if (rows.empty()) return std::nullopt;
  return rows[0].integer(0);
}

}  // namespace creneau::store::appointments
