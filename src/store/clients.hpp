#pragma once
// Client files, their family links, and the search/sort keys kept beside them.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::clients {

using domain::Id;

// `pending_link`: a provisional file made from an online account's first booking (the link queue).
Id insert(sql::Connection& c, const domain::Client& client, domain::Instant now, bool pending_link = false);
void update(sql::Connection& c, const domain::Client& client);
void remove(sql::Connection& c, Id id);
std::optional<domain::Client> find(sql::Connection& c, Id id, domain::Instant now);

bool is_pending_link(sql::Connection& c, Id id);
void set_pending_link(sql::Connection& c, Id id, bool pending);

struct Query {
  std::string q;             // matched against "first last" and "last first", folded; or a phone number
  std::string country = "FR";  // how a phone number in `q` is read
  std::vector<Id> ids;       // only these files (the link queue's provisional ones included)
  bool descending = false;   // by last name, then first name
  int limit = 50, offset = 0;
};
// Files waiting in the link queue are left out (they are not the salon's files yet), unless asked for by id.
// Four digits or more, alone (spaces, dots, dashes allowed), also find the phone numbers that contain them,
// written nationally ("06 10" finds "+33610…") or not.
std::vector<domain::Client> search(sql::Connection& c, const Query& q, std::int64_t& total, domain::Instant now);

// Birthdays: files born on one of `month_days` ("MM-DD") not yet wished a happy birthday in `year`.
struct BirthdayPerson {
  Id id = 0;
  std::string first_name, email, phone;
};
std::vector<BirthdayPerson> birthdays_due(sql::Connection& c, const std::vector<std::string>& month_days, int year);
void set_last_birthday_year(sql::Connection& c, Id id, int year);

}  // namespace creneau::store::clients
