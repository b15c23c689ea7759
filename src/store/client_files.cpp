#include "store/client_files.hpp"

#include "store/clients.hpp"

#include <algorithm>

namespace creneau::store::client_files {

using domain::from_epoch;

std::vector<Member> members(sql::Connection& c, Id client_id, domain::Instant now) {
  std::vector<Member> out;
  for (const auto& r :
       c.query("SELECT member_id, relation FROM client_members WHERE client_id = ? ORDER BY member_id", {client_id}))
    if (auto m = clients::find(c, r.integer(0), now)) out.push_back({std::move(*m), r.text(1)});
  return out;
}

bool is_member(sql::Connection& c, Id client_id, Id member_id) {
  return !c.query("SELECT 1 FROM client_members WHERE client_id = ? AND member_id = ?", {client_id, member_id}).empty();
}

void put_member(sql::Connection& c, Id client_id, Id member_id, const std::string& relation) {
  if (is_member(c, client_id, member_id))
    c.query("UPDATE client_members SET relation = ? WHERE client_id = ? AND member_id = ?",
            {relation, client_id, member_id});
  else
    c.query("INSERT INTO client_members (client_id, member_id, relation) VALUES (?, ?, ?)",
            {client_id, member_id, relation});
}

bool remove_member(sql::Connection& c, Id client_id, Id member_id) {
  if (!is_member(c, client_id, member_id)) return false;
  c.query("DELETE FROM client_members WHERE client_id = ? AND member_id = ?", {client_id, member_id});
  return true;
}

std::int64_t no_shows(sql::Connection& c, Id client_id) {
  return c.query("SELECT COUNT(*) FROM appointments WHERE client_id = ? AND no_show = 1", {client_id}).at(0).integer(0);
}

std::vector<AppointmentNote> appointment_notes(sql::Connection& c, Id client_id) {
  std::vector<AppointmentNote> out;
  for (const auto& r : c.query("SELECT id, start_at, notes FROM appointments WHERE client_id = ? AND notes <> '' "
                               "ORDER BY start_at DESC, id DESC",
                               {client_id}))
    out.push_back({r.integer(0), from_epoch(r.integer(1)), r.text(2)});
  return out;
}

void merge(sql::Connection& c, Id into, Id from, bool fill_blanks, domain::Instant now) {
  auto survivor = clients::find(c, into, now);
  auto gone = clients::find(c, from, now);
  if (!survivor || !gone || into == from) return;

  c.query("UPDATE appointments SET client_id = ? WHERE client_id = ?", {into, from});
  c.query("UPDATE client_packages SET client_id = ? WHERE client_id = ?", {into, from});
  c.query("UPDATE accounts SET client_id = ? WHERE client_id = ?", {into, from});
  c.query("UPDATE outbox SET client_id = ? WHERE client_id = ?", {into, from});

  // Family links of `from` become links of `into`, except links to `into` itself and links it already has.
  for (const auto& r : c.query("SELECT member_id, relation FROM client_members WHERE client_id = ?", {from})) {
    auto member = r.integer(0);
    if (member != into && member != from && !is_member(c, into, member)) put_member(c, into, member, r.text(1));
  }
  for (const auto& r : c.query("SELECT client_id, relation FROM client_members WHERE member_id = ?", {from})) {
    auto owner = r.integer(0);
    if (owner != into && owner != from && !is_member(c, owner, into)) put_member(c, owner, into, r.text(1));
  }

  auto merged = *survivor;
  if (!gone->note.empty() && gone->note != merged.note)
    merged.note = merged.note.empty() ? gone->note : merged.note + "\n" + gone->note;
  // A refusal of marketing given under either file stands.
  merged.marketing_opt_out = merged.marketing_opt_out || gone->marketing_opt_out;
  if (fill_blanks) {
    if (merged.phone.empty()) merged.phone = gone->phone;
    if (merged.email.empty()) merged.email = gone->email;
    if (merged.gender.empty()) merged.gender = gone->gender;
    if (!merged.birth_date) merged.birth_date = gone->birth_date;
  }
  clients::update(c, merged);
  // A birthday already wished under either file is not wished again this year.
  c.query(
      "UPDATE clients SET last_birthday_year = (SELECT MAX(last_birthday_year) FROM clients WHERE id IN (?, ?)) "
      "WHERE id = ?",
      {into, from, into});
  clients::remove(c, from);
}

}  // namespace creneau::store::client_files
