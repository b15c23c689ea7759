#include "store/outbox.hpp"

namespace creneau::store::outbox {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

namespace {
constexpr const char* kColumns =
    "SELECT id, kind, channel, recipient, subject, body, status, attempts, appointment_id, client_id, created_at, "
    "sent_at, next_attempt_at, last_error, idempotency_key, attachment FROM outbox";

Message from_row(const sql::Row& r) {
  Message m;
  m.id = r.integer(0);
  m.kind = r.text(1);
  m.channel = r.text(2);
  m.to = r.text(3);
  m.subject = r.text(4);
  m.body = r.text(5);
  m.status = r.text(6);
  m.attempts = static_cast<int>(r.integer(7));
  m.appointment_id = r.opt_integer(8);
  m.client_id = r.opt_integer(9);
  m.created_at = from_epoch(r.integer(10));
  if (!r.is_null(11)) m.sent_at = from_epoch(r.integer(11));
  m.next_attempt_at = from_epoch(r.integer(12));
  m.last_error = r.text(13);
  m.idempotency_key = r.text(14);
  m.attachment = r.text(15);
  return m;
}
Value opt(const std::optional<Id>& v) { return v ? Value{*v} : Value{nullptr}; }
}  // namespace

Id enqueue(sql::Connection& c, Message& m) {
  if (m.idempotency_key.empty())
    m.idempotency_key = m.kind + "-" + std::to_string(to_epoch(m.created_at)) + "-" +
                        std::to_string(m.appointment_id.value_or(0)) + "-" + m.channel + "-" + m.to;
  m.id = c.query("INSERT INTO outbox (kind, channel, recipient, subject, body, status, attempts, next_attempt_at, "
                 "appointment_id, client_id, created_at, idempotency_key, attachment) "
                 "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {m.kind, m.channel, m.to, m.subject, m.body, to_epoch(m.created_at), opt(m.appointment_id),
                  opt(m.client_id), to_epoch(m.created_at), m.idempotency_key, m.attachment})
             .at(0)
             .integer(0);
  return m.id;
}

std::vector<Message> list(sql::Connection& c, const Filter& f, std::int64_t& total) {
  std::string w = " WHERE 1 = 1";
  std::vector<Value> p;
  if (f.kind) { w += " AND kind = ?"; p.emplace_back(*f.kind); }
  if (f.status) { w += " AND status = ?"; p.emplace_back(*f.status); }
  if (f.appointment_id) { w += " AND appointment_id = ?"; p.emplace_back(*f.appointment_id); }
  if (f.client_id) { w += " AND client_id = ?"; p.emplace_back(*f.client_id); }
  total = c.query("SELECT COUNT(*) FROM outbox" + w, p).at(0).integer(0);
  p.emplace_back(std::int64_t{f.limit});
  p.emplace_back(std::int64_t{f.offset});
  std::vector<Message> out;
  for (const auto& r : c.query(std::string(kColumns) + w + " ORDER BY id LIMIT ? OFFSET ?", p)) out.push_back(from_row(r));
  return out;
}

std::vector<Message> due(sql::Connection& c, domain::Instant now, int limit) {
  std::vector<Message> out;
  for (const auto& r : c.query(std::string(kColumns) + " WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                               {to_epoch(now), std::int64_t{limit}}))
    out.push_back(from_row(r));
  return out;
}

void mark_sent(sql::Connection& c, Id id, domain::Instant at) {
  c.query("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?", {to_epoch(at), id});
}

void mark_attempt_failed(sql::Connection& c, Id id, const std::string& error, domain::Instant next_attempt, bool give_up) {
  c.query("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ? WHERE id = ?",
          {error, to_epoch(next_attempt), std::string(give_up ? "failed" : "pending"), id});
}

}  // namespace creneau::store::outbox
