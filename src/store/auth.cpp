#include "store/auth.hpp"

namespace creneau::store::auth {

using domain::from_epoch;
using domain::to_epoch;
using sql::Value;

void insert_session(sql::Connection& c, const std::string& token_hash, const Session& s) {
  c.query("INSERT INTO sessions (token_hash, kind, subject_id, expires_at) VALUES (?, ?, ?, ?)",
          {token_hash, s.kind, s.subject_id, to_epoch(s.expires_at)});
}

std::optional<Session> find_session(sql::Connection& c, const std::string& token_hash) {
  auto rows = c.query("SELECT kind, subject_id, expires_at FROM sessions WHERE token_hash = ?", {token_hash});
  if (rows.empty()) return std::nullopt;
  return Session{rows[0].text(0), rows[0].integer(1), from_epoch(rows[0].integer(2))};
}

void delete_session(sql::Connection& c, const std::string& token_hash) {
  c.query("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
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

}  // namespace creneau::store::auth
