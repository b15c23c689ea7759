#include "store/waitlist.hpp"
#include "store/codes.hpp"

namespace creneau::store::waitlist {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

namespace {

constexpr const char* kSlotColumns =
    "SELECT id, staff_id, start_at, end_at, source_appointment_id, created_at, taken_by, salon_id FROM freed_slots";

FreedSlot slot_from_row(const sql::Row& r) {
  FreedSlot s;
  s.id = r.integer(0);
  s.staff_id = r.integer(1);
  s.span = {from_epoch(r.integer(2)), from_epoch(r.integer(3))};
  s.source_appointment_id = r.opt_integer(4);
  s.created_at = from_epoch(r.integer(5));
  s.taken_by = r.opt_integer(6);
  s.salon_id = r.integer(7);
  return s;
}

}  // namespace

Id insert_freed_slot(sql::Connection& c, Id staff_id, const domain::Interval& span, Id source_appointment_id,
                     domain::Instant now, Id salon_id) {
  return c
      .query("INSERT INTO freed_slots (staff_id, start_at, end_at, source_appointment_id, created_at, salon_id) "
             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
             {staff_id, to_epoch(span.start), to_epoch(span.end), source_appointment_id, to_epoch(now), salon_id})
      .at(0)
      .integer(0);
}

std::optional<FreedSlot> find_freed_slot(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kSlotColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return slot_from_row(rows[0]);
}

std::vector<FreedSlot> open_freed_slots(sql::Connection& c, domain::Instant after, int limit, int offset,
                                        std::int64_t* total, const std::optional<std::vector<Id>>& salon_ids) {
  std::string where = " WHERE taken_by IS NULL AND end_at > ?";
  std::vector<Value> params{to_epoch(after)};
  if (salon_ids) {
    where += " AND salon_id IN (-1";
    for (Id s : *salon_ids) {
      where += ", ?";
      params.emplace_back(s);
    }
    where += ")";
  }
  if (total) *total = c.query("SELECT COUNT(*) FROM freed_slots" + where, params).at(0).integer(0);
  std::vector<FreedSlot> out;
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  for (const auto& r : c.query(std::string(kSlotColumns) + where + " ORDER BY start_at, id LIMIT ? OFFSET ?", params))
    out.push_back(slot_from_row(r));
  return out;
}

void set_slot_taken(sql::Connection& c, Id slot_id, Id appointment_id) {
  c.query("UPDATE freed_slots SET taken_by = ? WHERE id = ?", {appointment_id, slot_id});
}

void insert_offer(sql::Connection& c, const Offer& o) {
  c.query("INSERT INTO waitlist_offers (token_hash, freed_slot_id, appointment_id, status, created_at) "
          "VALUES (?, ?, ?, ?, ?)",
          {o.token_hash, o.freed_slot_id, o.appointment_id, column_text(o.status), to_epoch(o.created_at)});
}

std::optional<Offer> find_offer(sql::Connection& c, const std::string& token_hash) {
  auto rows = c.query("SELECT token_hash, freed_slot_id, appointment_id, status, created_at, accepted_at "
                      "FROM waitlist_offers WHERE token_hash = ?",
                      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  Offer o;
  o.token_hash = r.text(0);
  o.freed_slot_id = r.integer(1);
  o.appointment_id = r.integer(2);
  o.status = column_value<domain::OfferState>(r.text(3), "waitlist_offers.status");
  o.created_at = from_epoch(r.integer(4));
  if (!r.is_null(5)) o.accepted_at = from_epoch(r.integer(5));
  return o;
}

std::vector<Id> notified(sql::Connection& c, Id slot_id) {
  std::vector<Id> out;
  for (const auto& r : c.query("SELECT appointment_id FROM waitlist_offers WHERE freed_slot_id = ? "
                               "ORDER BY created_at, appointment_id",
                               {slot_id}))
    out.push_back(r.integer(0));
  return out;
}

void accept_offer(sql::Connection& c, const std::string& token_hash, domain::Instant at) {
  c.query("UPDATE waitlist_offers SET status = 'accepted', accepted_at = ? WHERE token_hash = ?",
          {to_epoch(at), token_hash});
}

void void_other_offers(sql::Connection& c, Id slot_id, const std::string& except_token_hash) {
  c.query("UPDATE waitlist_offers SET status = 'void' WHERE freed_slot_id = ? AND token_hash <> ? AND status = 'open'",
          {slot_id, except_token_hash});
}

Waiting waiting(sql::Connection& c, domain::Instant after, Id salon_id) {
  Waiting w;
  const std::string filter =
      " WHERE a.notify_earlier_slot = 1 AND a.status IN ('approved', 'pending') AND a.is_group = 0 AND a.start_at > ?"
      " AND a.salon_id = " + std::to_string(salon_id);
  for (const auto& r : c.query("SELECT a.id, a.client_id, a.start_at, a.end_at, a.created_at, a.requested_staff "
                               "FROM appointments a" + filter + " ORDER BY a.created_at, a.id",
                               {to_epoch(after)})) {
    domain::WaitingVisit v;
    v.appointment_id = r.integer(0);
    v.client_id = r.integer(1);
    v.span = {from_epoch(r.integer(2)), from_epoch(r.integer(3))};
    v.created_at = from_epoch(r.integer(4));
    v.requested_staff = r.boolean(5);
    w.visits.push_back(v);
  }
  if (w.visits.empty()) return w;
  // Lines of those appointments in one query, ordered by the same key, so each visit's lines are contiguous.
  std::size_t next = 0;
  for (const auto& r : c.query("SELECT l.appointment_id, l.service_id, l.duration_minutes, l.staff_id "
                               "FROM appointment_lines l JOIN appointments a ON a.id = l.appointment_id" + filter +
                                   " ORDER BY a.created_at, a.id, l.position",
                               {to_epoch(after)})) {
    Id appointment = r.integer(0);
    while (next < w.visits.size() && w.visits[next].appointment_id != appointment) ++next;
    if (next == w.visits.size()) break;  // cannot happen within one transaction
    auto& v = w.visits[next];
    if (v.line_count == 0) v.first_line = static_cast<std::uint32_t>(w.lines.size());
    ++v.line_count;
    w.lines.push_back({r.integer(1), static_cast<int>(r.integer(2)), r.integer(3)});
  }
  return w;
}

}  // namespace creneau::store::waitlist
