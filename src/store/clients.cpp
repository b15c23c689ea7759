#include "store/clients.hpp"

#include "domain/text.hpp"

#include <algorithm>

namespace creneau::store::clients {

using sql::Value;

namespace {

// Both name orders, folded, so one LIKE finds "helene dupont" and "dupont helene".
std::string search_key(const domain::Client& c) {
  auto first = domain::fold(c.first_name), last = domain::fold(c.last_name);
  return first + " " + last + "|" + last + " " + first + "|" + domain::fold(c.email) + "|" + c.phone;
}
std::string sort_key(const domain::Client& c) { return domain::fold(c.last_name) + "\x01" + domain::fold(c.first_name); }

// `text` matched literally by LIKE … ESCAPE '\': its wildcards and the escape character itself escaped.
std::string like_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

Value opt_date(const std::optional<domain::LocalDate>& d) { return d ? Value{d->iso()} : Value{nullptr}; }

// `last_appointment`: the most recent non-cancelled visit that has started by `now`.
constexpr const char* kColumns =
    "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.gender, c.birth_date, c.note, "
    "(SELECT COALESCE(ac.email, ac.phone) FROM accounts ac WHERE ac.client_id = c.id ORDER BY ac.id LIMIT 1), "
    "(SELECT MAX(a.start_at) FROM appointments a WHERE a.client_id = c.id AND a.status <> 'cancelled' "
    "AND a.start_at <= ?), c.marketing_opt_out, c.erased_at FROM clients c";

domain::Client from_row(const sql::Row& r) {
  domain::Client c;
  c.id = r.integer(0);
  c.first_name = r.text(1);
  c.last_name = r.text(2);
  c.email = r.text(3);
  c.phone = r.text(4);
  c.gender = r.text(5);
  if (!r.is_null(6)) c.birth_date = domain::LocalDate::parse(r.text(6));
  c.note = r.text(7);
  if (!r.is_null(8)) c.account = r.text(8);
  if (!r.is_null(9)) c.last_appointment_at = domain::from_epoch(r.integer(9));
  c.marketing_opt_out = r.boolean(10);
  c.erased = !r.is_null(11);
  return c;
}

}  // namespace

Id insert(sql::Connection& c, const domain::Client& client, domain::Instant now, bool pending_link) {
  return c
      .query("INSERT INTO clients (first_name, last_name, email, phone, gender, birth_date, note, search_key, "
             "sort_key, created_at, pending_link, marketing_opt_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {client.first_name, client.last_name, client.email, client.phone, client.gender,
              opt_date(client.birth_date), client.note, search_key(client), sort_key(client), domain::to_epoch(now),
              std::int64_t{pending_link ? 1 : 0}, std::int64_t{client.marketing_opt_out ? 1 : 0}})
      .at(0)
      .integer(0);
}

void update(sql::Connection& c, const domain::Client& client) {
  c.query("UPDATE clients SET first_name = ?, last_name = ?, email = ?, phone = ?, gender = ?, birth_date = ?, "
          "note = ?, search_key = ?, sort_key = ?, marketing_opt_out = ? WHERE id = ?",
          {client.first_name, client.last_name, client.email, client.phone, client.gender, opt_date(client.birth_date),
           client.note, search_key(client), sort_key(client), std::int64_t{client.marketing_opt_out ? 1 : 0},
           client.id});
}

void remove(sql::Connection& c, Id id) {
  c.query("DELETE FROM client_members WHERE client_id = ? OR member_id = ?", {id, id});
  c.query("DELETE FROM clients WHERE id = ?", {id});
}

std::optional<domain::Client> find(sql::Connection& c, Id id, domain::Instant now) {
  auto rows = c.query(std::string(kColumns) + " WHERE c.id = ?", {domain::to_epoch(now), id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

bool is_pending_link(sql::Connection& c, Id id) {
  auto rows = c.query("SELECT pending_link FROM clients WHERE id = ?", {id});
  return !rows.empty() && rows[0].boolean(0);
}

void set_pending_link(sql::Connection& c, Id id, bool pending) {
  c.query("UPDATE clients SET pending_link = ? WHERE id = ?", {std::int64_t{pending ? 1 : 0}, id});
}

namespace {

// "06 10" → the LIKE patterns on the E.164 phone column that a partial number matches: its digits anywhere
// ("%0610%"), and, written nationally with the trunk 0, right after the country code ("+33610%"). Empty when
// `q` is not a partial phone number (letters, or fewer than four digits).
std::vector<std::string> phone_patterns(std::string_view q, std::string_view country) {
  std::string digits;
  for (char ch : q) {
    if (ch >= '0' && ch <= '9') digits.push_back(ch);
    else if (ch != ' ' && ch != '.' && ch != '-' && ch != '(' && ch != ')' && ch != '/' && ch != '+') return {};
  }
  if (digits.size() < 4) return {};
  std::vector<std::string> out{"%" + digits + "%"};
  if (digits.front() == '0' && digits.size() > 1 && q.find('+') == std::string_view::npos) {
    // The country code is whatever the full normalisation gives a national number of this country.
    if (auto sample = domain::normalize_phone("0612345678", country); sample && sample->size() > 10)
      out.push_back(sample->substr(0, sample->size() - 9) + digits.substr(1) + "%");
  }
  return out;
}

}  // namespace

std::vector<domain::Client> search(sql::Connection& c, const Query& q, std::int64_t& total, domain::Instant now) {
  std::string where = q.ids.empty() ? " WHERE c.pending_link = 0" : " WHERE c.id IN (";
  std::vector<Value> params;
  for (std::size_t i = 0; i < q.ids.size(); ++i) {
    where += i ? ", ?" : "?";
    params.emplace_back(q.ids[i]);
  }
  if (!q.ids.empty()) where += ")";
  // Folded, runs of blanks made one space: \"  Dupont   Hélène \" finds \"dupont helene\". LIKE's wildcards and
  // its escape character are searched for as typed (escaped, with an explicit ESCAPE on both backends).
  std::string needle;
  for (char ch : domain::fold(q.q)) {
    bool blank = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (blank && (needle.empty() || needle.back() == ' ')) continue;
    needle.push_back(blank ? ' ' : ch);
  }
  while (!needle.empty() && needle.back() == ' ') needle.pop_back();
  if (!needle.empty()) {
    where += " AND (c.search_key LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + like_literal(needle) + "%");
    // A phone number in any national or international spelling finds the file of that number.
    auto digits = std::count_if(needle.begin(), needle.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (digits >= 6)
      if (auto phone = domain::normalize_phone(q.q, q.country)) {
        where += " OR c.phone = ?";
        params.emplace_back(*phone);
      }
    for (const auto& pattern : phone_patterns(q.q, q.country)) {
      where += " OR c.phone LIKE ?";
      params.emplace_back(pattern);
    }
    where += ")";
  }
  total = c.query("SELECT COUNT(*) FROM clients c" + where, params).at(0).integer(0);
  std::vector<Value> page{domain::to_epoch(now)};
  page.insert(page.end(), params.begin(), params.end());
  page.emplace_back(std::int64_t{q.limit});
  page.emplace_back(std::int64_t{q.offset});
  std::vector<domain::Client> out;
  for (const auto& r : c.query(std::string(kColumns) + where + " ORDER BY c.sort_key " +
                                   (q.descending ? "DESC" : "ASC") + ", c.id LIMIT ? OFFSET ?",
                               page))
    out.push_back(from_row(r));
  return out;
}

std::vector<BirthdayPerson> birthdays_due(sql::Connection& c, const std::vector<std::string>& month_days, int year) {
  std::vector<BirthdayPerson> out;
  for (const auto& md : month_days)
    // Born in an earlier year (no wishes on the day of birth), not wished yet this year.
    // Opted-out and erased files are never wished (an erased file has no birth date anyway).
    for (const auto& r : c.query("SELECT id, first_name, email, phone FROM clients WHERE birth_date LIKE ? "
                                 "AND birth_date < ? AND last_birthday_year < ? AND marketing_opt_out = 0 "
                                 "AND erased_at IS NULL ORDER BY id",
                                 {"%-" + md, std::to_string(year) + "-01-01", std::int64_t{year}}))
      out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

void set_last_birthday_year(sql::Connection& c, Id id, int year) {
  c.query("UPDATE clients SET last_birthday_year = ? WHERE id = ?", {std::int64_t{year}, id});
}

}  // namespace creneau::store::clients
