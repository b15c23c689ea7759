#include "app/clients.hpp"

#include "app/audit.hpp"
#include "app/booking.hpp"
#include "app/notify.hpp"
#include "app/privacy.hpp"
#include "domain/csv.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/text.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/packages.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace creneau::app::clients {

using domain::validation;

void normalize(domain::Client& c, const std::string& country, bool email_required) {
  if (c.first_name.empty()) throw validation("first_name", "the first name is required");
  if (c.last_name.empty()) throw validation("last_name", "the last name is required");
  if (c.email.empty() && email_required) throw validation("email", "the e-mail address is required");
  if (!c.email.empty() && !domain::plausible_email(c.email))
    throw validation("email", "this is not a valid e-mail address");
  if (!c.phone.empty()) {
    auto phone = domain::normalize_phone(c.phone, country);
    if (!phone) throw validation("phone", "this is not a phone number");
    c.phone = *phone;
  }
  if (!c.gender.empty() && c.gender != "female" && c.gender != "male" && c.gender != "other")
    throw validation("gender", "gender is female, male or other");
}

domain::Client create(Context& ctx, domain::Client client, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    normalize(client, store::catalogue::load_settings(c).country);
    client.id = store::clients::insert(c, client, ctx.now());
    audit::record(c, ctx, by.actor(), "create", client.id);
    return *store::clients::find(c, client.id, ctx.now());
  });
}

namespace {
// "fields=phone,note": the names of the fields that differ, what the audit row says of a change (never values).
std::string changed_fields(const domain::Client& a, const domain::Client& b) {
  std::string out;
  auto add = [&out](bool differ, const char* name) {
    if (differ) out += (out.empty() ? "" : ",") + std::string(name);
  };
  add(a.first_name != b.first_name, "first_name");
  add(a.last_name != b.last_name, "last_name");
  add(a.email != b.email, "email");
  add(a.phone != b.phone, "phone");
  add(a.gender != b.gender, "gender");
  add(a.birth_date != b.birth_date, "birth_date");
  add(a.note != b.note, "note");
  add(a.marketing_opt_out != b.marketing_opt_out, "marketing_opt_out");
  return "fields=" + out;
}
}  // namespace

Detail update(Context& ctx, const domain::Client& client, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    auto before = store::clients::find(c, client.id, ctx.now());
    if (!before) throw domain::not_found("client");
    if (before->erased) throw validation("id", "this file was erased (RGPD): it can no longer be changed");
    auto copy = client;
    normalize(copy, store::catalogue::load_settings(c).country, !before->email.empty());
    store::clients::update(c, copy);
    auto after = *store::clients::find(c, copy.id, ctx.now());
    audit::record(c, ctx, by.actor(), "update", copy.id, changed_fields(*before, after));
    return detail_in(c, ctx, copy.id);
  });
}

domain::Client get(Context& ctx, Id id) {
  auto c = ctx.db.read([&](sql::Connection& conn) { return store::clients::find(conn, id, ctx.now()); });
  if (!c) throw domain::not_found("client");
  return *c;
}

namespace {
// The client's appointments that start from `now` on and are not cancelled: what deleting the file cancels.
std::vector<domain::Appointment> future_visits(sql::Connection& c, Id client_id, domain::Instant now) {
  store::appointments::Filter f;
  f.client_id = client_id;
  f.from = now;
  f.limit = 100000;
  auto all = store::appointments::list(c, f);
  std::erase_if(all, [](const auto& a) { return a.cancelled(); });
  return all;
}
}  // namespace

int remove_in(sql::Connection& c, Context& ctx, Id id, const Principal& by, const std::string& action) {
  if (!store::clients::find(c, id, ctx.now())) throw domain::Error(domain::ErrorCode::not_found, "client {} not found", {}, {std::to_string(id)});
  audit::record(c, ctx, by.actor(), action, id);
  // Future visits are cancelled first, each with its notices, so nobody waits for a visit that no longer exists.
  // No reason in the notice: why the salon deleted a file is not the client's message.
  booking::Origin origin{by.actor(), false, std::nullopt};
  auto future = future_visits(c, id, ctx.now());
  for (const auto& a : future) booking::cancel_in(c, ctx, a.id, "", origin);
  // Then every visit goes with the file: the agenda keeps no appointment without a client.
  for (const auto& r : c.query("SELECT id FROM appointments WHERE client_id = ?", {id}))
    store::appointments::remove(c, r.integer(0));
  c.query("UPDATE accounts SET client_id = NULL WHERE client_id = ?", {id});
  store::clients::remove(c, id);
  return static_cast<int>(future.size());
}

int remove(Context& ctx, Id id, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) { return remove_in(c, ctx, id, by); });
}

Removal remove_many(Context& ctx, const std::vector<Id>& ids, const Principal& by, bool dry_run) {
  std::vector<Id> unique;
  for (auto id : ids)
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  if (dry_run)
    return ctx.db.read([&](sql::Connection& c) {
      Removal r;
      for (auto id : unique) {
        if (!store::clients::find(c, id, ctx.now())) throw domain::Error(domain::ErrorCode::not_found, "client {} not found", {}, {std::to_string(id)});
        r.cancelled += static_cast<int>(future_visits(c, id, ctx.now()).size());
      }
      r.deleted = static_cast<int>(unique.size());
      return r;
    });
  return ctx.db.write([&](sql::Connection& c) {
    Removal r;
    for (auto id : unique) r.cancelled += remove_in(c, ctx, id, by, "bulk_delete");
    r.deleted = static_cast<int>(unique.size());
    return r;
  });
}

Page search(Context& ctx, store::clients::Query q) {
  Page p;
  p.items = ctx.reads().read([&](sql::Connection& c) {
    q.country = store::catalogue::load_settings(c).country;
    return store::clients::search(c, q, p.total, ctx.now());
  });
  return p;
}

Detail detail_in(sql::Connection& c, Context& ctx, Id id) {
  auto client = store::clients::find(c, id, ctx.now());
  if (!client) throw domain::not_found("client");
  Detail d;
  d.client = std::move(*client);
  d.pending_link = store::clients::is_pending_link(c, id);
  d.members = store::client_files::members(c, id, ctx.now());
  d.packages = store::packages::list_for_client(c, id);
  d.no_shows = store::client_files::no_shows(c, id);
  d.appointment_notes = store::client_files::appointment_notes(c, id);
  return d;
}

Detail detail(Context& ctx, Id id) {
  return ctx.db.read([&](sql::Connection& c) { return detail_in(c, ctx, id); });
}

std::vector<store::client_files::Member> members(Context& ctx, Id id) {
  return ctx.db.read([&](sql::Connection& c) {
    if (!store::clients::find(c, id, ctx.now())) throw domain::not_found("client");
    return store::client_files::members(c, id, ctx.now());
  });
}

store::client_files::Member add_member(Context& ctx, Id id, Id member_id, const std::string& relation,
                                       const Principal& by) {
  if (relation.size() > 100) throw validation("relation", "the relation is at most 100 characters");
  return ctx.db.write([&](sql::Connection& c) {
    auto owner = store::clients::find(c, id, ctx.now());
    if (!owner) throw domain::not_found("client");
    if (owner->erased) throw validation("id", "this file was erased (RGPD): it can no longer be changed");
    if (member_id == id) throw validation("member_id", "a client cannot be their own family member");
    auto member = store::clients::find(c, member_id, ctx.now());
    if (!member) throw validation("member_id", "no such client");
    if (member->erased) throw validation("member_id", "this file was erased (RGPD): it cannot be linked");
    store::client_files::put_member(c, id, member_id, relation);
    audit::record(c, ctx, by.actor(), "member_add", id, "member_id=" + std::to_string(member_id));
    return store::client_files::Member{*member, relation};
  });
}

void remove_member(Context& ctx, Id id, Id member_id, const Principal& by) {
  ctx.db.write([&](sql::Connection& c) {
    if (!store::clients::find(c, id, ctx.now())) throw domain::not_found("client");
    if (!store::client_files::remove_member(c, id, member_id)) throw domain::not_found("family member");
    audit::record(c, ctx, by.actor(), "member_remove", id, "member_id=" + std::to_string(member_id));
  });
}

Detail merge(Context& ctx, Id into, Id from, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    auto survivor = store::clients::find(c, into, ctx.now());
    if (!survivor) throw domain::not_found("client");
    if (from == into) throw validation("from_id", "a file cannot be merged into itself");
    auto gone = store::clients::find(c, from, ctx.now());
    if (!gone) throw validation("from_id", "no such client");
    // An erased file stays anonymous: it neither takes in a person's data nor lends its history to one.
    if (survivor->erased) throw validation("id", "this file was erased (RGPD): it cannot take in another file");
    if (gone->erased) throw validation("from_id", "this file was erased (RGPD): it cannot be merged");
    store::client_files::merge(c, into, from, true, ctx.now());
    // One row under each file: the survivor's history shows what came in, the gone file's where it went.
    audit::record(c, ctx, by.actor(), "merge", into, "from_id=" + std::to_string(from));
    audit::record(c, ctx, by.actor(), "merge", from, "into_id=" + std::to_string(into));
    // The front desk has looked at the survivor: it is a file of the salon now, whatever it was before.
    store::clients::set_pending_link(c, into, false);
    return detail_in(c, ctx, into);
  });
}

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> all{"id",         "first_name", "last_name", "email",   "phone",
                                            "gender",     "birth_date", "note",      "account", "last_appointment"};
  return all;
}

std::string export_csv(Context& ctx, const store::clients::Query& q, const std::vector<std::string>& columns,
                       char delimiter, const Principal& by) {
  if (columns.empty()) throw validation("columns", "name at least one column");
  for (const auto& col : columns)
    if (std::find(export_columns().begin(), export_columns().end(), col) == export_columns().end())
      throw validation("columns",
                       "unknown column '{}': the columns are id, first_name, last_name, email, phone, gender, "
                       "birth_date, note, account, last_appointment",
                       {col});
  auto query = q;
  query.limit = 1 << 30;
  query.offset = 0;
  // One transaction: the rows exported and the audit row that says so.
  Page page;
  domain::Zone zone(ctx.db.write([&](sql::Connection& c) {
    auto settings = store::catalogue::load_settings(c);
    query.country = settings.country;
    page.items = store::clients::search(c, query, page.total, ctx.now());
    std::string cols;
    for (const auto& col : columns) cols += (cols.empty() ? "" : ",") + col;
    audit::record(c, ctx, by.actor(), "export_csv", std::nullopt,
                  "rows=" + std::to_string(page.items.size()) + ";columns=" + cols + (q.q.empty() ? "" : ";filtered=1"));
    return settings.timezone;
  }));
  std::string out = domain::csv::record(columns, delimiter);
  std::vector<std::string> row;
  for (const auto& cl : page.items) {
    row.clear();
    for (const auto& col : columns) {
      if (col == "id") row.push_back(std::to_string(cl.id));
      else if (col == "first_name") row.push_back(cl.first_name);
      else if (col == "last_name") row.push_back(cl.last_name);
      else if (col == "email") row.push_back(cl.email);
      else if (col == "phone") row.push_back(cl.phone);
      else if (col == "gender") row.push_back(cl.gender);
      else if (col == "birth_date") row.push_back(cl.birth_date ? cl.birth_date->iso() : "");
      else if (col == "note") row.push_back(cl.note);
      else if (col == "account") row.push_back(cl.account.value_or(""));
      else if (col == "last_appointment")
        row.push_back(cl.last_appointment_at ? zone.local(*cl.last_appointment_at).date.iso() : "");
    }
    out += domain::csv::record(row, delimiter);
  }
  return out;
}

std::vector<std::string> birthday_month_days(domain::LocalDate day) {
  auto two = [](unsigned v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  std::vector<std::string> out{two(day.month()) + "-" + two(day.day())};
  int y = day.year();
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (!leap && day.month() == 2 && day.day() == 28) out.emplace_back("02-29");
  return out;
}

// Each client is wished by the salon of their latest visit already started and not cancelled (its settings, its
// name), or by salon 1 when they have none. The day is salon 1's: one pass a day for the whole network.
int enqueue_birthdays(Context& ctx, domain::Instant now) {
  return ctx.db.write([&](sql::Connection& c) {
    std::map<Id, domain::Settings> salons;
    auto settings_of = [&](Id salon_id) -> const domain::Settings& {
      auto it = salons.find(salon_id);
      if (it == salons.end()) it = salons.emplace(salon_id, store::catalogue::load_settings(c, salon_id)).first;
      return it->second;
    };
    auto today = domain::Zone(settings_of(1).timezone).local(now).date;
    int sent = 0;
    for (const auto& person : store::clients::birthdays_due(c, birthday_month_days(today), today.year())) {
      auto latest = c.query("SELECT salon_id FROM appointments WHERE client_id = ? AND status <> 'cancelled' "
                            "AND start_at <= ? ORDER BY start_at DESC, id DESC LIMIT 1",
                            {person.id, domain::to_epoch(now)});
      Id salon_id = latest.empty() ? 1 : latest[0].integer(0);
      const auto& settings = settings_of(salon_id);
      if (!settings.birthday_messages) continue;
      // By e-mail; by SMS only for a file without an e-mail address.
      // A marketing message: it carries a link that stops them, usable without logging in.
      auto text = domain::birthday_text(settings.name, person.first_name, settings.language);
      Context at_now = ctx.pinned_at(now);
      text.body += domain::unsubscribe_footer(privacy::unsubscribe_link(c, at_now, person.id), settings.language);
      sent += notify::to_client(c, now, "birthday", person.id, text, std::nullopt, person.email.empty(), {}, salon_id);
      store::clients::set_last_birthday_year(c, person.id, today.year());
    }
    return sent;
  });
}

}  // namespace creneau::app::clients
