#include "store/packages.hpp"

#include "store/catalogue.hpp"

#include <map>

namespace creneau::store::packages {

using sql::Value;

namespace {

constexpr const char* kTypeColumns = "SELECT id, name, sessions, audience, validity_days, scope FROM package_types";

domain::PackageType type_from(const sql::Row& r) {
  domain::PackageType t;
  t.id = r.integer(0);
  t.name = r.text(1);
  t.sessions = r.integer(2);
  t.audience = r.text(3);
  t.validity_days = r.integer(4);
  t.scope = r.text(5);
  return t;
}

void attach_services(sql::Connection& c, std::vector<domain::PackageType>& types) {
  std::map<Id, domain::PackageType*> by_id;
  for (auto& t : types) by_id[t.id] = &t;
  for (const auto& r : c.query("SELECT package_type_id, service_id FROM package_type_services "
                               "ORDER BY package_type_id, service_id"))
    if (auto it = by_id.find(r.integer(0)); it != by_id.end()) it->second->service_ids.push_back(r.integer(1));
}

void write_services(sql::Connection& c, const domain::PackageType& t) {
  c.query("DELETE FROM package_type_services WHERE package_type_id = ?", {t.id});
  for (Id s : t.service_ids)
    c.query("INSERT INTO package_type_services (package_type_id, service_id) VALUES (?, ?)", {t.id, s});
}

constexpr const char* kPackageColumns =
    "SELECT p.id, p.client_id, p.package_type_id, t.name, t.sessions, p.start_date, t.validity_days, p.salon_id, "
    "t.scope "
    "FROM client_packages p JOIN package_types t ON t.id = p.package_type_id";

domain::Package package_from(const sql::Row& r) {
  domain::Package p;
  p.id = r.integer(0);
  p.client_id = r.integer(1);
  p.package_type_id = r.integer(2);
  p.name = r.text(3);
  p.sessions = r.integer(4);
  if (auto d = domain::LocalDate::parse(r.text(5))) p.start_date = *d;
  p.validity_days = r.integer(6);
  p.salon_id = r.integer(7);
  p.salon_only = r.text(8) == "salon";
  return p;
}

// Covered services and uses of the packages in `out` (all of one client, or one package), in two queries.
// `scope` is "p.client_id = ?" or "p.id = ?" with `key` its value.
// A session's day is the local date of its visit at the visit's salon (salons may be in different zones).
void attach_details(sql::Connection& c, std::vector<domain::Package>& out, const char* scope, Id key,
                    Id exclude_appointment) {
  std::map<Id, domain::Package*> by_id;
  for (auto& p : out) by_id[p.id] = &p;
  if (by_id.empty()) return;
  for (const auto& r : c.query(std::string("SELECT p.id, s.service_id FROM client_packages p "
                                           "JOIN package_type_services s ON s.package_type_id = p.package_type_id "
                                           "WHERE ") +
                                   scope + " ORDER BY p.id, s.service_id",
                               {key}))
    if (auto it = by_id.find(r.integer(0)); it != by_id.end()) it->second->service_ids.push_back(r.integer(1));
  std::map<Id, domain::Zone> zones;
  auto zone_of = [&](Id salon_id) -> const domain::Zone& {
    auto it = zones.find(salon_id);
    if (it == zones.end()) it = zones.emplace(salon_id, domain::Zone(catalogue::load_settings(c, salon_id).timezone)).first;
    return it->second;
  };
  for (const auto& r : c.query(std::string("SELECT l.package_id, l.start_at, a.no_show, a.salon_id FROM appointment_lines l "
                                           "JOIN appointments a ON a.id = l.appointment_id "
                                           "JOIN client_packages p ON p.id = l.package_id "
                                           "WHERE ") +
                                   scope + " AND a.status <> 'cancelled' AND a.id <> ? ORDER BY l.start_at, l.id",
                               {key, exclude_appointment}))
    if (auto it = by_id.find(r.integer(0)); it != by_id.end())
      it->second->uses.push_back({zone_of(r.integer(3)).local(domain::from_epoch(r.integer(1))).date, r.boolean(2)});
}

}  // namespace

std::vector<domain::PackageType> list_types(sql::Connection& c) {
  std::vector<domain::PackageType> out;
  for (const auto& r : c.query(std::string(kTypeColumns) + " ORDER BY id")) out.push_back(type_from(r));
  attach_services(c, out);
  return out;
}

std::optional<domain::PackageType> find_type(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kTypeColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  auto t = type_from(rows[0]);
  for (const auto& r : c.query("SELECT service_id FROM package_type_services WHERE package_type_id = ? "
                               "ORDER BY service_id",
                               {id}))
    t.service_ids.push_back(r.integer(0));
  return t;
}

Id insert_type(sql::Connection& c, const domain::PackageType& t) {
  auto copy = t;
  copy.id = c.query("INSERT INTO package_types (name, sessions, audience, validity_days, scope) VALUES (?, ?, ?, ?, ?) "
                    "RETURNING id",
                    {t.name, t.sessions, t.audience, t.validity_days, t.scope})
                .at(0)
                .integer(0);
  write_services(c, copy);
  return copy.id;
}

void update_type(sql::Connection& c, const domain::PackageType& t) {
  c.query("UPDATE package_types SET name = ?, sessions = ?, audience = ?, validity_days = ?, scope = ? WHERE id = ?",
          {t.name, t.sessions, t.audience, t.validity_days, t.scope, t.id});
  write_services(c, t);
}

void delete_type(sql::Connection& c, Id id) {
  c.query("DELETE FROM package_type_services WHERE package_type_id = ?", {id});
  c.query("DELETE FROM package_types WHERE id = ?", {id});
}

std::int64_t count_of_type(sql::Connection& c, Id type_id) {
  return c.query("SELECT COUNT(*) FROM client_packages WHERE package_type_id = ?", {type_id}).at(0).integer(0);
}

Id assign(sql::Connection& c, Id client_id, Id type_id, domain::LocalDate start_date, domain::Instant now, Id salon_id) {
  return c
      .query("INSERT INTO client_packages (client_id, package_type_id, start_date, created_at, salon_id) "
             "VALUES (?, ?, ?, ?, ?) RETURNING id",
             {client_id, type_id, start_date.iso(), domain::to_epoch(now), salon_id})
      .at(0)
      .integer(0);
}

void remove(sql::Connection& c, Id package_id) {
  // Lines of cancelled visits may still point at it; they keep their history without the package.
  c.query("UPDATE appointment_lines SET package_id = NULL WHERE package_id = ?", {package_id});
  c.query("DELETE FROM client_packages WHERE id = ?", {package_id});
}

std::vector<domain::Package> for_client(sql::Connection& c, Id client_id, Id exclude_appointment) {
  std::vector<domain::Package> out;
  for (const auto& r : c.query(std::string(kPackageColumns) + " WHERE p.client_id = ? ORDER BY p.start_date, p.id",
                               {client_id}))
    out.push_back(package_from(r));
  attach_details(c, out, "p.client_id = ?", client_id, exclude_appointment);
  domain::sort_oldest_first(out);
  return out;
}

std::optional<domain::Package> find(sql::Connection& c, Id package_id) {
  auto rows = c.query(std::string(kPackageColumns) + " WHERE p.id = ?", {package_id});
  if (rows.empty()) return std::nullopt;
  std::vector<domain::Package> one{package_from(rows[0])};
  attach_details(c, one, "p.id = ?", package_id, 0);
  return one[0];
}

std::vector<domain::ClientPackage> list_for_client(sql::Connection& c, domain::Id client_id) {
  std::vector<domain::ClientPackage> out;
  for (const auto& p : for_client(c, client_id)) out.push_back(domain::client_package_view(p));
  return out;
}

bool discovery_used(sql::Connection& c, Id client_id, Id exclude_appointment) {
  return !c.query("SELECT 1 FROM appointment_lines l JOIN appointments a ON a.id = l.appointment_id "
                  "JOIN services s ON s.id = l.service_id "
                  "WHERE a.client_id = ? AND s.discovery = 1 AND a.status <> 'cancelled' AND a.id <> ? LIMIT 1",
                  {client_id, exclude_appointment})
              .empty();
}

}  // namespace creneau::store::packages
