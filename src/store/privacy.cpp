#include "store/privacy.hpp"

namespace creneau::store::privacy {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

void insert_audit(sql::Connection& c, const AuditEntry& e) {
  c.query("INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, client_id, detail) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {to_epoch(e.at), e.actor.type, e.actor.id, e.actor.name, e.action,
           e.client_id ? Value{*e.client_id} : Value{nullptr}, e.detail});
}

std::vector<AuditEntry> list_audit(sql::Connection& c, const AuditFilter& f, std::int64_t& total) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> p;
  if (f.client_id) {
    where += " AND client_id = ?";
    p.emplace_back(*f.client_id);
  }
  if (f.staff_id) {
    where += " AND actor_type = 'staff' AND actor_id = ?";
    p.emplace_back(*f.staff_id);
  }
  if (f.from) {
    where += " AND at >= ?";
    p.emplace_back(to_epoch(*f.from));
  }
  if (f.to) {
    where += " AND at < ?";
    p.emplace_back(to_epoch(*f.to));
  }
  total = c.query("SELECT COUNT(*) FROM audit_log" + where, p).at(0).integer(0);
  p.emplace_back(std::int64_t{f.limit});
  p.emplace_back(std::int64_t{f.offset});
  std::vector<AuditEntry> out;
  for (const auto& r : c.query("SELECT id, at, actor_type, actor_id, actor_name, action, client_id, detail FROM audit_log" +
                                   where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                               p))
    out.push_back({r.integer(0), from_epoch(r.integer(1)), {r.text(2), r.integer(3), r.text(4)}, r.text(5),
                   r.opt_integer(6), r.text(7)});
  return out;
}

void forget_audit_actor(sql::Connection& c, const std::string& actor_type, Id actor_id) {
  c.query("UPDATE audit_log SET actor_name = '' WHERE actor_type = ? AND actor_id = ?", {actor_type, actor_id});
}

Network load_network(sql::Connection& c) {
  auto rows = c.query("SELECT name, retention_years FROM network WHERE id = 1");
  Network n;
  if (!rows.empty()) {
    n.name = rows[0].text(0);
    n.retention_years = static_cast<int>(rows[0].integer(1));
  }
  return n;
}

void save_network(sql::Connection& c, const Network& n) {
  c.query("UPDATE network SET name = ?, retention_years = ? WHERE id = 1",
          {n.name, std::int64_t{n.retention_years}});
}

void blank_client(sql::Connection& c, Id client_id, domain::Instant now) {
  c.query("UPDATE clients SET first_name = '', last_name = '', email = '', phone = '', gender = '', birth_date = NULL, "
          "note = '', search_key = '', sort_key = '', marketing_opt_out = 1, erased_at = ? WHERE id = ?",
          {to_epoch(now), client_id});
  c.query("DELETE FROM client_members WHERE client_id = ? OR member_id = ?", {client_id, client_id});
  c.query("DELETE FROM unsubscribe_tokens WHERE client_id = ?", {client_id});
}

void blank_appointments(sql::Connection& c, Id client_id) {
  c.query("UPDATE appointment_lines SET answers = '{}' WHERE appointment_id IN "
          "(SELECT id FROM appointments WHERE client_id = ?)",
          {client_id});
  c.query("UPDATE appointments SET notes = '', client_request = '', quick_note = '', cancel_reason = '', "
          "confirm_token = NULL, account_id = NULL, "
          "created_by_name = CASE WHEN created_by_type = 'client' THEN '' ELSE created_by_name END, "
          "updated_by_name = CASE WHEN updated_by_type = 'client' THEN '' ELSE updated_by_name END "
          "WHERE client_id = ?",
          {client_id});
}

void blank_messages(sql::Connection& c, Id client_id, const std::vector<std::string>& identifiers) {
  constexpr const char* kBlank =
      "UPDATE outbox SET recipient = '', subject = '', body = '', attachment = '', "
      "last_error = CASE WHEN status = 'pending' THEN 'erased' ELSE '' END, "
      "status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END WHERE ";
  c.query(std::string(kBlank) +
              "client_id = ? OR appointment_id IN (SELECT id FROM appointments WHERE client_id = ?)",
          {client_id, client_id});
  for (const auto& to : identifiers)
    if (!to.empty()) c.query(std::string(kBlank) + "kind = 'password_reset' AND recipient = ?", {to});
}

void delete_account(sql::Connection& c, Id account_id) {
  c.query("DELETE FROM sessions WHERE kind = 'portal' AND subject_id = ?", {account_id});
  c.query("DELETE FROM password_resets WHERE account_id = ?", {account_id});
  c.query("UPDATE appointments SET account_id = NULL WHERE account_id = ?", {account_id});
  c.query("DELETE FROM accounts WHERE id = ?", {account_id});
}

std::vector<Id> accounts_of(sql::Connection& c, Id client_id) {
  std::vector<Id> out;
  for (const auto& r : c.query("SELECT id FROM accounts WHERE client_id = ? ORDER BY id", {client_id}))
    out.push_back(r.integer(0));
  return out;
}

std::vector<Id> expired_files(sql::Connection& c, domain::Instant cutoff, domain::Instant now) {
  std::vector<Id> out;
  for (const auto& r : c.query(
           "SELECT c.id FROM clients c WHERE c.erased_at IS NULL "
           "AND COALESCE((SELECT MAX(a.start_at) FROM appointments a WHERE a.client_id = c.id), c.created_at) < ? "
           "AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id AND a.status <> 'cancelled' "
           "AND a.start_at >= ?) ORDER BY c.id",
           {to_epoch(cutoff), to_epoch(now)}))
    out.push_back(r.integer(0));
  return out;
}

void insert_unsubscribe(sql::Connection& c, const std::string& token_hash, Id client_id, domain::Instant now) {
  c.query("INSERT INTO unsubscribe_tokens (token_hash, client_id, created_at) VALUES (?, ?, ?)",
          {token_hash, client_id, to_epoch(now)});
}

std::optional<Id> find_unsubscribe(sql::Connection& c, const std::string& token_hash) {
  auto rows = c.query("SELECT client_id FROM unsubscribe_tokens WHERE token_hash = ?", {token_hash});
  if (rows.empty()) return std::nullopt;
  return rows[0].integer(0);
}

void set_marketing_opt_out(sql::Connection& c, Id client_id, bool opt_out) {
  c.query("UPDATE clients SET marketing_opt_out = ? WHERE id = ?", {std::int64_t{opt_out ? 1 : 0}, client_id});
}

}  // namespace creneau::store::privacy
