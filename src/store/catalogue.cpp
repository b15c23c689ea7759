#include "store/catalogue.hpp"

#include "codec/codec.hpp"
#include "domain/text.hpp"
#include "store/codes.hpp"

#include <map>

namespace creneau::store::catalogue {

using sql::Value;

namespace {

domain::Settings default_settings() {
  domain::Settings s;
  for (int d = 1; d <= 6; ++d) s.opening_hours.push_back({d, 9 * 60, 19 * 60});
  return s;
}

// Hours and skills for the given staff, attached in one pass each. `where` narrows the three reads to the staff
// asked for (a network of a thousand salons has ten thousand staff members: one request reads only its own).
void attach_hours_and_skills(sql::Connection& c, std::vector<domain::Staff>& staff, const std::string& where = "",
                             const std::vector<Value>& params = {}) {
  std::map<Id, domain::Staff*> by_id;
  for (auto& s : staff) by_id[s.id] = &s;
  for (const auto& r : c.query("SELECT staff_id, weekday, start_minute, end_minute, salon_id FROM staff_hours" + where +
                                   " ORDER BY staff_id, weekday, start_minute, salon_id",
                               params)) {
    if (auto it = by_id.find(r.integer(0)); it != by_id.end())
      it->second->hours.push_back({static_cast<int>(r.integer(1)), static_cast<int>(r.integer(2)),
                                   static_cast<int>(r.integer(3)), r.integer(4)});
  }
  for (const auto& r : c.query("SELECT staff_id, salon_id FROM staff_salons" + where + " ORDER BY staff_id, salon_id", params)) {
    if (auto it = by_id.find(r.integer(0)); it != by_id.end()) it->second->salon_ids.push_back(r.integer(1));
  }
  for (const auto& r :
       c.query("SELECT staff_id, service_id FROM staff_services" + where + " ORDER BY staff_id, service_id", params)) {
    if (auto it = by_id.find(r.integer(0)); it != by_id.end()) it->second->service_ids.push_back(r.integer(1));
  }
}

constexpr const char* kOneStaff = " WHERE staff_id = ?";

// " WHERE staff_id IN (?, …)" for these staff (read by primary key: cheaper than a subquery per table).
std::string staff_in(const std::vector<domain::Staff>& staff, std::vector<Value>& params) {
  std::string w = " WHERE staff_id IN (";
  for (std::size_t i = 0; i < staff.size(); ++i) {
    w += i ? ", ?" : "?";
    params.emplace_back(staff[i].id);
  }
  return w + ")";
}

constexpr const char* kStaffColumns = "SELECT id, first_name, last_name, email, phone, role, active, password_hash, color FROM staff";

domain::Staff staff_from(const sql::Row& r) {
  domain::Staff s;
  s.id = r.integer(0);
  s.first_name = r.text(1);
  s.last_name = r.text(2);
  s.email = r.text(3);
  s.phone = r.text(4);
  s.role = column_value<domain::Role>(r.text(5), "staff.role");
  s.active = r.boolean(6);
  s.color = r.text(8).empty() ? domain::palette_color(s.id) : r.text(8);
  return s;
}

void write_hours_and_skills(sql::Connection& c, const domain::Staff& s) {
  c.query("DELETE FROM staff_hours WHERE staff_id = ?", {s.id});
  for (const auto& h : s.hours)
    c.query("INSERT INTO staff_hours (staff_id, weekday, start_minute, end_minute, salon_id) VALUES (?, ?, ?, ?, ?)",
            {s.id, std::int64_t{h.weekday}, std::int64_t{h.start_minute}, std::int64_t{h.end_minute},
             h.salon_id ? h.salon_id : Id{1}});
  c.query("DELETE FROM staff_salons WHERE staff_id = ?", {s.id});
  // Like the salon_id columns' DEFAULT 1: a staff member written without salons works at salon 1.
  std::vector<Id> salons = s.salon_ids.empty() ? std::vector<Id>{1} : s.salon_ids;
  for (Id salon : salons) c.query("INSERT INTO staff_salons (staff_id, salon_id) VALUES (?, ?)", {s.id, salon});
  c.query("DELETE FROM staff_services WHERE staff_id = ?", {s.id});
  for (Id service : s.service_ids)
    c.query("INSERT INTO staff_services (staff_id, service_id) VALUES (?, ?)", {s.id, service});
}

}  // namespace

domain::Settings load_settings(sql::Connection& c, Id salon_id) {
  auto salon = c.query("SELECT name, timezone FROM salons WHERE id = ?", {salon_id});
  auto rows = c.query("SELECT body FROM settings WHERE id = ?", {salon_id});  // settings.id is the salon's id
  auto s = rows.empty() ? default_settings() : codec::settings_from_json(rows[0].text(0));
  // The salon's row holds its name and zone: one value for the salon and its settings.
  if (!salon.empty()) {
    s.name = salon[0].text(0);
    s.timezone = salon[0].text(1);
  }
  return s;
}

std::int64_t version(sql::Connection& c) {
  return c.query("SELECT version FROM catalogue_version WHERE id = 1").at(0).integer(0);
}

void save_settings(sql::Connection& c, const domain::Settings& s, Id salon_id) {
  c.query("DELETE FROM settings WHERE id = ?", {salon_id});
  c.query("INSERT INTO settings (id, body) VALUES (?, ?)", {salon_id, codec::settings_to_json(s)});
  c.query("UPDATE salons SET name = ?, timezone = ? WHERE id = ?", {s.name, s.timezone, salon_id});
}

std::vector<domain::Staff> list_staff(sql::Connection& c, bool include_inactive) {
  std::vector<domain::Staff> out;
  for (const auto& r : c.query(std::string(kStaffColumns) + (include_inactive ? "" : " WHERE active = 1") + " ORDER BY id"))
    out.push_back(staff_from(r));
  attach_hours_and_skills(c, out);
  return out;
}

std::optional<domain::Staff> find_staff(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kStaffColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  std::vector<domain::Staff> one{staff_from(rows[0])};
  attach_hours_and_skills(c, one, kOneStaff, {one[0].id});
  return one[0];
}

std::vector<domain::Staff> list_staff_at(sql::Connection& c, Id salon_id) {
  std::vector<domain::Staff> out;
  for (const auto& r : c.query(std::string(kStaffColumns) + " WHERE active = 1 AND id IN (SELECT staff_id FROM "
                                   "staff_salons WHERE salon_id = ?) ORDER BY id",
                               {salon_id}))
    out.push_back(staff_from(r));
  if (out.empty()) return out;
  std::vector<Value> params;
  auto where = staff_in(out, params);
  attach_hours_and_skills(c, out, where, params);
  return out;
}

std::optional<StaffRecord> find_staff_by_email(sql::Connection& c, const std::string& email) {
  auto rows = c.query(std::string(kStaffColumns) + " WHERE lower(email) = lower(?) AND active = 1", {email});
  if (rows.empty()) return std::nullopt;
  std::vector<domain::Staff> one{staff_from(rows[0])};
  attach_hours_and_skills(c, one, kOneStaff, {one[0].id});
  return StaffRecord{one[0], rows[0].text(7)};
}

Id insert_staff(sql::Connection& c, const domain::Staff& s, const std::string& password_hash, domain::Instant now) {
  auto rows = c.query(
      "INSERT INTO staff (first_name, last_name, email, phone, role, password_hash, active, created_at, color) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {s.first_name, s.last_name, s.email, s.phone, column_text(s.role), password_hash, domain::to_epoch(now), s.color});
  domain::Staff copy = s;
  copy.id = rows.at(0).integer(0);
  write_hours_and_skills(c, copy);
  return copy.id;
}

void update_staff(sql::Connection& c, const domain::Staff& s, const std::optional<std::string>& password_hash) {
  c.query("UPDATE staff SET first_name = ?, last_name = ?, email = ?, phone = ?, role = ?, active = ?, color = ? "
          "WHERE id = ?",
          {s.first_name, s.last_name, s.email, s.phone, column_text(s.role), std::int64_t{s.active ? 1 : 0}, s.color, s.id});
  if (password_hash) c.query("UPDATE staff SET password_hash = ? WHERE id = ?", {*password_hash, s.id});
  write_hours_and_skills(c, s);
}

std::int64_t count_staff(sql::Connection& c) { return c.query("SELECT COUNT(*) FROM staff").at(0).integer(0); }

Id insert_time_off(sql::Connection& c, const domain::TimeOff& t) {
  return c
      .query("INSERT INTO staff_time_off (staff_id, start_at, end_at, reason) VALUES (?, ?, ?, ?) RETURNING id",
             {t.staff_id, domain::to_epoch(t.span.start), domain::to_epoch(t.span.end), t.reason})
      .at(0)
      .integer(0);
}

std::vector<domain::TimeOff> time_off_between(sql::Connection& c, domain::Instant from, domain::Instant to,
                                             std::optional<Id> salon_id) {
  std::vector<domain::TimeOff> out;
  std::vector<Value> params{domain::to_epoch(to), domain::to_epoch(from)};
  std::string at_salon;
  if (salon_id) {
    at_salon = " AND staff_id IN (SELECT staff_id FROM staff_salons WHERE salon_id = ?)";
    params.emplace_back(*salon_id);
  }
  for (const auto& r : c.query("SELECT id, staff_id, start_at, end_at, reason FROM staff_time_off "
                               "WHERE start_at < ? AND end_at > ?" + at_salon + " ORDER BY staff_id, start_at",
                               params))
    out.push_back({r.integer(0), r.integer(1), {domain::from_epoch(r.integer(2)), domain::from_epoch(r.integer(3))},
                   r.text(4)});
  return out;
}

namespace {
constexpr const char* kTimeOffColumns = "SELECT id, staff_id, start_at, end_at, reason FROM staff_time_off";

domain::TimeOff time_off_from(const sql::Row& r) {
  return {r.integer(0), r.integer(1), {domain::from_epoch(r.integer(2)), domain::from_epoch(r.integer(3))}, r.text(4)};
}
}  // namespace

std::vector<domain::TimeOff> list_time_off(sql::Connection& c, const TimeOffFilter& f) {
  std::string q = std::string(kTimeOffColumns) + " WHERE 1 = 1";
  std::vector<Value> params;
  if (f.to) {
    q += " AND start_at < ?";
    params.emplace_back(domain::to_epoch(*f.to));
  }
  if (f.from) {
    q += " AND end_at > ?";
    params.emplace_back(domain::to_epoch(*f.from));
  }
  if (f.staff_id) {
    q += " AND staff_id = ?";
    params.emplace_back(*f.staff_id);
  }
  std::vector<domain::TimeOff> out;
  for (const auto& r : c.query(q + " ORDER BY start_at, id", params)) out.push_back(time_off_from(r));
  return out;
}

std::optional<domain::TimeOff> find_time_off(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kTimeOffColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return time_off_from(rows[0]);
}

void delete_time_off(sql::Connection& c, Id id) { c.query("DELETE FROM staff_time_off WHERE id = ?", {id}); }

std::vector<domain::Resource> list_resources(sql::Connection& c, std::optional<Id> salon_id) {
  std::vector<domain::Resource> out;
  auto rows = salon_id ? c.query("SELECT id, name, salon_id FROM resources WHERE active = 1 AND salon_id = ? ORDER BY id", {*salon_id})
                       : c.query("SELECT id, name, salon_id FROM resources WHERE active = 1 ORDER BY id");
  for (const auto& r : rows) out.push_back({r.integer(0), r.text(1), r.integer(2)});
  return out;
}

std::optional<domain::Resource> find_resource(sql::Connection& c, Id id) {
  auto rows = c.query("SELECT id, name, salon_id FROM resources WHERE id = ? AND active = 1", {id});
  if (rows.empty()) return std::nullopt;
  return domain::Resource{rows[0].integer(0), rows[0].text(1), rows[0].integer(2)};
}

Id insert_resource(sql::Connection& c, const domain::Resource& r) {
  return c.query("INSERT INTO resources (name, active, salon_id) VALUES (?, 1, ?) RETURNING id", {r.name, r.salon_id})
      .at(0)
      .integer(0);
}

void update_resource(sql::Connection& c, const domain::Resource& r) {
  c.query("UPDATE resources SET name = ? WHERE id = ?", {r.name, r.id});
}

void deactivate_resource(sql::Connection& c, Id id) {
  c.query("UPDATE resources SET active = 0 WHERE id = ?", {id});
  c.query("DELETE FROM service_resources WHERE resource_id = ?", {id});
}

namespace {
constexpr const char* kServiceColumns =
    "SELECT id, name, category, audience, duration_minutes, price_cents, capacity, package_only, discovery, "
    "questionnaire, active FROM services";

domain::Service service_from(const sql::Row& r) {
  domain::Service s;
  s.id = r.integer(0);
  s.name = r.text(1);
  s.category = r.text(2);
  s.audience = r.text(3);
  s.duration_minutes = static_cast<int>(r.integer(4));
  s.price_cents = r.integer(5);
  s.capacity = static_cast<int>(r.integer(6));
  s.package_only = r.boolean(7);
  s.discovery = r.boolean(8);
  s.questionnaire = codec::questionnaire_from_json(r.text(9));
  s.active = r.boolean(10);
  return s;
}

void attach_resources(sql::Connection& c, std::vector<domain::Service>& services) {
  std::map<Id, domain::Service*> by_id;
  for (auto& s : services) by_id[s.id] = &s;
  for (const auto& r : c.query("SELECT service_id, resource_id FROM service_resources ORDER BY service_id, resource_id"))
    if (auto it = by_id.find(r.integer(0)); it != by_id.end()) it->second->resource_ids.push_back(r.integer(1));
}

void write_resources(sql::Connection& c, const domain::Service& s) {
  c.query("DELETE FROM service_resources WHERE service_id = ?", {s.id});
  for (Id r : s.resource_ids) c.query("INSERT INTO service_resources (service_id, resource_id) VALUES (?, ?)", {s.id, r});
}
}  // namespace

std::vector<domain::Service> list_services(sql::Connection& c, bool include_inactive) {
  std::vector<domain::Service> out;
  for (const auto& r : c.query(std::string(kServiceColumns) + (include_inactive ? "" : " WHERE active = 1") + " ORDER BY id"))
    out.push_back(service_from(r));
  attach_resources(c, out);
  return out;
}

std::optional<domain::Service> find_service(sql::Connection& c, Id id) {
  auto rows = c.query(std::string(kServiceColumns) + " WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  std::vector<domain::Service> one{service_from(rows[0])};
  attach_resources(c, one);
  return one[0];
}

Id insert_service(sql::Connection& c, const domain::Service& s) {
  domain::Service copy = s;
  copy.id = c.query("INSERT INTO services (name, category, audience, duration_minutes, price_cents, capacity, "
                    "package_only, discovery, questionnaire, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                    {s.name, s.category, s.audience, std::int64_t{s.duration_minutes}, s.price_cents,
                     std::int64_t{s.capacity}, std::int64_t{s.package_only}, std::int64_t{s.discovery},
                     codec::questionnaire_to_json(s.questionnaire)})
                .at(0)
                .integer(0);
  write_resources(c, copy);
  return copy.id;
}

void update_service(sql::Connection& c, const domain::Service& s) {
  c.query("UPDATE services SET name = ?, category = ?, audience = ?, duration_minutes = ?, price_cents = ?, "
          "capacity = ?, package_only = ?, discovery = ?, questionnaire = ? WHERE id = ?",
          {s.name, s.category, s.audience, std::int64_t{s.duration_minutes}, s.price_cents, std::int64_t{s.capacity},
           std::int64_t{s.package_only}, std::int64_t{s.discovery}, codec::questionnaire_to_json(s.questionnaire), s.id});
  write_resources(c, s);
}

void deactivate_service(sql::Connection& c, Id id) { c.query("UPDATE services SET active = 0 WHERE id = ?", {id}); }

std::map<Id, ServiceOverride> service_overrides(sql::Connection& c, Id salon_id) {
  std::map<Id, ServiceOverride> out;
  for (const auto& r : c.query("SELECT service_id, offered, price_cents, duration_minutes FROM salon_services "
                               "WHERE salon_id = ?",
                               {salon_id})) {
    ServiceOverride o;
    o.offered = r.boolean(1);
    o.price_cents = r.opt_integer(2);
    if (auto d = r.opt_integer(3)) o.duration_minutes = static_cast<int>(*d);
    out[r.integer(0)] = o;
  }
  return out;
}

void set_service_override(sql::Connection& c, Id salon_id, Id service_id, const ServiceOverride& o) {
  c.query("DELETE FROM salon_services WHERE salon_id = ? AND service_id = ?", {salon_id, service_id});
  if (o.offered && !o.price_cents && !o.duration_minutes) return;  // the network's values: nothing to keep
  c.query("INSERT INTO salon_services (salon_id, service_id, offered, price_cents, duration_minutes) "
          "VALUES (?, ?, ?, ?, ?)",
          {salon_id, service_id, std::int64_t{o.offered ? 1 : 0}, o.price_cents ? Value{*o.price_cents} : Value{nullptr},
           o.duration_minutes ? Value{std::int64_t{*o.duration_minutes}} : Value{nullptr}});
}

}  // namespace creneau::store::catalogue
