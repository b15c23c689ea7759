#pragma once
// What a client file gathers beside its own row: family links, no-shows, the notes of its visits; and
// merging two files into one. (Its packages: store/packages.hpp.)
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::client_files {

using domain::Id;

// ---- family: `client_id` (the main file) → `member_id` (a relative's file) -------------------------------
struct Member {
  domain::Client client;
  std::string relation;
};
std::vector<Member> members(sql::Connection& c, Id client_id, domain::Instant now);
bool is_member(sql::Connection& c, Id client_id, Id member_id);
// Adds the link, or changes its relation when it exists.
void put_member(sql::Connection& c, Id client_id, Id member_id, const std::string& relation);
// False when there was no such link.
bool remove_member(sql::Connection& c, Id client_id, Id member_id);

// ---- history ------------------------------------------------------------------------------------------
std::int64_t no_shows(sql::Connection& c, Id client_id);
struct AppointmentNote {
  Id appointment_id = 0;
  domain::Instant start{};
  std::string notes;
};
// The non-empty `notes` of the client's appointments, newest first.
std::vector<AppointmentNote> appointment_notes(sql::Connection& c, Id client_id);

// ---- merging -----------------------------------------------------------------------------------------
// Moves everything of `from` to `into` (appointments, packages, family links without duplicates or
// self-links, accounts, outbox history), appends its note, and deletes `from`. With `fill_blanks`, empty
// fields of `into` (phone, gender, birth date) take the values of `from`. The caller owns the transaction.
void merge(sql::Connection& c, Id into, Id from, bool fill_blanks, domain::Instant now);

}  // namespace creneau::store::client_files
