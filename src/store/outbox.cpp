#include "store/outbox.hpp"
#include "store/codes.hpp"

#include <algorithm>

#include <random>

namespace creneau::store::outbox {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

namespace {
constexpr const char* kColumns =
    "SELECT id, kind, channel, recipient, subject, body, status, attempts, appointment_id, client_id, created_at, "
    "sent_at, next_attempt_at, last_error, idempotency_key, attachment, lease_until, salon_id FROM outbox";

Message from_row(const sql::Row& r) {
  Message m;
  m.id = r.integer(0);
  m.kind = r.text(1);
  m.channel = r.text(2);
  m.to = r.text(3);
  m.subject = r.text(4);
  m.body = r.text(5);
  m.status = column_value<domain::MessageStatus>(r.text(6), "outbox.status");
  m.attempts = static_cast<int>(r.integer(7));
  m.appointment_id = r.opt_integer(8);
  m.client_id = r.opt_integer(9);
  m.created_at = from_epoch(r.integer(10));
  if (!r.is_null(11)) m.sent_at = from_epoch(r.integer(11));
  m.next_attempt_at = from_epoch(r.integer(12));
  m.last_error = r.text(13);
  m.idempotency_key = r.text(14);
  m.attachment = r.text(15);
  m.lease_until = from_epoch(r.integer(16));
  m.salon_id = r.opt_integer(17);
  return m;
}
Value opt(const std::optional<Id>& v) { return v ? Value{*v} : Value{nullptr}; }

// 128 random bits, hex: unique across processes and restarts without a round trip to the database.
std::string random_hex() {
  thread_local std::mt19937_64 gen{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 2; ++i) {
    auto v = gen();
    for (int k = 0; k < 16; ++k, v >>= 4) out.push_back(digits[v & 15]);
  }
  return out;
}

std::string due_where(const std::vector<std::string>& channels, std::vector<Value>& p, domain::Instant due_at,
                      domain::Instant wall_now) {
  std::string w = " WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?";
  p.emplace_back(to_epoch(due_at));
  p.emplace_back(to_epoch(wall_now));
  if (!channels.empty()) {
    w += " AND channel IN (";
    for (std::size_t i = 0; i < channels.size(); ++i) {
      w += i ? ", ?" : "?";
      p.emplace_back(channels[i]);
    }
    w += ")";
  }
  return w;
}
}  // namespace

Id enqueue(sql::Connection& c, Message& m) {
  if (m.idempotency_key.empty()) m.idempotency_key = m.kind + "." + random_hex();
  auto row = c.query("INSERT INTO outbox (kind, channel, recipient, subject, body, status, attempts, next_attempt_at, "
                     "appointment_id, client_id, created_at, idempotency_key, attachment, salon_id) "
                     "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, "
                     "COALESCE(?, (SELECT salon_id FROM appointments WHERE id = ?))) RETURNING id, salon_id",
                     {m.kind, m.channel, m.to, m.subject, m.body, to_epoch(m.created_at), opt(m.appointment_id),
                      opt(m.client_id), to_epoch(m.created_at), m.idempotency_key, m.attachment, opt(m.salon_id),
                      opt(m.appointment_id)});
  m.id = row.at(0).integer(0);
  // A message about an appointment belongs to the appointment's salon (filled in by the INSERT itself).
  m.salon_id = row.at(0).opt_integer(1);
  return m.id;
}

std::vector<Message> list(sql::Connection& c, const Filter& f, std::int64_t& total) {
  std::string w = " WHERE 1 = 1";
  std::vector<Value> p;
  if (f.kind) { w += " AND kind = ?"; p.emplace_back(*f.kind); }
  if (f.status) { w += " AND status = ?"; p.emplace_back(column_text(*f.status)); }
  if (f.appointment_id) { w += " AND appointment_id = ?"; p.emplace_back(*f.appointment_id); }
  if (f.client_id) { w += " AND client_id = ?"; p.emplace_back(*f.client_id); }
  if (f.salon_id) { w += " AND salon_id = ?"; p.emplace_back(*f.salon_id); }
  if (f.salon_ids) {
    w += std::string(" AND (") + (f.network_wide_too ? "salon_id IS NULL OR " : "") + "salon_id IN (-1";
    for (Id s : *f.salon_ids) {
      w += ", ?";
      p.emplace_back(s);
    }
    w += "))";
  }
  total = c.query("SELECT COUNT(*) FROM outbox" + w, p).at(0).integer(0);
  p.emplace_back(std::int64_t{f.limit});
  p.emplace_back(std::int64_t{f.offset});
  std::vector<Message> out;
  for (const auto& r : c.query(std::string(kColumns) + w + " ORDER BY id LIMIT ? OFFSET ?", p)) out.push_back(from_row(r));
  return out;
}

std::vector<Message> due(sql::Connection& c, domain::Instant due_at, domain::Instant wall_now, int limit,
                         const std::vector<std::string>& channels) {
  std::vector<Value> p;
  auto w = due_where(channels, p, due_at, wall_now);
  p.emplace_back(std::int64_t{limit});
  std::vector<Message> out;
  for (const auto& r : c.query(std::string(kColumns) + w + " ORDER BY id LIMIT ?", p)) out.push_back(from_row(r));
  return out;
}

std::vector<Message> claim(sql::Connection& c, domain::Instant due_at, domain::Instant wall_now,
                           domain::Instant lease_until, int limit, const std::vector<std::string>& channels) {
  std::vector<Message> out;
  for (auto& m : due(c, due_at, wall_now, limit, channels)) {
    // Conditional, so that even without the writers' lock two dispatchers cannot both take one message.
    auto rows = c.query("UPDATE outbox SET lease_until = ? WHERE id = ? AND status = 'pending' AND lease_until <= ? "
                        "RETURNING id",
                        {to_epoch(lease_until), m.id, to_epoch(wall_now)});
    if (rows.empty()) continue;
    m.lease_until = lease_until;
    out.push_back(std::move(m));
  }
  return out;
}

void mark_sent(sql::Connection& c, Id id, domain::Instant at, const std::string& body_at_rest) {
  c.query("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, lease_until = 0, last_error = '', "
          "body = ? WHERE id = ? AND status = 'pending'",
          {to_epoch(at), body_at_rest, id});
}

void mark_attempt_failed(sql::Connection& c, Id id, const std::string& error, domain::Instant next_attempt,
                         bool give_up) {
  c.query("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?, lease_until = 0 "
          "WHERE id = ? AND status = 'pending'",
          {error, to_epoch(next_attempt), column_text(give_up ? domain::MessageStatus::failed : domain::MessageStatus::pending), id});
}

std::optional<Message> find(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

void requeue(sql::Connection& c, Id id, domain::Instant now) {
  c.query("UPDATE outbox SET status = 'pending', attempts = 0, last_error = '', next_attempt_at = ?, lease_until = 0 "
          "WHERE id = ?",
          {to_epoch(now), id});
}

std::vector<Id> due_reminders(sql::Connection& c, domain::Instant now, domain::Instant until, int limit, Id salon_id) {
  std::vector<Id> out;
  for (const auto& r : c.query("SELECT id FROM appointments WHERE status IN ('approved', 'pending') AND start_at > ? "
                               "AND start_at <= ? AND reminder_for <> start_at AND salon_id = ? "
                               "ORDER BY start_at, id LIMIT ?",
                               {to_epoch(now), to_epoch(until), salon_id, std::int64_t{limit}}))
    out.push_back(r.integer(0));
  return out;
}

void mark_reminded(sql::Connection& c, Id id, domain::Instant start) {
  c.query("UPDATE appointments SET reminder_for = ? WHERE id = ?", {to_epoch(start), id});
}

std::vector<std::pair<std::string, std::int64_t>> count_by_status(sql::Connection& c) {
  std::vector<std::pair<std::string, std::int64_t>> out{{"pending", 0}, {"sent", 0}, {"failed", 0}};
  for (const auto& row : c.query("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
    auto status = row.text(0);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == status; });
    if (it == out.end()) out.emplace_back(status, row.integer(1));
    else it->second = row.integer(1);
  }
  return out;
}

}  // namespace creneau::store::outbox
