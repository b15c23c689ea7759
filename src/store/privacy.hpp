#pragma once
// Privacy records: the audit log, the network row (retention), unsubscribe tokens, and the SQL that blanks a
// client's personal data for good. The caller owns the transaction.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::privacy {

using domain::Id;

// ---- audit log ------------------------------------------------------------------------------------------
struct AuditEntry {
  Id id = 0;
  domain::Instant at{};
  domain::Actor actor;
  std::string action;
  std::optional<Id> client_id;
  std::string detail;  // never personal data: ids, counts, field names
};
void insert_audit(sql::Connection& c, const AuditEntry& e);

struct AuditFilter {
  std::optional<Id> client_id, staff_id;
  std::optional<domain::Instant> from, to;  // at in [from, to)
  int limit = 50, offset = 0;
};
// Newest first.
std::vector<AuditEntry> list_audit(sql::Connection& c, const AuditFilter& f, std::int64_t& total);
// An erased person's own actions stay in the log with their id only.
void forget_audit_actor(sql::Connection& c, const std::string& actor_type, Id actor_id);

// ---- the network row --------------------------------------------------------------------------------------
struct Network {
  std::string name;
  int retention_years = 3;
};
Network load_network(sql::Connection& c);
void save_network(sql::Connection& c, const Network& n);

// ---- erasure ------------------------------------------------------------------------------------------------
// Blanks the file's personal data (names, e-mail, phone, gender, birth date, note, search keys), marks it
// erased and opted out, and drops its family links and unsubscribe tokens.
void blank_client(sql::Connection& c, Id client_id, domain::Instant now);
// The free texts of the client's visits (notes, requests, quick notes, cancel reasons, answers, the client's
// name as author) and the confirmation links.
void blank_appointments(sql::Connection& c, Id client_id);
// Subjects, bodies, recipients and attachments of the messages to the client, about the client's visits, or
// (password resets) to `identifiers`; those not sent yet will never be (failed).
void blank_messages(sql::Connection& c, Id client_id, const std::vector<std::string>& identifiers);
// Deletes a portal account with its sessions and reset links.
void delete_account(sql::Connection& c, Id account_id);
// The ids of the accounts linked to the file.
std::vector<Id> accounts_of(sql::Connection& c, Id client_id);

// Retention: files not erased whose latest appointment start (any status), or creation when they have none,
// is before `cutoff`, and which have no appointment that is not cancelled starting at or after `now`.
std::vector<Id> expired_files(sql::Connection& c, domain::Instant cutoff, domain::Instant now);

// ---- unsubscribe links ------------------------------------------------------------------------------------
void insert_unsubscribe(sql::Connection& c, const std::string& token_hash, Id client_id, domain::Instant now);
std::optional<Id> find_unsubscribe(sql::Connection& c, const std::string& token_hash);
void set_marketing_opt_out(sql::Connection& c, Id client_id, bool opt_out);

}  // namespace creneau::store::privacy
