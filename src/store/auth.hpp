#pragma once
// Staff and portal sessions (bearer tokens, stored as hashes) and client portal accounts.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::auth {

using domain::Id;

struct Session {
  domain::PrincipalKind kind = domain::PrincipalKind::portal;
  Id subject_id = 0;
  domain::Instant expires_at{};
};
void insert_session(sql::Connection& c, const std::string& token_hash, const Session& s);
void delete_session(sql::Connection& c, const std::string& token_hash);

// Who holds a session, read with it in one statement (at every request).
struct SessionHolder {
  Session session;
  // A staff session's member if still there: names, role, active, and the salons they work at (none listed for an
  // admin); no hours or skills.
  std::optional<domain::Staff> staff;
  std::optional<std::string> account_name;  // a portal session's account if still there: "First Last"
};
std::optional<SessionHolder> find_session_holder(sql::Connection& c, const std::string& token_hash);
// Every session of one subject (e.g. after a password reset).
void delete_sessions_of(sql::Connection& c, domain::PrincipalKind kind, Id subject_id);

struct Account {
  Id id = 0;
  std::optional<std::string> email, phone;
  std::string password_hash, first_name, last_name;
  std::optional<Id> client_id;
  domain::Instant created_at{};
  std::string identifier() const { return email ? *email : phone.value_or(""); }
};
Id insert_account(sql::Connection& c, const Account& a);
std::optional<Account> find_account(sql::Connection& c, Id id);
std::optional<Account> find_account_by_email(sql::Connection& c, const std::string& email);
std::optional<Account> find_account_by_phone(sql::Connection& c, const std::string& phone);
void set_account_client(sql::Connection& c, Id account_id, std::optional<Id> client_id);
void set_account_password(sql::Connection& c, Id account_id, const std::string& password_hash);

// The link queue: accounts whose client file is a provisional one (clients.pending_link = 1), oldest first.
std::vector<Account> accounts_pending_link(sql::Connection& c, int limit, int offset, std::int64_t& total);

// One-time password reset tokens, kept as hashes.
void insert_password_reset(sql::Connection& c, const std::string& token_hash, Id account_id,
                           domain::Instant expires_at);
// The account of an unused, unexpired token.
std::optional<Id> find_password_reset(sql::Connection& c, const std::string& token_hash, domain::Instant now);
// How many unused, unexpired tokens the account has.
std::int64_t live_password_resets(sql::Connection& c, Id account_id, domain::Instant now);
// Burns every token of the account (the one used and any older one).
void use_password_resets(sql::Connection& c, Id account_id);

}  // namespace creneau::store::auth
