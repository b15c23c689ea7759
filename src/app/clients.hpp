#pragma once
// Client files as the front desk keeps them: the file, its family, its history, exports, merges, birthdays.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "domain/packages.hpp"
#include "store/client_files.hpp"
#include "store/clients.hpp"

#include <string>
#include <vector>

namespace creneau::app::clients {

using domain::Id;

// Every change to a file below writes an audit row (app/audit.hpp) in its transaction, naming `by`.
domain::Client create(Context& ctx, domain::Client client, const Principal& by);
domain::Client get(Context& ctx, Id id);
// Deleting a client cancels their future appointments (with the usual cancellation notice, no reason given:
// the deletion is the salon's business) and deletes the file. Returns how many appointments were cancelled.
int remove(Context& ctx, Id id, const Principal& by);
// `action`: what the audit row calls it (delete, bulk_delete).
int remove_in(sql::Connection& c, Context& ctx, Id id, const Principal& by, const std::string& action = "delete");
struct Removal {
  int deleted = 0;    // client files
  int cancelled = 0;  // their future appointments, cancelled with notices
};
// All or nothing, in one transaction: an unknown id deletes none (not_found). `dry_run`: the same checks and
// counts in a read transaction, nothing written.
Removal remove_many(Context& ctx, const std::vector<Id>& ids, const Principal& by, bool dry_run = false);

struct Page {
  std::int64_t total = 0;
  std::vector<domain::Client> items;
};
Page search(Context& ctx, store::clients::Query q);

// The file as GET /api/clients/{id} shows it.
struct Detail {
  domain::Client client;
  bool pending_link = false;  // a provisional file waiting in the link queue
  std::vector<store::client_files::Member> members;
  std::vector<domain::ClientPackage> packages;
  std::int64_t no_shows = 0;
  std::vector<store::client_files::AppointmentNote> appointment_notes;
};
Detail detail(Context& ctx, Id id);
Detail detail_in(sql::Connection& c, Context& ctx, Id id);
// Saves the file and answers it as detail() does, read in the same transaction.
// An erased file cannot be changed (validation_failed). Every change writes an audit row naming `by`.
Detail update(Context& ctx, const domain::Client& client, const Principal& by);

// Family: `member_id` (a relative's file) is linked to `id` (the main file).
std::vector<store::client_files::Member> members(Context& ctx, Id id);
store::client_files::Member add_member(Context& ctx, Id id, Id member_id, const std::string& relation,
                                       const Principal& by);
void remove_member(Context& ctx, Id id, Id member_id, const Principal& by);

// `into` takes over everything of `from` (see store::client_files::merge), which is deleted. One transaction.
Detail merge(Context& ctx, Id into, Id from, const Principal& by);

// The client list as CSV (RFC 4180, UTF-8, header row): `columns` among export_columns(), in that order.
// Throws validation_failed on an unknown column.
const std::vector<std::string>& export_columns();
std::string export_csv(Context& ctx, const store::clients::Query& q, const std::vector<std::string>& columns,
                       char delimiter, const Principal& by);

// Birthday messages of the salon-local day of `now` (29 February is wished on 28 February in other years),
// once a year per client, when settings.birthday_messages is on. Returns the number of messages enqueued.
int enqueue_birthdays(Context& ctx, domain::Instant now);
// The "MM-DD" of the birth dates whose birthday falls on `day`.
std::vector<std::string> birthday_month_days(domain::LocalDate day);

// Checks and normalises a client file in place (required names, e-mail shape, phone in E.164). The e-mail
// address may stay empty only in a file that never had one (made from a phone-only portal account).
void normalize(domain::Client& c, const std::string& country, bool email_required = true);

}  // namespace creneau::app::clients
