// The reports over HTTP (issue 15): GET /api/reports/summary of one month for the whole network, on
//   1. the reference salon (../shared/bench/salon.json: 10 staff, 60 services, 5,000 appointments over 90 days), and
//   2. a generated network of 50 salons (5 staff each) with 250,000 appointments over a year (2027),
// each on its own database: SQLite files in a temporary folder, or the PostgreSQL databases given (empty ones).
// The catalogue (salons, staff with hours, services) goes in through the JSON API; clients and appointments in bulk,
// server stopped, as multi-row INSERTs through the store's own connection (a mix of cancellations, no-shows, online
// bookings and two-line visits, never two visits of one staff member at once). Then N sequential keep-alive requests
// per figure; medians (p50) and p90 are printed.
//
//   reports_bench [--bin PATH] [--salon PATH] [--ref-db URL] [--net-db URL] [--salons N] [--appointments N]
//                 [--requests N] [--port P] [--smoke] [--keep]
#include "net_client.hpp"
#include "salon.hpp"

#include "domain/time.hpp"
#include "store/database.hpp"

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <random>
#include <thread>

extern char** environ;

using namespace creneau;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using domain::Id;

namespace {

const char* kAdminEmail = "admin@bench.local";
const char* kAdminPassword = "bench-admin-pass-1";

struct Options {
  std::string bin = CRENEAU_BIN;
  std::string salon = bench::reference_salon_path();
  std::string ref_db, net_db;  // empty: SQLite files in the temporary folder
  int salons = 50, appointments = 250000, requests = 30, port = 18120;
  bool smoke = false, keep = false;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "reports_bench: %s\n", what.c_str());
  std::exit(2);
}
double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// ---- a keep-alive HTTP/1.1 client and the server process -------------------------------------------------

// The benches' keep-alive client (net_client.hpp), with this bench's "expect this status" call.
class Client {
public:
  explicit Client(int port) : http_(static_cast<unsigned short>(port)) {}
  bench::HttpClient::Answer call(bhttp::verb method, const std::string& target, const std::string& body = {}) {
    return http_.call(std::string(bhttp::to_string(method)), target, body);
  }
  json expect(bhttp::verb method, const std::string& target, const json& body, int status) {
    auto a = call(method, target, body.is_null() ? std::string() : body.dump());
    if (a.status != status) die(target + ": HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 300));
    return json::parse(a.body);
  }
  void set_token(std::string token) { http_.set_token(std::move(token)); }

private:
  bench::HttpClient http_;
};

struct Server {
  pid_t pid = -1;
  void start(const Options& o, const std::string& db, const std::string& log) {
    std::vector<std::string> args{o.bin, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(o.port)};
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
      if (std::strncmp(*e, "CRENEAU_ADMIN_", 14) != 0) env.emplace_back(*e);
    env.push_back(std::string("CRENEAU_ADMIN_EMAIL=") + kAdminEmail);
    env.push_back(std::string("CRENEAU_ADMIN_PASSWORD=") + kAdminPassword);
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    if (posix_spawn(&pid, o.bin.c_str(), &fa, nullptr, argv.data(), envp.data()) != 0) die("cannot start " + o.bin);
    posix_spawn_file_actions_destroy(&fa);
    auto t0 = Clock::now();
    for (;;) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) die("creneau exited during start-up; log " + log);
      try {
        Client probe(o.port);
        if (probe.call(bhttp::verb::get, "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      if (ms(Clock::now() - t0) > 30000) die("creneau did not start within 30 s; log " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
  }
  ~Server() { stop(); }
};

std::string admin_token(const Options& o) {
  Client c(o.port);
  return c.expect(bhttp::verb::post, "/api/auth/login", {{"email", kAdminEmail}, {"password", kAdminPassword}}, 200)["token"];
}

std::string hhmm(int m) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d:%02d", m / 60, m % 60);
  return b;
}

// ---- bulk writes -----------------------------------------------------------------------------------------

// INSERT INTO `head` VALUES (…), (…): rows of `columns` values each, as many per statement as the engines take.
void insert_rows(sql::Connection& c, const std::string& head, std::size_t columns, const std::vector<sql::Value>& values) {
  const std::size_t per = 30000 / columns;
  std::string row = "(?";
  for (std::size_t i = 1; i < columns; ++i) row += ", ?";
  row += ")";
  for (std::size_t first = 0; first < values.size(); first += per * columns) {
    std::size_t n = std::min(per, (values.size() - first) / columns);
    std::string q = "INSERT INTO " + head + " VALUES ";
    for (std::size_t r = 0; r < n; ++r) q += (r ? ", " : "") + row;
    c.query(q, std::vector<sql::Value>(values.begin() + static_cast<std::ptrdiff_t>(first),
                                       values.begin() + static_cast<std::ptrdiff_t>(first + n * columns)));
  }
}

std::vector<Id> insert_clients(sql::Connection& c, int n) {
  std::vector<sql::Value> v;
  for (int i = 0; i < n; ++i)
    v.insert(v.end(), {std::string("Client"), std::to_string(i + 1), "client" + std::to_string(i + 1) + "@bench.test",
                       std::int64_t{1798761600}});
  insert_rows(c, "clients (first_name, last_name, email, created_at)", 4, v);
  std::vector<Id> ids;
  for (const auto& r : c.query("SELECT id FROM clients ORDER BY id")) ids.push_back(r.integer(0));
  return ids;
}

struct Visit {
  Id salon = 1, client = 0, staff = 0;
  domain::Interval span;
  std::vector<std::pair<Id, int>> lines;  // service, minutes (back to back from the start)
  bool cancelled = false, no_show = false, online = false;
  std::int64_t price = 3000;
};

// Appointments and their lines with explicit ids, after the highest there is.
void insert_visits(sql::Connection& c, const std::vector<Visit>& visits) {
  Id next = c.query("SELECT COALESCE(MAX(id), 0) FROM appointments").at(0).integer(0) + 1;
  std::vector<sql::Value> a, l;
  for (const auto& v : visits) {
    Id id = next++;
    auto start = domain::to_epoch(v.span.start), end = domain::to_epoch(v.span.end);
    a.insert(a.end(), {id, v.salon, v.client, std::string(v.cancelled ? "cancelled" : "approved"), start, end,
                       std::int64_t{v.no_show}, std::string("silent"), std::int64_t{15}, std::int64_t{60},
                       std::int64_t{90}, std::int64_t{0}, start - 86400 * 7, std::string(v.online ? "client" : "staff"),
                       std::int64_t{1}, std::string("bench"), start - 86400 * 7, std::string("staff")});
    auto at = start;
    for (std::size_t k = 0; k < v.lines.size(); ++k) {
      auto [service, minutes] = v.lines[k];
      l.insert(l.end(), {id, static_cast<std::int64_t>(k), service, v.staff, at, at + minutes * 60,
                         std::int64_t{minutes}, v.price + static_cast<std::int64_t>(k) * 1000,
                         std::int64_t{v.cancelled ? 0 : 1}});
      at += minutes * 60;
    }
  }
  insert_rows(c, "appointments (id, salon_id, client_id, status, start_at, end_at, no_show, confirmation, rule_slot_step, "
                 "rule_min_notice, rule_max_advance, rule_cancel_notice, created_at, created_by_type, created_by_id, "
                 "created_by_name, updated_at, updated_by_type)", 18, a);
  insert_rows(c, "appointment_lines (appointment_id, position, service_id, staff_id, start_at, end_at, duration_minutes, "
                 "price_cents, active)", 9, l);
  if (c.dialect() == "postgres")  // explicit ids: the sequence moves past them
    c.query("SELECT setval(pg_get_serial_sequence('appointments', 'id'), (SELECT MAX(id) FROM appointments))");
}

// After a bulk load, what a database that has been running a while has: statistics, and (PostgreSQL) the visibility
// map that lets index-only scans skip the table (autovacuum would do it within minutes; VACUUM cannot run inside
// the store's transactions, hence psql).
void settle(const std::string& db) {
  if (db.rfind("postgres", 0) != 0) {
    store::Database::open(db, 1)->write([](sql::Connection& c) { c.query("ANALYZE"); });
    return;
  }
  std::string cmd = "psql -q -X '" + db + "' -c 'VACUUM ANALYZE appointments, appointment_lines, clients, staff, "
                    "staff_hours, client_packages, freed_slots, waitlist_offers, outbox' >/dev/null";
  if (std::system(cmd.c_str()) != 0) die("VACUUM ANALYZE failed: " + cmd);
}

// A deterministic mix: ~8 % cancelled, ~4 % no-shows, ~30 % booked online, ~20 % two lines.
void vary(Visit& v, std::mt19937_64& rng) {
  auto roll = rng() % 100;
  v.cancelled = roll < 8;
  v.no_show = !v.cancelled && roll < 12;
  v.online = rng() % 100 < 30;
  v.price = 2000 + static_cast<std::int64_t>(rng() % 5) * 1000;
}

// ---- measuring -------------------------------------------------------------------------------------------

struct Stats {
  std::vector<double> v;
  double pct(double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5))];
  }
};

// The server's CPU time so far (user + system), in ms: what a request costs whatever else runs on the machine.
double cpu_ms(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // state … cmajflt
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void measure(Client& c, pid_t server, const std::string& what, const std::string& target, int n) {
  auto first = c.call(bhttp::verb::get, target);  // warm-up (and the answer, once)
  if (first.status != 200) die(target + ": HTTP " + std::to_string(first.status) + " " + first.body.substr(0, 300));
  Stats s;
  double cpu0 = cpu_ms(server);
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    auto a = c.call(bhttp::verb::get, target);
    s.v.push_back(ms(Clock::now() - t0));
    if (a.status != 200) die(target + ": HTTP " + std::to_string(a.status));
  }
  double cpu = (cpu_ms(server) - cpu0) / n;
  std::printf("  %-44s p50 %7.2f ms  p90 %7.2f ms  server CPU %6.2f ms/request  (n=%d, %zu bytes)\n", what.c_str(),
              s.pct(50), s.pct(90), cpu, n, first.body.size());
  if (what.rfind("summary", 0) == 0) {
    auto j = json::parse(first.body)["network"];
    std::printf("    network: %s\n", j.dump().c_str());
  }
}

// ---- 1. the reference salon ---------------------------------------------------------------------------------

void reference_part(const Options& o, const std::string& db, const fs::path& dir) {
  auto salon = bench::load_reference_salon(o.salon);
  if (o.smoke) salon.appointments.resize(std::min<std::size_t>(salon.appointments.size(), 300));
  Server server;
  server.start(o, db, (dir / "reference.log").string());
  Client admin(o.port);
  admin.set_token(admin_token(o));
  admin.expect(bhttp::verb::patch, "/api/settings", {{"timezone", salon.timezone}, {"opening_hours", json::array()}}, 200);
  std::map<Id, Id> service, staff;
  std::map<Id, int> minutes;
  for (const auto& sv : salon.services) {
    service[sv.id] = admin.expect(bhttp::verb::post, "/api/services",
                                  {{"name", "Service " + std::to_string(sv.id)}, {"duration_minutes", sv.duration_minutes},
                                   {"price_cents", 3000}}, 201)["id"];
    minutes[sv.id] = sv.duration_minutes;
  }
  for (const auto& st : salon.staff) {
    json hours = json::array(), skills = json::array();
    for (const auto& h : st.hours) hours.push_back({{"weekday", h.weekday}, {"start", hhmm(h.start_minute)}, {"end", hhmm(h.end_minute)}});
    for (const auto& sv : salon.services)
      if (std::binary_search(sv.staff_ids.begin(), sv.staff_ids.end(), st.id)) skills.push_back(service.at(sv.id));
    staff[st.id] = admin.expect(bhttp::verb::post, "/api/staff",
                                {{"first_name", "Staff"}, {"last_name", std::to_string(st.id)},
                                 {"email", "staff" + std::to_string(st.id) + "@bench.test"}, {"service_ids", skills},
                                 {"hours", hours}}, 201)["id"];
  }
  server.stop();
  auto t0 = Clock::now();
  {
    auto database = store::Database::open(db, 1);
    database->write([&](sql::Connection& c) {
      auto clients = insert_clients(c, 500);
      std::mt19937_64 rng(20270201);
      std::vector<Visit> visits;
      for (const auto& x : salon.appointments) {
        Visit v;
        v.client = clients[rng() % clients.size()];
        v.staff = staff.at(x.staff_id);
        v.span = x.span;
        v.lines = {{service.at(x.service_id), static_cast<int>((x.span.end - x.span.start).count() / 60)}};
        vary(v, rng);
        visits.push_back(v);
      }
      insert_visits(c, visits);
    });
  }
  settle(db);
  std::printf("reference salon: %zu appointments in bulk in %.0f ms (with ANALYZE)\n", salon.appointments.size(),
              ms(Clock::now() - t0));
  server.start(o, db, (dir / "reference.log").string());
  Client c(o.port);
  c.set_token(admin_token(o));
  measure(c, server.pid, "summary, March 2027 (one salon = the network)", "/api/reports/summary?from=2027-03-01&to=2027-03-31", o.requests);
  measure(c, server.pid, "daily, March 2027", "/api/reports/daily?from=2027-03-01&to=2027-03-31", o.requests);
  measure(c, server.pid, "summary, the 90 days", "/api/reports/summary?from=2027-02-01&to=2027-05-01", o.requests);
}

// ---- 2. a generated network -----------------------------------------------------------------------------------

void network_part(const Options& o, const std::string& db, const fs::path& dir) {
  const int per_salon_staff = 5, slots_per_day = per_salon_staff * 9;  // 09:00–18:00, one-hour slots
  Server server;
  server.start(o, db, (dir / "network.log").string());
  Client admin(o.port);
  admin.set_token(admin_token(o));
  std::vector<Id> salons{1}, services;
  for (int i = 2; i <= o.salons; ++i)
    salons.push_back(admin.expect(bhttp::verb::post, "/api/salons",
                                  {{"name", "Salon " + std::to_string(i)}, {"slug", "salon-b" + std::to_string(i)},
                                   {"timezone", "Europe/Paris"}}, 201)["id"]);
  for (int i = 0; i < 10; ++i)
    services.push_back(admin.expect(bhttp::verb::post, "/api/services",
                                    {{"name", "Prestation " + std::to_string(i + 1)}, {"duration_minutes", 30},
                                     {"price_cents", 3000}}, 201)["id"]);
  std::map<Id, std::vector<Id>> staff;  // by salon
  for (Id s : salons) {
    json hours = json::array();
    for (int d = 1; d <= 6; ++d) hours.push_back({{"weekday", d}, {"start", "09:00"}, {"end", "18:00"}, {"salon_id", s}});
    for (int k = 0; k < per_salon_staff; ++k)
      staff[s].push_back(admin.expect(bhttp::verb::post, "/api/staff",
                                      {{"first_name", "Staff"}, {"last_name", std::to_string(s) + "-" + std::to_string(k)},
                                       {"email", "s" + std::to_string(s) + "-" + std::to_string(k) + "@bench.test"},
                                       {"salon_ids", {s}}, {"service_ids", services}, {"hours", hours}}, 201)["id"]);
  }
  server.stop();
  auto t0 = Clock::now();
  {
    auto database = store::Database::open(db, 1);
    database->write([&](sql::Connection& c) {
      auto clients = insert_clients(c, o.smoke ? 200 : 20000);
      // Working days of 2027 (Monday to Saturday); each salon's visits spread evenly over them, at distinct
      // (staff, hour) slots of a day.
      domain::Zone paris("Europe/Paris");
      std::vector<domain::LocalDate> days;
      for (auto d = domain::LocalDate::from_ymd(2027, 1, 1); d.year() == 2027; d = d.plus_days(1))
        if (d.weekday() != 7) days.push_back(d);
      std::mt19937_64 rng(7);
      std::vector<Visit> visits;
      visits.reserve(static_cast<std::size_t>(o.appointments));
      auto per_salon = static_cast<std::size_t>((o.appointments + o.salons - 1) / o.salons);
      auto per_day = std::max<std::size_t>(1, (per_salon + days.size() - 1) / days.size());
      if (per_day > static_cast<std::size_t>(slots_per_day)) die("too many appointments for the slots of a year");
      for (int i = 0; i < o.appointments; ++i) {
        auto s = static_cast<std::size_t>(i % o.salons);
        auto j = static_cast<std::size_t>(i / o.salons);
        auto day = days[(j / per_day) % days.size()];
        auto slot = (j % per_day) * (static_cast<std::size_t>(slots_per_day) / per_day);
        Visit v;
        v.salon = salons[s];
        v.staff = staff[v.salon][slot % per_salon_staff];
        v.client = clients[rng() % clients.size()];
        int hour = 9 + static_cast<int>(slot / per_salon_staff);
        bool two = rng() % 100 < 20;
        v.lines = {{services[rng() % services.size()], 30}};
        if (two) v.lines.push_back({services[rng() % services.size()], 30});
        v.span = {paris.at(day, hour * 60), paris.at(day, hour * 60 + (two ? 60 : 30))};
        vary(v, rng);
        visits.push_back(v);
      }
      insert_visits(c, visits);
    });
  }
  settle(db);
  std::printf("network: %d salons, %d staff, %d appointments in bulk in %.0f ms (with ANALYZE)\n", o.salons, o.salons * per_salon_staff,
              o.appointments, ms(Clock::now() - t0));
  server.start(o, db, (dir / "network.log").string());
  Client c(o.port);
  c.set_token(admin_token(o));
  auto of = ", network of " + std::to_string(o.salons);
  measure(c, server.pid, "summary, March 2027" + of, "/api/reports/summary?from=2027-03-01&to=2027-03-31", o.requests);
  measure(c, server.pid, "daily, March 2027" + of, "/api/reports/daily?from=2027-03-01&to=2027-03-31", o.requests);
  measure(c, server.pid, "summary, March 2027, one salon", "/api/reports/summary?from=2027-03-01&to=2027-03-31&salon_id=2", o.requests);
  measure(c, server.pid, "package_usage, March 2027", "/api/reports/package_usage?from=2027-03-01&to=2027-03-31", o.requests);
  measure(c, server.pid, "summary, all of 2027" + of, "/api/reports/summary?from=2027-01-01&to=2027-12-31", std::max(5, o.requests / 3));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--smoke") o.smoke = true;
    else if (a == "--keep") o.keep = true;
    else if (a == "--bin") o.bin = value();
    else if (a == "--salon") o.salon = value();
    else if (a == "--ref-db") o.ref_db = value();
    else if (a == "--net-db") o.net_db = value();
    else if (a == "--salons") o.salons = std::stoi(value());
    else if (a == "--appointments") o.appointments = std::stoi(value());
    else if (a == "--requests") o.requests = std::stoi(value());
    else if (a == "--port") o.port = std::stoi(value());
    else die("unknown argument " + a);
  }
  if (o.smoke) {
    o.salons = std::min(o.salons, 3);
    o.appointments = std::min(o.appointments, 3000);
    o.requests = std::min(o.requests, 3);
  }
  char tmpl[] = "/tmp/creneau-reports-bench-XXXXXX";
  if (!mkdtemp(tmpl)) die("cannot make a temporary folder");
  fs::path dir(tmpl);
  std::printf("creneau reports_bench%s: %s, temp %s\n", o.smoke ? " (smoke)" : "", o.bin.c_str(), tmpl);
  reference_part(o, o.ref_db.empty() ? (dir / "reference.db").string() : o.ref_db, dir);
  network_part(o, o.net_db.empty() ? (dir / "network.db").string() : o.net_db, dir);
  if (!o.keep) fs::remove_all(dir);
  return 0;
}
