#include "network.hpp"

#include "domain/time.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "store/salons.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace creneau::bench {
namespace {

using sql::Value;
using Clock = std::chrono::steady_clock;

// Rows of one table after another: COPY … FROM STDIN on PostgreSQL, prepared INSERTs on SQLite.
class Bulk {
public:
  virtual ~Bulk() = default;
  virtual void table(const std::string& name, const std::vector<std::string>& columns) = 0;
  virtual void row(const std::vector<Value>& values) = 0;
  virtual void done() = 0;
};

class SqliteBulk final : public Bulk {
public:
  explicit SqliteBulk(sql::Connection& c) : c_(c) {}
  void table(const std::string& name, const std::vector<std::string>& columns) override {
    insert_ = "INSERT INTO " + name + " (";
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      insert_ += (i ? ", " : "") + columns[i];
      marks += i ? ", ?" : "?";
    }
    insert_ += ") VALUES (" + marks + ")";
  }
  void row(const std::vector<Value>& values) override { c_.query(insert_, values); }
  void done() override {}

private:
  sql::Connection& c_;
  std::string insert_;
};

class PgBulk final : public Bulk {
public:
  explicit PgBulk(PGconn* conn) : conn_(conn) {}
  void table(const std::string& name, const std::vector<std::string>& columns) override {
    std::string sql = "COPY " + name + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN";
    PGresult* r = PQexec(conn_, sql.c_str());
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) throw std::runtime_error("COPY " + name + ": " + PQerrorMessage(conn_));
    table_ = name;
  }
  void row(const std::vector<Value>& values) override {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) buffer_ += '\t';
      const auto& v = values[i];
      if (std::holds_alternative<std::nullptr_t>(v)) buffer_ += "\\N";
      else if (auto n = std::get_if<std::int64_t>(&v)) buffer_ += std::to_string(*n);
      else if (auto d = std::get_if<double>(&v)) buffer_ += std::to_string(*d);
      else escape(std::get<std::string>(v));
    }
    buffer_ += '\n';
    if (buffer_.size() > (1 << 20)) flush();
  }
  void done() override {
    flush();
    if (PQputCopyEnd(conn_, nullptr) != 1) throw std::runtime_error("COPY end: " + std::string(PQerrorMessage(conn_)));
    std::string error;
    while (PGresult* r = PQgetResult(conn_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
      PQclear(r);
    }
    if (!error.empty()) throw std::runtime_error("COPY " + table_ + ": " + error);
  }

private:
  void escape(const std::string& s) {
    for (char ch : s) {
      if (ch == '\\') buffer_ += "\\\\";
      else if (ch == '\t') buffer_ += "\\t";
      else if (ch == '\n') buffer_ += "\\n";
      else if (ch == '\r') buffer_ += "\\r";
      else buffer_ += ch;
    }
  }
  void flush() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
      throw std::runtime_error("COPY " + table_ + ": " + PQerrorMessage(conn_));
    buffer_.clear();
  }
  PGconn* conn_;
  std::string table_, buffer_;
};

void exec(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  auto status = PQresultStatus(r);
  std::string error = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + error);
}

std::int64_t next_id(sql::Connection& c, const std::string& table) {
  return c.query("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table).at(0).integer(0);
}

// The salons, their settings, the network's services and each salon's clients, through the store layer (a few
// thousand rows); also picks the ids the bulk part will use.
struct Plan {
  GeneratedNetwork net;
  Id first_staff = 0, first_appointment = 0, first_line = 0;
};

Plan write_small_parts(sql::Connection& c, const Salon& ref, const NetworkOptions& o) {
  if (c.query("SELECT COUNT(*) FROM staff").at(0).integer(0) > 0 ||
      c.query("SELECT COUNT(*) FROM salons").at(0).integer(0) > 1)
    throw std::runtime_error("the database already holds staff or salons: generate into a fresh database");
  Plan p;
  auto now = domain::now();
  for (const auto& sv : ref.services) {
    domain::Service s;
    s.name = "Service " + std::to_string(sv.id);
    s.duration_minutes = sv.duration_minutes;
    s.price_cents = 3000;
    s.capacity = sv.capacity;
    p.net.services.push_back(store::catalogue::insert_service(c, s));
  }
  auto settings = store::catalogue::load_settings(c, 1);
  settings.timezone = ref.timezone;
  settings.opening_hours.clear();
  settings.booking.slot_step_minutes = 15;
  settings.booking.min_notice_minutes = 0;
  settings.booking.max_advance_days = 3650;
  for (int k = 1; k <= o.salons; ++k) {
    domain::SalonProfile profile;
    profile.name = "Salon " + std::to_string(k);
    profile.slug = "salon-" + std::to_string(k);
    profile.city = "Ville " + std::to_string(k);
    profile.timezone = ref.timezone;
    GeneratedSalon salon;
    if (k == 1) {
      profile.id = salon.id = 1;  // a new database's salon
      store::salons::update(c, profile);
    } else {
      salon.id = store::salons::insert(c, profile, now);
    }
    settings.name = profile.name;
    store::catalogue::save_settings(c, settings, salon.id);
    for (int i = 0; i < o.clients_per_salon; ++i) {
      domain::Client client;
      client.first_name = "Client";
      client.last_name = std::to_string(k) + "-" + std::to_string(i + 1);
      client.email = "client" + std::to_string(k) + "-" + std::to_string(i + 1) + "@net.bench";
      salon.clients.push_back(store::clients::insert(c, client, now, false));
    }
    p.net.salons.push_back(std::move(salon));
  }
  p.first_staff = next_id(c, "staff");
  p.first_appointment = next_id(c, "appointments");
  p.first_line = next_id(c, "appointment_lines");
  return p;
}

// Staff (with salons, hours, skills), appointments and their lines.
void write_bulk(Bulk& b, const Salon& ref, const NetworkOptions& o, Plan& p) {
  const auto now = domain::to_epoch(domain::now());
  const std::size_t per_salon = ref.staff.size();
  auto staff_of = [&](std::size_t salon, Id ref_staff) {
    for (std::size_t i = 0; i < per_salon; ++i)
      if (ref.staff[i].id == ref_staff) return p.first_staff + static_cast<Id>(salon * per_salon + i);
    throw std::runtime_error("unknown staff member in the reference salon");
  };
  b.table("staff", {"id", "first_name", "last_name", "email", "role", "active", "created_at"});
  for (std::size_t k = 0; k < p.net.salons.size(); ++k)
    for (std::size_t i = 0; i < per_salon; ++i) {
      Id id = p.first_staff + static_cast<Id>(k * per_salon + i);
      p.net.salons[k].staff.push_back(id);
      b.row({id, std::string("Staff"), std::to_string(k + 1) + "-" + std::to_string(i + 1),
             "staff" + std::to_string(k + 1) + "-" + std::to_string(i + 1) + "@net.bench", std::string("employee"),
             std::int64_t{1}, now});
    }
  b.done();
  b.table("staff_salons", {"staff_id", "salon_id"});
  for (const auto& s : p.net.salons)
    for (Id id : s.staff) b.row({id, s.id});
  b.done();
  b.table("staff_hours", {"staff_id", "weekday", "start_minute", "end_minute", "salon_id"});
  for (const auto& s : p.net.salons)
    for (std::size_t i = 0; i < per_salon; ++i)
      for (const auto& h : ref.staff[i].hours)
        b.row({s.staff[i], std::int64_t{h.weekday}, std::int64_t{h.start_minute}, std::int64_t{h.end_minute}, s.id});
  b.done();
  b.table("staff_services", {"staff_id", "service_id"});
  for (std::size_t k = 0; k < p.net.salons.size(); ++k)
    for (std::size_t v = 0; v < ref.services.size(); ++v)
      for (Id st : ref.services[v].staff_ids) b.row({staff_of(k, st), p.net.services[v]});
  b.done();

  const std::size_t count = std::min<std::size_t>(ref.appointments.size(), static_cast<std::size_t>(o.appointments_per_salon));
  auto service_index = [&](Id ref_service) {
    for (std::size_t v = 0; v < ref.services.size(); ++v)
      if (ref.services[v].id == ref_service) return v;
    throw std::runtime_error("unknown service in the reference salon");
  };
  b.table("appointments", {"id", "client_id", "status", "start_at", "end_at", "confirmation", "is_group",
                           "rule_slot_step", "rule_min_notice", "rule_max_advance", "rule_cancel_notice", "created_at",
                           "created_by_type", "created_by_name", "updated_at", "updated_by_type", "updated_by_name",
                           "salon_id"});
  Id id = p.first_appointment;
  for (const auto& s : p.net.salons)
    for (std::size_t i = 0; i < count; ++i, ++id) {
      const auto& a = ref.appointments[i];
      bool group = ref.services[service_index(a.service_id)].capacity > 1;
      b.row({id, s.clients[i % s.clients.size()], std::string("approved"), domain::to_epoch(a.span.start),
             domain::to_epoch(a.span.end), std::string("silent"), std::int64_t{group}, std::int64_t{15}, std::int64_t{0},
             std::int64_t{3650}, std::int64_t{0}, now, std::string("system"), std::string("netgen"), now,
             std::string("system"), std::string("netgen"), s.id});
    }
  b.done();
  b.table("appointment_lines", {"id", "appointment_id", "position", "service_id", "staff_id", "start_at", "end_at",
                                "duration_minutes", "price_cents", "group_capacity", "active"});
  id = p.first_appointment;
  Id line = p.first_line;
  for (std::size_t k = 0; k < p.net.salons.size(); ++k)
    for (std::size_t i = 0; i < count; ++i, ++id, ++line) {
      const auto& a = ref.appointments[i];
      const auto& sv = ref.services[service_index(a.service_id)];
      b.row({line, id, std::int64_t{0}, p.net.services[service_index(a.service_id)], staff_of(k, a.staff_id),
             domain::to_epoch(a.span.start), domain::to_epoch(a.span.end),
             static_cast<std::int64_t>((a.span.end - a.span.start).count() / 60), std::int64_t{3000},
             std::int64_t{sv.capacity}, std::int64_t{1}});
    }
  b.done();
  p.net.appointments = static_cast<long long>(count * p.net.salons.size());
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

GeneratedNetwork generate_network(const std::string& url, const Salon& reference, const NetworkOptions& options,
                                  const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& s) {
    if (progress) progress(s);
  };
  auto t0 = Clock::now();
  auto db = store::Database::open(url, 1);
  if (db->dialect() == "sqlite") {
    // Everything in one transaction.
    return db->write([&](sql::Connection& c) {
      auto plan = write_small_parts(c, reference, options);
      say("catalogue, salons and clients: " + std::to_string(seconds_since(t0)) + " s");
      SqliteBulk bulk(c);
      write_bulk(bulk, reference, options, plan);
      say("staff and appointments: " + std::to_string(seconds_since(t0)) + " s");
      return plan.net;
    });
  }
  auto plan = db->write([&](sql::Connection& c) { return write_small_parts(c, reference, options); });
  say("catalogue, salons and clients: " + std::to_string(seconds_since(t0)) + " s");
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(conn.get()));
  exec(conn.get(), "BEGIN");
  // Migration 009's triggers would run once per copied row; they are off during the COPY and their columns are
  // filled once, set-based, as that migration does for existing rows.
  exec(conn.get(), "ALTER TABLE appointments DISABLE TRIGGER USER");
  exec(conn.get(), "ALTER TABLE appointment_lines DISABLE TRIGGER USER");
  PgBulk bulk(conn.get());
  write_bulk(bulk, reference, options, plan);
  exec(conn.get(), "UPDATE appointments a SET lines_minutes = t.minutes, lines_price_cents = t.price FROM "
                   "(SELECT appointment_id, SUM(duration_minutes) AS minutes, SUM(price_cents) AS price "
                   "FROM appointment_lines GROUP BY appointment_id) t WHERE t.appointment_id = a.id");
  exec(conn.get(), "UPDATE clients c SET first_visit_id = f.id, first_visit_at = f.start_at, "
                   "first_visit_salon_id = f.salon_id FROM (SELECT DISTINCT ON (client_id) client_id, id, start_at, "
                   "salon_id FROM appointments WHERE status <> 'cancelled' ORDER BY client_id, start_at, id) f "
                   "WHERE f.client_id = c.id");
  exec(conn.get(), "ALTER TABLE appointments ENABLE TRIGGER USER");
  exec(conn.get(), "ALTER TABLE appointment_lines ENABLE TRIGGER USER");
  for (const char* table : {"staff", "appointments", "appointment_lines"})
    exec(conn.get(), std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), (SELECT MAX(id) FROM " +
                         table + "))");
  exec(conn.get(), "COMMIT");
  say("staff and appointments (COPY): " + std::to_string(seconds_since(t0)) + " s");
  exec(conn.get(), "ANALYZE salons, staff, staff_salons, staff_hours, staff_services, clients, appointments, appointment_lines");
  say("ANALYZE: " + std::to_string(seconds_since(t0)) + " s");
  return plan.net;
}

GeneratedNetwork read_network(const std::string& url) {
  auto conn = store::connect(url);  // the schema as it is: an older server's database too
  auto& c = *conn;
  GeneratedNetwork net;
  for (const auto& r : c.query("SELECT id FROM services ORDER BY id")) net.services.push_back(r.integer(0));
  for (const auto& r : c.query("SELECT id FROM salons ORDER BY id")) net.salons.push_back({r.integer(0), {}, {}});
  for (auto& s : net.salons)
    for (const auto& r : c.query("SELECT ss.staff_id FROM staff_salons ss JOIN staff st ON st.id = ss.staff_id "
                                 "WHERE ss.salon_id = ? AND st.role = 'employee' ORDER BY ss.staff_id",
                                 {s.id}))
      s.staff.push_back(r.integer(0));
  // The generator writes each salon's clients one after the other.
  auto clients = c.query("SELECT id FROM clients WHERE email LIKE '%@net.bench' ORDER BY id");
  std::size_t per = net.salons.empty() ? 0 : clients.size() / net.salons.size();
  for (std::size_t k = 0; k < net.salons.size(); ++k)
    for (std::size_t i = 0; i < per; ++i) net.salons[k].clients.push_back(clients[k * per + i].integer(0));
  net.appointments = c.query("SELECT COUNT(*) FROM appointments").at(0).integer(0);
  return net;
}

}  // namespace creneau::bench
