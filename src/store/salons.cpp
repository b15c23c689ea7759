#include "store/salons.hpp"

namespace creneau::store::salons {

namespace {

constexpr const char* kColumns =
    "SELECT id, name, slug, address, postal_code, city, phone, email, timezone FROM salons";

domain::SalonProfile from_row(const sql::Row& r) {
  domain::SalonProfile s;
  s.id = r.integer(0);
  s.name = r.text(1);
  s.slug = r.text(2);
  s.address = r.text(3);
  s.postal_code = r.text(4);
  s.city = r.text(5);
  s.phone = r.text(6);
  s.email = r.text(7);
  s.timezone = r.text(8);
  return s;
}

std::optional<domain::SalonProfile> first(const std::vector<sql::Row>& rows) {
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

}  // namespace

std::vector<domain::SalonProfile> list(sql::Connection& c) {
  std::vector<domain::SalonProfile> out;
  for (const auto& r : c.query(std::string(kColumns) + " ORDER BY id")) out.push_back(from_row(r));
  return out;
}

std::optional<domain::SalonProfile> find(sql::Connection& c, Id id) {
  return first(c.query(std::string(kColumns) + " WHERE id = ?", {id}));
}

std::optional<domain::SalonProfile> find_by_slug(sql::Connection& c, const std::string& slug) {
  return first(c.query(std::string(kColumns) + " WHERE slug = ?", {slug}));
}

std::int64_t count(sql::Connection& c) { return c.query("SELECT COUNT(*) FROM salons").at(0).integer(0); }

Id insert(sql::Connection& c, const domain::SalonProfile& s, domain::Instant now) {
  return c
      .query("INSERT INTO salons (name, slug, address, postal_code, city, phone, email, timezone, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {s.name, s.slug, s.address, s.postal_code, s.city, s.phone, s.email, s.timezone, domain::to_epoch(now)})
      .at(0)
      .integer(0);
}

void update(sql::Connection& c, const domain::SalonProfile& s) {
  c.query("UPDATE salons SET name = ?, slug = ?, address = ?, postal_code = ?, city = ?, phone = ?, email = ?, "
          "timezone = ? WHERE id = ?",
          {s.name, s.slug, s.address, s.postal_code, s.city, s.phone, s.email, s.timezone, s.id});
}

}  // namespace creneau::store::salons
