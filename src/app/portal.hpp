#pragma once
// The client portal: accounts (register, log in by e-mail or mobile, password reset), the account's family,
// its online bookings, and the front desk's link queue for accounts that booked before any file was theirs.
//
// Link queue design: appointments need a client file, so the first online booking of an account that no file
// is linked to creates a provisional file from the account (clients.pending_link = 1) and links the account
// to it. The account waits in the queue while its file is provisional; the front desk either links it to an
// existing file (the provisional file is merged into that file and deleted) or keeps it as a new file (the
// flag is cleared). Afterwards the account's bookings go straight to its file.
#include "app/booking.hpp"
#include "app/clients.hpp"
#include "app/context.hpp"
#include "domain/model.hpp"
#include "domain/packages.hpp"
#include "store/auth.hpp"
#include "store/client_files.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::app::portal {

using domain::Id;

// ---- accounts -----------------------------------------------------------------------------------------
struct Registration {
  std::string first_name, last_name, email, phone, password;
};
struct Session {
  std::string token;
  store::auth::Account account;
  bool link_pending = false;  // the account's file waits in the link queue (read with the log-in's write)
};
// Email or phone (not both empty); the phone is stored in E.164, the e-mail in lower case.
Session register_account(Context& ctx, Registration r);
// `identifier`: the e-mail address or the mobile number, in any spelling. unknown_identifier when no account
// has it (the message says to try the other identifier), bad_credentials for a wrong password,
// too_many_attempts after 10 failures within a minute for that identifier.
Session login(Context& ctx, const std::string& identifier, const std::string& password);
void logout(Context& ctx, const std::string& authorization_header);
// Always quiet (no account enumeration): when the account exists, a password_reset message with a one-time
// link valid one hour goes to the outbox.
void forgot_password(Context& ctx, const std::string& identifier);
// Burns the token (and any other of the account) and logs the account out everywhere.
void reset_password(Context& ctx, const std::string& token, const std::string& password);

struct Me {
  store::auth::Account account;
  bool link_pending = false;             // its file is provisional: it waits in the link queue
  std::optional<domain::Client> client;  // null while the account has no file or waits in the link queue
  std::vector<store::client_files::Member> members;
  std::vector<domain::ClientPackage> packages;
};
Me me(Context& ctx, Id account_id);

// ---- online bookings ----------------------------------------------------------------------------------
// Books for the account's own file, or for `for_client_id`, a member of its family. The services' audience
// must fit that person (birth date, on the day of the visit); booking rules apply; the server picks the
// staff and resources left open. `r.client_id` is ignored.
domain::Appointment book(Context& ctx, const Principal& who, booking::BookRequest r, std::optional<Id> for_client_id);

struct AppointmentPage {
  std::int64_t total = 0;
  std::vector<domain::Appointment> items;
};
// The appointments of the account's file and of its family members, start in [from, to).
AppointmentPage appointments(Context& ctx, const Principal& who, std::optional<domain::Instant> from,
                             std::optional<domain::Instant> to, int limit, int offset);
// not_found unless the appointment belongs to the account's family.
domain::Appointment appointment(Context& ctx, const Principal& who, Id id);
// Always allowed for a visit that has not started (whatever cancel_notice_minutes says).
domain::Appointment cancel(Context& ctx, const Principal& who, Id id, const std::string& reason);
// Moves a non-group appointment (cannot_reschedule_group otherwise), within the booking rules.
domain::Appointment reschedule(Context& ctx, const Principal& who, Id id, domain::Instant start);
// The starts reschedule() accepts for that appointment in [from, to] (not_found unless it is the account's).
booking::Availability reschedule_availability(Context& ctx, const Principal& who, Id id, domain::LocalDate from,
                                              domain::LocalDate to);

// ---- the link queue (staff) ---------------------------------------------------------------------------
struct QueueItem {
  store::auth::Account account;
  Id client_id = 0;  // the provisional file
  std::vector<domain::Appointment> appointments;
};
std::vector<QueueItem> link_queue(Context& ctx, int limit, int offset, std::int64_t& total);

struct LinkResult {
  Id account_id = 0;
  clients::Detail client;
  std::vector<domain::Appointment> appointments;  // the account's bookings, now in that file
};
// The account's appointments move to `client_id` (the provisional file is merged into it and deleted).
// Both write an audit row naming `by` (link_account on the chosen file; create).
LinkResult link(Context& ctx, Id account_id, Id client_id, const Principal& by);
// Keeps the provisional file as a real one (or creates a file from the account when it has none).
LinkResult create_file(Context& ctx, Id account_id, const Principal& by);

}  // namespace creneau::app::portal
