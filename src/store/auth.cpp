#include "store/auth.hpp"
#include "store/codes.hpp"

namespace creneau::store::auth {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

void insert_session(sql::Connection& c, const std::string& token_hash, const Session& s) {
  c.query("INSERT INTO sessions (token_hash, kind, subject_id, expires_at) VALUES (?, ?, ?, ?)",
          {token_hash, column_text(s.kind), s.subject_id, to_epoch(s.expires_at)});
}

std::optional<SessionHolder> find_session_holder(sql::Connection& c, const std::string& token_hash) {
  // One row per salon of a staff member (one row for an admin, a staff member of no salon or an account).
  auto rows = c.query(
      "SELECT s.kind, s.subject_id, s.expires_at, st.id, st.first_name, st.last_name, st.role, st.active, ss.salon_id, "
      "a.id, a.first_name, a.last_name FROM sessions s "
      "LEFT JOIN staff st ON s.kind = 'staff' AND st.id = s.subject_id "
      "LEFT JOIN staff_salons ss ON ss.staff_id = st.id AND st.role <> 'admin' "
      "LEFT JOIN accounts a ON s.kind = 'portal' AND a.id = s.subject_id "
      "WHERE s.token_hash = ? ORDER BY ss.salon_id",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  auto kind = domain::parse<domain::PrincipalKind>(r.text(0));
  if (!kind) return std::nullopt;  // not a kind this build knows: no session
  SessionHolder h;
  h.session = {*kind, r.integer(1), from_epoch(r.integer(2))};
  if (*kind == domain::PrincipalKind::staff && !r.is_null(3)) {
    domain::Staff staff;
    staff.id = r.integer(3);
    staff.first_name = r.text(4);
    staff.last_name = r.text(5);
    staff.role = column_value<domain::Role>(r.text(6), "staff.role");
    staff.active = r.boolean(7);
    for (const auto& row : rows)
      if (!row.is_null(8)) staff.salon_ids.push_back(row.integer(8));
    h.staff = std::move(staff);
  } else if (*kind == domain::PrincipalKind::portal && !r.is_null(9)) {
    h.account_name = r.text(10) + " " + r.text(11);
  }
  return h;
}

void delete_session(sql::Connection& c, const std::string& token_hash) {
  c.query("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_sessions_of(sql::Connection& c, domain::PrincipalKind kind, Id subject_id) {
  c.query("DELETE FROM sessions WHERE kind = ? AND subject_id = ?", {column_text(kind), subject_id});
}

namespace {
constexpr const char* kColumns =
    "SELECT id, email, phone, password_hash, first_name, last_name, client_id, created_at FROM accounts";
Account from_row(const sql::Row& r) {
  Account a;
  a.id = r.integer(0);
  if (!r.is_null(1)) a.email = r.text(1);
  if (!r.is_null(2)) a.phone = r.text(2);
  a.password_hash = r.text(3);
  a.first_name = r.text(4);
  a.last_name = r.text(5);
  a.client_id = r.opt_integer(6);
  a.created_at = from_epoch(r.integer(7));
  return a;
}
std::optional<Account> first(const sql::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}
Value opt(const std::optional<std::string>& v) { return v ? Value{*v} : Value{nullptr}; }
}  // namespace

Id insert_account(sql::Connection& c, const Account& a) {
  return c
      .query("INSERT INTO accounts (email, phone, password_hash, first_name, last_name, client_id, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {opt(a.email), opt(a.phone), a.password_hash, a.first_name, a.last_name,
              a.client_id ? Value{*a.client_id} : Value{nullptr}, to_epoch(a.created_at)})
      .at(0)
      .integer(0);
}

std::optional<Account> find_account(sql::Connection& c, Id id) {
  return first(c.query(std::string(kColumns) + " WHERE id = ?", {id}));
}
std::optional<Account> find_account_by_email(sql::Connection& c, const std::string& email) {
  return first(c.query(std::string(kColumns) + " WHERE lower(email) = lower(?)", {email}));
}
std::optional<Account> find_account_by_phone(sql::Connection& c, const std::string& phone) {
  return first(c.query(std::string(kColumns) + " WHERE phone = ?", {phone}));
}
void set_account_client(sql::Connection& c, Id account_id, std::optional<Id> client_id) {
  c.query("UPDATE accounts SET client_id = ? WHERE id = ?", {client_id ? Value{*client_id} : Value{nullptr}, account_id});
}
void set_account_password(sql::Connection& c, Id account_id, const std::string& password_hash) {
  c.query("UPDATE accounts SET password_hash = ? WHERE id = ?", {password_hash, account_id});
}

std::vector<Account> accounts_pending_link(sql::Connection& c, int limit, int offset, std::int64_t& total) {
  constexpr const char* where = " WHERE client_id IN (SELECT id FROM clients WHERE pending_link = 1)";
  total = c.query(std::string("SELECT COUNT(*) FROM accounts") + where).at(0).integer(0);
  std::vector<Account> out;
  for (const auto& r : c.query(std::string(kColumns) + where + " ORDER BY created_at, id LIMIT ? OFFSET ?",
                               {std::int64_t{limit}, std::int64_t{offset}}))
    out.push_back(from_row(r));
  return out;
}

void insert_password_reset(sql::Connection& c, const std::string& token_hash, Id account_id,
                           domain::Instant expires_at) {
  c.query("INSERT INTO password_resets (token_hash, account_id, expires_at, used) VALUES (?, ?, ?, 0)",
          {token_hash, account_id, to_epoch(expires_at)});
}

std::optional<Id> find_password_reset(sql::Connection& c, const std::string& token_hash, domain::Instant now) {
  auto rows = c.query("SELECT account_id FROM password_resets WHERE token_hash = ? AND used = 0 AND expires_at > ?",
                      {token_hash, to_epoch(now)});
  if (rows.empty()) return std::nullopt;
  return rows[0].integer(0);
}

std::int64_t live_password_resets(sql::Connection& c, Id account_id, domain::Instant now) {
  return c.query("SELECT COUNT(*) FROM password_resets WHERE account_id = ? AND used = 0 AND expires_at > ?",
                 {account_id, to_epoch(now)})
      .at(0)
      .integer(0);
}

void use_password_resets(sql::Connection& c, Id account_id) {
  c.query("UPDATE password_resets SET used = 1 WHERE account_id = ?", {account_id});
}

}  // namespace creneau::store::auth
