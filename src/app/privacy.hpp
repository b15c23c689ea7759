#pragma once
// Privacy (RGPD / GDPR): a person's data exported (access) or erased for good (erasure), files kept no longer
// than the network's retention, marketing consent and its unsubscribe links, and the audit log of who exported
// or changed which file.
//
// Erasure blanks the file's personal data and keeps the file's id, its appointments, lines, prices and
// packages, anonymous, for the salon's books. Future visits are cancelled without notices (their time is freed
// for the waitlist as any cancellation); portal accounts and their sessions are deleted; family links removed;
// the messages to the person and about their visits lose their recipient, subject and body (those not sent yet
// are marked failed). Erasing an erased file changes nothing.
#include "app/clients.hpp"
#include "app/context.hpp"
#include "store/auth.hpp"
#include "store/outbox.hpp"
#include "store/privacy.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::app::privacy {

using domain::Id;

// ---- access ---------------------------------------------------------------------------------------------
struct Export {
  domain::Instant at{};
  std::optional<clients::Detail> file;  // null for a portal account that has no file
  std::vector<store::auth::Account> accounts;
  std::vector<domain::Appointment> appointments;  // every status, oldest first
  std::vector<store::outbox::Message> messages;   // sent (or to send) to the person, oldest first
};
// Staff: everything held about one file; audited.
Export export_client(Context& ctx, Id client_id, const Principal& by);
// Portal: the account's own data and its file's; audited.
Export export_account(Context& ctx, const Principal& who);

// ---- erasure --------------------------------------------------------------------------------------------
// Staff (admin). not_found for an unknown file; an erased file is left as it is.
void erase(Context& ctx, Id client_id, const Principal& by);
// Portal: the client erases their account and file. The password is checked like a log-in (bad_credentials,
// throttled with the log-in failures of that identifier).
void delete_account(Context& ctx, const Principal& who, const std::string& password);
// Inside the caller's transaction. `why` starts the audit row's detail ("by=staff"); `online`: the client's own request (the waitlist
// treats its cancellations as a client's portal cancellation). False when the file was already erased.
bool erase_in(sql::Connection& c, Context& ctx, Id client_id, const domain::Actor& actor, const std::string& why,
              bool online);

// ---- retention ------------------------------------------------------------------------------------------
// Erases the files whose last appointment (or creation) is older than the network's retention_years as of
// `now`, except files with a visit to come or a package with sessions left and not expired. Returns how many.
int erase_expired(Context& ctx, domain::Instant now);

// ---- the network ----------------------------------------------------------------------------------------
struct Network {
  std::string name;  // the network's name; the salon's name until one is given
  int retention_years = 3;
};
Network network(Context& ctx);
struct NetworkPatch {
  std::optional<std::string> name;
  std::optional<int> retention_years;
};
// name 1–200 characters, retention_years 1–30 (validation_failed on the field otherwise).
Network update_network(Context& ctx, const NetworkPatch& patch);

// ---- consent ----------------------------------------------------------------------------------------------
// A new unsubscribe link for the client ({public_url}/book/unsubscribe/{token}), inside the caller's transaction.
std::string unsubscribe_link(sql::Connection& c, Context& ctx, Id client_id);
// The link's POST: sets marketing_opt_out; not_found for an unknown (or erased) token.
void unsubscribe(Context& ctx, const std::string& token);

// ---- audit ------------------------------------------------------------------------------------------------
struct AuditPage {
  std::int64_t total = 0;
  std::vector<store::privacy::AuditEntry> items;
};
AuditPage audit_log(Context& ctx, const store::privacy::AuditFilter& filter);

}  // namespace creneau::app::privacy
