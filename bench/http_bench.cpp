// End-to-end benchmark over HTTP on SQLite (or PostgreSQL with --db). Starts the real `creneau` binary on a free loopback port with a
// temporary database, loads the reference salon through the JSON API, and measures with keep-alive clients:
//   - availability, 30 days, any staff (and one staff one day, any staff one day, 30 one-day queries): p50/p90/p99
//   - booking create, one client: p50/p90/p99
//   - decided bookings per second (201 or 409) from 16 concurrent clients racing for the same slots, then
//     zero double bookings checked through GET /api/appointments
//   - a second database with the generated salon and 100,000 appointments: server RSS and start-up time
//
//   http_bench [--smoke] [--bin PATH] [--salon PATH] [--clients N] [--seconds S] [--server-threads N]
//              [--big N] [--big-through-api] [--no-reference] [--keep] [--strict] [--db URL]
//
// --db URL            the reference salon's database, e.g. a new, empty postgresql://… database (default: a
//                     SQLite file in the temporary folder)
// --smoke             tiny sizes, no targets checked: it only proves the harness still works (ctest bench-smoke)
// --big N             appointments of the large database (default 100000, 0 skips that part)
// --big-through-api   load the large database through POST /api/appointments too (slow); by default its
//                     appointments go in through the server's own store layer in one transaction, server stopped
//                     (the documented bulk path: the same store::appointments::insert the API uses; it migrates
//                     the database to this build's schema, so a --bin of another version needs --big-through-api)
// --no-reference      only the large database part
// --keep              keep the temporary folder (databases and server logs)
// --strict            exit 1 when a target of issue 8 is missed (double bookings and errors always fail)
#include "salon.hpp"

#include "domain/availability.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/database.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

using namespace creneau;
using namespace creneau::bench;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

const char* kAdminEmail = "admin@bench.local";
const char* kAdminPassword = "bench-admin-pass-1";

struct Options {
  bool smoke = false, keep = false, strict = false, big_through_api = false, reference = true;
  std::string bin = CRENEAU_BIN;
  std::string salon = reference_salon_path();
  int clients = 16;
  double seconds = 5;
  int server_threads = 0;  // 0 = the server's default
  int big = 100000;
  std::string db;  // the reference salon's database: empty = a SQLite file in the temp folder
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "http_bench: %s\n", what.c_str());
  std::exit(2);
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  std::vector<double> v;
  void add(double x) { v.push_back(x); }
  double pct(double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
  }
  std::string line() {
    char buf[160];
    std::snprintf(buf, sizeof buf, "p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  (n=%zu)", pct(50), pct(90), pct(99), v.size());
    return buf;
  }
};

// ---- the server process ------------------------------------------------------------------------------

struct Server {
  pid_t pid = -1;
  unsigned short port = 0;
  std::string log;
  double listening_ms = 0;  // spawn → "listening" logged
  double healthy_ms = 0;    // spawn → first 200 on /healthz

  void start(const Options& o, const std::string& db, const std::string& log_path, bool admin_env = true);
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 1500; ++i) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    pid = -1;
  }
  // Resident memory now and at its peak, in MiB.
  std::pair<double, double> rss() const {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    double now = 0, peak = 0;
    while (std::getline(in, line)) {
      if (line.rfind("VmRSS:", 0) == 0) now = std::stod(line.substr(6)) / 1024.0;
      if (line.rfind("VmHWM:", 0) == 0) peak = std::stod(line.substr(6)) / 1024.0;
    }
    return {now, peak};
  }
  ~Server() { stop(); }
};

// ---- a keep-alive HTTP/1.1 client ----------------------------------------------------------------------

class Client {
public:
  explicit Client(unsigned short port, std::string token = {}) : port_(port), token_(std::move(token)) { connect(); }
  struct Answer {
    int status = 0;
    std::string body;
    json parsed() const { return json::parse(body, nullptr, false); }
  };
  Answer call(bhttp::verb method, const std::string& target, const std::string& body = {}) {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!token_.empty()) req.set(bhttp::field::authorization, "Bearer " + token_);
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    for (int attempt = 0;; ++attempt) {
      try {
        bhttp::write(socket_, req);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(256u << 20);
        bhttp::read(socket_, buffer_, parser);
        auto res = parser.release();
        Answer a{static_cast<int>(res.result_int()), std::move(res.body())};
        if (!res.keep_alive()) connect();
        return a;
      } catch (const std::exception& e) {
        if (attempt >= 1) throw;
        connect();  // the server closed an idle connection: once more on a fresh one
      }
    }
  }
  Answer get(const std::string& target) { return call(bhttp::verb::get, target); }
  Answer post(const std::string& target, const json& body) { return call(bhttp::verb::post, target, body.dump()); }
  Answer patch(const std::string& target, const json& body) { return call(bhttp::verb::patch, target, body.dump()); }
  void set_token(std::string t) { token_ = std::move(t); }

private:
  void connect() {
    beast::error_code ec;
    socket_.close(ec);
    socket_ = tcp::socket(ioc_);
    socket_.connect(tcp::endpoint(net::ip::address_v4::loopback(), port_));
    socket_.set_option(tcp::no_delay(true));
    buffer_.clear();
  }
  net::io_context ioc_;
  tcp::socket socket_{ioc_};
  beast::flat_buffer buffer_;
  unsigned short port_;
  std::string token_;
};

json expect(const Client::Answer& a, int status, const std::string& what) {
  if (a.status != status) die(what + ": HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 400));
  return a.parsed();
}

void Server::start(const Options& o, const std::string& db, const std::string& log_path, bool admin_env) {
  log = log_path;
  std::vector<std::string> args{o.bin, "serve", "--db", db, "--listen", "127.0.0.1:0"};
  if (o.server_threads > 0) {
    args.push_back("--threads");
    args.push_back(std::to_string(o.server_threads));
  }
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "CRENEAU_ADMIN_", 14) != 0) env_strings.emplace_back(*e);
  if (admin_env) {
    env_strings.push_back(std::string("CRENEAU_ADMIN_EMAIL=") + kAdminEmail);
    env_strings.push_back(std::string("CRENEAU_ADMIN_PASSWORD=") + kAdminPassword);
  }
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::size_t seen = fs::exists(log_path) ? fs::file_size(log_path) : 0;  // earlier runs logged there too
  port = 0;
  auto t0 = Clock::now();
  if (posix_spawn(&pid, o.bin.c_str(), &fa, nullptr, argv.data(), envp.data()) != 0) die("cannot start " + o.bin);
  posix_spawn_file_actions_destroy(&fa);
  // Wait for {"msg":"listening","url":"http://127.0.0.1:PORT"} in the log.
  std::size_t from = seen;
  std::string text;
  while (port == 0) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      die("creneau exited during start-up; log " + log_path);
    }
    if (ms(Clock::now() - t0) > 30000) die("creneau did not start within 30 s; log " + log_path);
    std::ifstream in(log_path);
    text.assign(std::istreambuf_iterator<char>(in), {});
    if (text.size() != seen) {
      seen = text.size();
      auto at = text.find("\"msg\":\"listening\"", from);
      if (at != std::string::npos) {
        auto u = text.find("http://127.0.0.1:", at);
        if (u != std::string::npos) {
          port = static_cast<unsigned short>(std::stoi(text.substr(u + 17)));
          listening_ms = ms(Clock::now() - t0);
        }
      }
    }
    if (port == 0) std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  Client probe(port);
  while (probe.get("/healthz").status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  healthy_ms = ms(Clock::now() - t0);
}

std::string login(unsigned short port) {
  Client c(port);
  auto j = expect(c.post("/api/auth/login", {{"email", kAdminEmail}, {"password", kAdminPassword}}), 200, "login");
  return j["token"].get<std::string>();
}

std::string hhmm(int m) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d:%02d", m / 60, m % 60);
  return b;
}

std::string iso(domain::Instant t) {
  static const domain::Zone utc("UTC");
  return utc.format(t);
}

// Runs `work(i)` for i in [0, n) on `threads` threads, each with its own keep-alive client.
template <typename Work>
void parallel(unsigned short port, const std::string& token, int threads, std::size_t n, Work work) {
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      Client c(port, token);
      for (std::size_t i; (i = next++) < n;) work(c, i);
    });
  for (auto& t : pool) t.join();
}

// The catalogue of `s` created through the API; salon ids → server ids.
struct Mapping {
  std::map<Id, Id> staff, service, resource;
  std::vector<Id> clients;
};

Mapping load_catalogue(Client& admin, const Salon& s, int clients) {
  Mapping m;
  expect(admin.patch("/api/settings", {{"timezone", s.timezone},
                                        {"opening_hours", json::array()},
                                        {"booking", {{"slot_step_minutes", 15}}}}),
         200, "settings");
  for (Id r : s.resources)
    m.resource[r] = expect(admin.post("/api/resources", {{"name", "Room " + std::to_string(r)}}), 201, "resource")["id"].get<Id>();
  for (const auto& sv : s.services) {
    json res = json::array();
    for (Id r : sv.resource_ids) res.push_back(m.resource.at(r));
    json body{{"name", "Service " + std::to_string(sv.id)}, {"duration_minutes", sv.duration_minutes},
              {"price_cents", 3000}, {"capacity", sv.capacity}, {"resource_ids", res}};
    m.service[sv.id] = expect(admin.post("/api/services", body), 201, "service")["id"].get<Id>();
  }
  for (const auto& st : s.staff) {
    json hours = json::array(), services = json::array();
    for (const auto& h : st.hours) hours.push_back({{"weekday", h.weekday}, {"start", hhmm(h.start_minute)}, {"end", hhmm(h.end_minute)}});
    for (const auto& sv : s.services)
      if (std::binary_search(sv.staff_ids.begin(), sv.staff_ids.end(), st.id)) services.push_back(m.service.at(sv.id));
    json body{{"first_name", "Staff"}, {"last_name", std::to_string(st.id)},
              {"email", "staff" + std::to_string(st.id) + "@bench.test"}, {"role", "employee"},
              {"service_ids", services}, {"hours", hours}};
    Id id = expect(admin.post("/api/staff", body), 201, "staff")["id"].get<Id>();
    m.staff[st.id] = id;
    for (const auto& t : st.time_off)
      expect(admin.post("/api/staff/" + std::to_string(id) + "/time_off",
                        {{"start", iso(t.start)}, {"end", iso(t.end)}, {"reason", "holiday"}}),
             201, "time off");
  }
  for (int i = 0; i < clients; ++i)
    m.clients.push_back(expect(admin.post("/api/clients", {{"first_name", "Client"}, {"last_name", std::to_string(i + 1)},
                                                           {"email", "client" + std::to_string(i + 1) + "@bench.test"}}),
                               201, "client")["id"].get<Id>());
  return m;
}

json booking_body(const Mapping& m, Id client, Id staff, Id service, domain::Interval span, std::optional<Id> resource,
                  const char* confirmation) {
  json line{{"service_id", m.service.at(service)}, {"staff_id", m.staff.at(staff)},
            {"duration_minutes", static_cast<int>((span.end - span.start).count() / 60)}};
  if (resource) line["resource_id"] = m.resource.at(*resource);
  return {{"client_id", client}, {"start", iso(span.start)}, {"lines", json::array({line})}, {"confirmation", confirmation}};
}

// Every appointment of the salon through POST /api/appointments, `clients` at once.
void load_appointments_api(unsigned short port, const std::string& token, const Salon& s, const Mapping& m, int clients) {
  std::atomic<int> failed{0};
  parallel(port, token, clients, s.appointments.size(), [&](Client& c, std::size_t i) {
    const auto& a = s.appointments[i];
    auto r = c.post("/api/appointments",
                    booking_body(m, m.clients[i % m.clients.size()], a.staff_id, a.service_id, a.span, a.resource_id, "silent"));
    if (r.status != 201 && failed++ < 3) std::fprintf(stderr, "appointment %lld: %d %s\n", static_cast<long long>(a.id), r.status, r.body.c_str());
  });
  if (failed) die(std::to_string(failed.load()) + " appointments of the salon were refused");
}

// The documented bulk path: the server's own store layer, one transaction (the server is stopped).
void load_appointments_bulk(const std::string& db, const Salon& s, const Mapping& m) {
  auto database = store::Database::open(db, 1);
  database->write([&](sql::Connection& c) {
    auto now = domain::now();
    for (std::size_t i = 0; i < s.appointments.size(); ++i) {
      const auto& x = s.appointments[i];
      domain::Appointment a;
      a.client_id = m.clients[i % m.clients.size()];
      a.status = domain::AppointmentStatus::approved;
      a.span = x.span;
      a.confirmation = domain::Confirmation::silent;
      a.group = s.service(x.service_id)->capacity > 1;
      a.created_at = a.updated_at = now;
      a.created_by = a.updated_by = {"system", 0, "bench"};
      domain::AppointmentLine l;
      l.service_id = m.service.at(x.service_id);
      l.staff_id = m.staff.at(x.staff_id);
      if (x.resource_id) l.resource_id = m.resource.at(*x.resource_id);
      l.span = x.span;
      l.duration_minutes = static_cast<int>((x.span.end - x.span.start).count() / 60);
      l.price_cents = 3000;
      a.lines.push_back(l);
      store::appointments::insert(c, a);
    }
  });
}

// The availability route loads only the busy spans of the staff and resources a query can use
// (store::appointments::AgendaScope): it must offer exactly the slots the whole agenda offers. Checked straight on
// the database for many queries: every `stride`-th service alone, for any staff and for its first staff member,
// and in visits of three services. Returns the number of queries compared; exits on a difference.
std::size_t check_scoped_agenda(const std::string& db, const Salon& salon, const Mapping& m, domain::LocalDate from,
                                int days, std::size_t stride) {
  auto database = store::Database::open(db, 1);
  std::size_t compared = 0;
  database->read([&](sql::Connection& c) {
    auto settings = store::catalogue::load_settings(c);
    domain::Zone zone(settings.timezone);
    auto frame = store::appointments::load_agenda_frame(c, 1);
    auto lo = zone.at(from, 0) - domain::Days(1), hi = zone.at(from.plus_days(days), 0) + domain::Days(1);
    auto whole = store::appointments::load_agenda(c, {1, zone, settings, frame}, lo, hi);
    auto compare = [&](const std::vector<Id>& services, std::optional<Id> staff) {
      domain::AvailabilityQuery q;
      q.from = from;
      q.to = from.plus_days(days - 1);
      q.step_minutes = settings.booking.slot_step_minutes;
      q.staff_id = staff;
      store::appointments::AgendaScope scope{{}, staff, {}, {}, 0};
      for (Id s : services) {
        auto sv = store::catalogue::find_service(c, m.service.at(s));
        q.lines.push_back({sv->id, sv->duration_minutes, sv->resource_ids, sv->capacity});
        scope.service_ids.push_back(sv->id);
        scope.resource_ids.insert(scope.resource_ids.end(), sv->resource_ids.begin(), sv->resource_ids.end());
      }
      auto want = domain::find_slots(whole, q);
      auto got = domain::find_slots(store::appointments::load_agenda(c, {1, zone, settings, frame}, lo, hi, scope), q);
      bool same = want.size() == got.size();
      for (std::size_t i = 0; same && i < want.size(); ++i) {
        same = want[i].span == got[i].span && want[i].lines.size() == got[i].lines.size();
        for (std::size_t k = 0; same && k < want[i].lines.size(); ++k) {
          const auto &x = want[i].lines[k], &y = got[i].lines[k];
          same = x.staff_id == y.staff_id && x.resource_id == y.resource_id && x.span == y.span && x.service_id == y.service_id;
        }
      }
      if (!same) die("the scoped agenda offers other slots than the whole agenda (service " + std::to_string(services[0]) + ")");
      ++compared;
    };
    for (std::size_t i = 0; i < salon.services.size(); i += stride) {
      const auto& sv = salon.services[i];
      compare({sv.id}, std::nullopt);
      compare({sv.id}, m.staff.at(sv.staff_ids.front()));
      compare({sv.id, salon.services[(i + 7) % salon.services.size()].id, salon.services[(i + 13) % salon.services.size()].id},
              std::nullopt);
    }
  });
  return compared;
}

std::string availability_target(const Mapping& m, const std::vector<Id>& services, domain::LocalDate from, int days,
                                 std::optional<Id> staff = std::nullopt) {
  std::string ids;
  for (Id s : services) ids += (ids.empty() ? "" : ",") + std::to_string(m.service.at(s));
  std::string t = "/api/availability?service_ids=" + ids + "&from=" + from.iso() + "&to=" + from.plus_days(days - 1).iso();
  if (staff) t += "&staff_id=" + std::to_string(m.staff.at(*staff));
  return t;
}

std::size_t slot_count(const Client::Answer& a) {
  auto j = a.parsed();
  return j.is_object() && j.contains("slots") ? j["slots"].size() : 0;
}

Stats time_requests(Client& c, const std::string& target, int n, std::size_t* bytes = nullptr) {
  Stats st;
  for (int i = 0; i < n + 3; ++i) {
    auto t0 = Clock::now();
    auto a = c.get(target);
    auto t1 = Clock::now();
    if (a.status != 200) die(target + ": HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 300));
    if (bytes) *bytes = a.body.size();
    if (i >= 3) st.add(ms(t1 - t0));  // the first ones warm caches
  }
  return st;
}

struct Result {
  std::vector<std::string> lines;
  bool missed = false, broken = false;
  void target(const std::string& what, double value, double limit, bool at_most, const char* unit) {
    bool ok = at_most ? value <= limit : value >= limit;
    char buf[200];
    std::snprintf(buf, sizeof buf, "%-46s %10.3f %-6s target %s %g %s  %s", what.c_str(), value, unit, at_most ? "<=" : ">=",
                  limit, unit, ok ? "ok" : "MISSED");
    lines.emplace_back(buf);
    missed = missed || !ok;
  }
};

// All lines of the appointments starting in [from, to), paged.
std::vector<json> list_appointments(Client& c, domain::LocalDate from, domain::LocalDate to) {
  std::vector<json> out;
  for (int offset = 0;; offset += 500) {
    auto j = expect(c.get("/api/appointments?from=" + from.iso() + "&to=" + to.iso() + "&limit=500&offset=" + std::to_string(offset)),
                    200, "list appointments");
    for (auto& a : j["items"]) out.push_back(a);
    if (j["items"].size() < 500) break;
  }
  return out;
}

// Lines of one staff member (or resource) that overlap, among appointments not cancelled (group sessions excepted).
std::size_t double_bookings(const std::vector<json>& appointments) {
  static const domain::Zone utc("UTC");
  std::map<Id, std::vector<std::tuple<domain::Instant, domain::Instant, bool>>> by_staff;
  for (const auto& a : appointments) {
    if (a["status"] == "cancelled") continue;
    for (const auto& l : a["lines"])
      by_staff[l["staff_id"].get<Id>()].emplace_back(*domain::parse_instant(l["start"].get<std::string>(), utc),
                                                     *domain::parse_instant(l["end"].get<std::string>(), utc),
                                                     a["group"].get<bool>());
  }
  std::size_t n = 0;
  for (auto& [staff, v] : by_staff) {
    std::sort(v.begin(), v.end());
    for (std::size_t i = 1; i < v.size(); ++i) {
      bool same_group = std::get<2>(v[i]) && std::get<2>(v[i - 1]) && std::get<0>(v[i]) == std::get<0>(v[i - 1]) &&
                        std::get<1>(v[i]) == std::get<1>(v[i - 1]);
      if (std::get<0>(v[i]) < std::get<1>(v[i - 1]) && !same_group) ++n;
    }
  }
  return n;
}

void reference_part(const Options& o, const fs::path& dir, Result& result) {
  auto salon = load_reference_salon(o.salon);
  if (o.smoke) salon.appointments.resize(std::min<std::size_t>(salon.appointments.size(), 300));
  Server server;
  const std::string db = o.db.empty() ? (dir / "reference.db").string() : o.db;
  server.start(o, db, (dir / "reference.log").string());
  auto token = login(server.port);
  Client admin(server.port, token);
  auto t0 = Clock::now();
  auto m = load_catalogue(admin, salon, 20);
  auto t1 = Clock::now();
  load_appointments_api(server.port, token, salon, m, o.clients);
  auto t2 = Clock::now();
  std::printf("reference salon loaded through the API: catalogue %.0f ms, %zu appointments %.0f ms (%.0f/s, %d clients)\n",
              ms(t1 - t0), salon.appointments.size(), ms(t2 - t1),
              static_cast<double>(salon.appointments.size()) / (ms(t2 - t1) / 1000.0), o.clients);

  // The server's answer must be the engine's, on the same salon.
  static const domain::Zone utc("UTC");
  auto agenda = to_agenda(salon, utc);
  const std::vector<Id> one{5}, three{2, 5, 8};
  const auto from = domain::LocalDate::from_ymd(2027, 2, 1);
  domain::AvailabilityQuery q;
  q.lines = needs_of(salon, one);
  q.from = from;
  q.to = from.plus_days(29);
  auto expected = domain::find_slots(agenda, q).size();
  auto got = slot_count(admin.get(availability_target(m, one, from, 30)));
  if (got != expected) {
    std::fprintf(stderr, "availability over HTTP offers %zu slots, the engine %zu\n", got, expected);
    result.broken = true;
  }

  int n = o.smoke ? 5 : 300;
  std::size_t bytes = 0;
  auto month = time_requests(admin, availability_target(m, one, from, 30), n, &bytes);
  std::printf("availability 30 days any staff, 1 service  %s  %zu slots, %zu bytes\n", month.line().c_str(), got, bytes);
  auto month3 = time_requests(admin, availability_target(m, three, from, 30), n, &bytes);
  std::printf("availability 30 days any staff, 3 services %s  %zu bytes\n", month3.line().c_str(), bytes);
  auto day = time_requests(admin, availability_target(m, {2}, from.plus_days(2), 1, Id{1}), n);
  std::printf("availability one staff one day             %s\n", day.line().c_str());
  auto any_day = time_requests(admin, availability_target(m, one, from.plus_days(2), 1), n);
  std::printf("availability any staff one day             %s\n", any_day.line().c_str());
  Stats thirty;
  for (int rep = 0; rep < (o.smoke ? 1 : 20); ++rep) {
    auto a = Clock::now();
    for (int d = 0; d < 30; ++d) admin.get(availability_target(m, one, from.plus_days(d), 1));
    thirty.add(ms(Clock::now() - a));
  }
  std::printf("30 one-day queries any staff (total)       %s\n", thirty.line().c_str());

  // Booking create, one client, into the empty weeks after the salon's horizon: every one accepted.
  auto first_free = salon.first_day.plus_days(salon.days + 7);
  while (first_free.weekday() != 1) first_free = first_free.plus_days(1);
  Stats create;
  int nb = o.smoke ? 10 : 500;
  {
    int i = 0;
    for (int d = 0; i < nb + 3; ++d) {
      auto date = first_free.plus_days(d);
      if (date.weekday() == 7) continue;
      for (int slot = 0; slot < 8 && i < nb + 3; ++slot)
        for (const auto& st : salon.staff) {
          if (i >= nb + 3) break;
          auto start = utc.at(date, 9 * 60 + 30 * slot);
          auto t = Clock::now();
          auto r = admin.post("/api/appointments",
                              booking_body(m, m.clients[static_cast<std::size_t>(i) % m.clients.size()], st.id,
                                           [&] {
                                             for (const auto& sv : salon.services)
                                               if (sv.duration_minutes == 30 &&
                                                   std::binary_search(sv.staff_ids.begin(), sv.staff_ids.end(), st.id))
                                                 return sv.id;
                                             return Id{8};
                                           }(),
                                           {start, start + std::chrono::minutes(30)}, std::nullopt, "approve"));
          auto dt = ms(Clock::now() - t);
          if (r.status != 201) die("booking create: HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 300));
          if (i++ >= 3) create.add(dt);
        }
    }
  }
  std::printf("booking create (one client, accepted)      %s\n", create.line().c_str());

  // 16 clients racing for the same slots: each books a random staff member at a random quarter hour of the same
  // ten days, so a good share are refused as taken (409) while many still get through over the whole run.
  auto race_from = first_free.plus_days(21);
  std::vector<domain::LocalDate> race_days;
  for (int d = 0; race_days.size() < 10; ++d)
    if (race_from.plus_days(d).weekday() != 7) race_days.push_back(race_from.plus_days(d));
  std::atomic<long> accepted{0}, taken{0}, other{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  Stats race_latency;
  std::vector<std::thread> pool;
  auto r0 = Clock::now();
  double seconds = o.smoke ? 0.5 : o.seconds;
  for (int t = 0; t < o.clients; ++t)
    pool.emplace_back([&, t] {
      Client c(server.port, token);
      std::mt19937_64 rng(1000 + static_cast<unsigned>(t));
      Stats local;
      while (!stop.load()) {
        const auto& st = salon.staff[rng() % salon.staff.size()];
        std::vector<const SalonService*> mine;
        for (const auto& sv : salon.services)
          if (sv.duration_minutes <= 60 && std::binary_search(sv.staff_ids.begin(), sv.staff_ids.end(), st.id)) mine.push_back(&sv);
        const auto* sv = mine[rng() % mine.size()];
        auto date = race_days[rng() % race_days.size()];
        // a start inside one working piece
        std::vector<int> starts;
        for (const auto& h : st.hours)
          if (h.weekday == date.weekday())
            for (int s = h.start_minute; s + sv->duration_minutes <= h.end_minute; s += 15) starts.push_back(s);
        if (starts.empty()) continue;
        auto start = utc.at(date, starts[rng() % starts.size()]);
        auto body = booking_body(m, m.clients[rng() % m.clients.size()], st.id, sv->id,
                                 {start, start + std::chrono::minutes(sv->duration_minutes)}, std::nullopt, "approve");
        auto a = Clock::now();
        auto r = c.post("/api/appointments", body);
        local.add(ms(Clock::now() - a));
        if (r.status == 201) ++accepted;
        else if (r.status == 409) ++taken;
        else if (other++ < 3) std::fprintf(stderr, "race: HTTP %d %s\n", r.status, r.body.substr(0, 300).c_str());
      }
      std::lock_guard lock(mutex);
      race_latency.v.insert(race_latency.v.end(), local.v.begin(), local.v.end());
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : pool) t.join();
  double elapsed = ms(Clock::now() - r0) / 1000.0;
  double rate = static_cast<double>(accepted + taken) / elapsed;
  std::printf("race, %d clients, %.1f s: %ld accepted, %ld refused as taken, %ld other; %.0f decided bookings/s; latency %s\n",
              o.clients, elapsed, accepted.load(), taken.load(), other.load(), rate, race_latency.line().c_str());
  if (other) result.broken = true;

  // The write path alone: 16 clients booking distinct free slots (every answer a 201), in empty weeks after the race.
  struct Free {
    Id staff, service;
    domain::Instant start;
  };
  std::vector<Free> free;
  for (int d = 0; free.size() < 20000 && d < 120; ++d) {
    auto date = race_days.back().plus_days(7 + d);
    for (const auto& st : salon.staff) {
      Id service = 0;
      for (const auto& sv : salon.services)
        if (sv.duration_minutes == 30 && std::binary_search(sv.staff_ids.begin(), sv.staff_ids.end(), st.id)) service = sv.id;
      if (!service) continue;
      for (const auto& h : st.hours)
        if (h.weekday == date.weekday())
          for (int m0 = h.start_minute; m0 + 30 <= h.end_minute; m0 += 30) free.push_back({st.id, service, utc.at(date, m0)});
    }
  }
  std::atomic<std::size_t> next_free{0};
  std::atomic<long> created{0}, refused{0};
  stop = false;
  pool.clear();
  auto c0 = Clock::now();
  for (int t = 0; t < o.clients; ++t)
    pool.emplace_back([&, t] {
      Client c(server.port, token);
      for (std::size_t i; !stop.load() && (i = next_free++) < free.size();) {
        const auto& f = free[i];
        auto r = c.post("/api/appointments", booking_body(m, m.clients[(i + static_cast<std::size_t>(t)) % m.clients.size()], f.staff,
                                                         f.service, {f.start, f.start + std::chrono::minutes(30)},
                                                         std::nullopt, "approve"));
        if (r.status == 201) ++created;
        else if (refused++ < 3) std::fprintf(stderr, "create: HTTP %d %s\n", r.status, r.body.substr(0, 300).c_str());
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : pool) t.join();
  double created_rate = static_cast<double>(created.load()) / (ms(Clock::now() - c0) / 1000.0);
  std::printf("create, %d clients, distinct free slots: %ld accepted, %ld other; %.0f accepted bookings/s\n", o.clients,
              created.load(), refused.load(), created_rate);
  if (refused) result.broken = true;

  auto all = list_appointments(admin, race_days.front(), race_days.back());
  auto doubles = double_bookings(all);
  std::printf("double bookings among %zu appointments of the race days: %zu\n", all.size(), doubles);
  if (doubles) result.broken = true;
  if (static_cast<long>(all.size()) != accepted.load()) {
    std::fprintf(stderr, "the race days hold %zu appointments, %ld were accepted\n", all.size(), accepted.load());
    result.broken = true;
  }
  // (Opening the database here runs this build's migrations: not for a server binary of another version.)
  if (o.bin == CRENEAU_BIN) {
    auto checked = check_scoped_agenda(db, salon, m, from, o.smoke ? 7 : 30, 1);
    std::printf("scoped agenda: the same slots as the whole agenda for %zu queries\n", checked);
  }
  auto [rss, peak] = server.rss();
  std::printf("server RSS after the reference salon: %.1f MiB (peak %.1f MiB)\n", rss, peak);

  result.target("HTTP availability 30 days any staff p50", month.pct(50), 2, true, "ms");
  result.target("HTTP booking create p50", create.pct(50), 2, true, "ms");
  result.target("decided bookings/s, 16 clients", rate, 1000, false, "/s");
  result.target("double bookings", static_cast<double>(doubles), 0, true, "");
  server.stop();
}

void big_part(const Options& o, const fs::path& dir, Result& result) {
  GeneratorOptions g;
  if (o.smoke) {  // small, but busy enough that resources are often held by staff outside a query's scope
    g.staff = 8;
    g.resources = 2;
    g.services = 20;
    g.days = 14;
  }
  g.appointments = o.big;
  auto salon = generate_salon(g);
  auto db = (dir / "big.db").string();
  Mapping m;
  {
    Server server;
    server.start(o, db, (dir / "big.log").string());
    auto token = login(server.port);
    Client admin(server.port, token);
    auto t0 = Clock::now();
    m = load_catalogue(admin, salon, o.smoke ? 20 : 500);
    std::printf("generated salon: %zu staff, %zu resources, %zu services, %zu clients through the API in %.0f ms\n",
                salon.staff.size(), salon.resources.size(), salon.services.size(), m.clients.size(), ms(Clock::now() - t0));
    if (o.big_through_api) {
      t0 = Clock::now();
      load_appointments_api(server.port, token, salon, m, o.clients);
      std::printf("%zu appointments through the API in %.0f ms\n", salon.appointments.size(), ms(Clock::now() - t0));
    }
    server.stop();
  }
  if (!o.big_through_api) {
    auto t0 = Clock::now();
    load_appointments_bulk(db, salon, m);
    std::printf("%zu appointments through the store layer (bulk path) in %.0f ms\n", salon.appointments.size(), ms(Clock::now() - t0));
  }
  std::printf("database size %.1f MiB\n", static_cast<double>(fs::file_size(db)) / (1 << 20));
  auto checked = check_scoped_agenda(db, salon, m, salon.first_day.plus_days(o.smoke ? 0 : 91), o.smoke ? 7 : 14, o.smoke ? 1 : 5);
  std::printf("scoped agenda: the same slots as the whole agenda for %zu queries\n", checked);

  // Start-up as the tests and the other parts run it (CRENEAU_ADMIN_* set: the server hashes that password with
  // Argon2id, 64 MiB, at every start), then without those variables: what the data itself costs.
  auto startups = [&](bool admin_env, Stats& listening, Stats& healthy, Server& server) {
    for (int i = 0; i < (o.smoke ? 1 : 5); ++i) {
      if (i > 0) server.stop();
      server.start(o, db, (dir / "big.log").string(), admin_env);
      listening.add(server.listening_ms);
      healthy.add(server.healthy_ms);
    }
  };
  Stats listening, healthy, listening_bare, healthy_bare;
  std::string token;
  double peak_hashing = 0;
  {
    Server server;
    startups(true, listening, healthy, server);
    token = login(server.port);  // sessions live in the database: the token serves the next server too
    peak_hashing = server.rss().second;
  }
  std::printf("start-up on %zu appointments: listening %s; answering /healthz %s\n", salon.appointments.size(),
              listening.line().c_str(), healthy.line().c_str());
  Server server;
  startups(false, listening_bare, healthy_bare, server);
  std::printf("  the same without CRENEAU_ADMIN_* (no password hashing at start): answering /healthz %s\n",
              healthy_bare.line().c_str());
  auto [rss0, peak0] = server.rss();
  Client admin(server.port, token);
  // Touch what a working day touches: availability over a month for several services, listings, a few bookings.
  auto from = salon.first_day.plus_days(o.smoke ? 0 : 91);
  Stats month;
  for (std::size_t i = 0; i < std::min<std::size_t>(salon.services.size(), 40); ++i) {
    auto target = availability_target(m, {salon.services[i].id}, from, 30);
    auto st = time_requests(admin, target, o.smoke ? 1 : 5);
    month.v.insert(month.v.end(), st.v.begin(), st.v.end());
  }
  std::printf("availability 30 days any staff on the big salon (40 services) %s\n", month.line().c_str());
  for (int i = 0; i < 10; ++i) expect(admin.get("/api/appointments?from=" + from.plus_days(i * 7).iso() + "&to=" + from.plus_days(i * 7 + 6).iso() + "&limit=500"), 200, "list");
  auto [rss, peak] = server.rss();
  std::printf("server RSS with %zu appointments: %.1f MiB after start-up, %.1f MiB after the queries, peak %.1f MiB "
              "(peak %.1f MiB when the start hashes the admin password and a login follows)\n",
              salon.appointments.size(), rss0, rss, std::max(peak, peak0), peak_hashing);
  double worst = std::max({peak, peak0, peak_hashing});
  result.target("server RSS, " + std::to_string(salon.appointments.size()) + " appointments (worst peak)", worst, 150, true, "MiB");
  result.target("start-up on that database (median)", healthy.pct(50), 1000, true, "ms");
  server.stop();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--smoke") o.smoke = true;
    else if (a == "--keep") o.keep = true;
    else if (a == "--strict") o.strict = true;
    else if (a == "--big-through-api") o.big_through_api = true;
    else if (a == "--no-reference") o.reference = false;
    else if (a == "--bin") o.bin = value();
    else if (a == "--db") o.db = value();
    else if (a == "--salon") o.salon = value();
    else if (a == "--clients") o.clients = std::stoi(value());
    else if (a == "--seconds") o.seconds = std::stod(value());
    else if (a == "--server-threads") o.server_threads = std::stoi(value());
    else if (a == "--big") o.big = std::stoi(value());
    else die("unknown argument " + a + " (see the top of bench/http_bench.cpp)");
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (o.smoke) o.big = std::min(o.big, 2000);
  char tmpl[] = "/tmp/creneau-http-bench-XXXXXX";
  if (!mkdtemp(tmpl)) die("cannot create a temporary folder");
  fs::path dir(tmpl);
  std::printf("creneau http_bench%s: %s, %d clients, temp %s\n", o.smoke ? " (smoke)" : "", o.bin.c_str(), o.clients, tmpl);
  Result result;
  if (o.reference) reference_part(o, dir, result);
  if (o.big > 0) big_part(o, dir, result);
  std::printf("\n");
  for (const auto& l : result.lines) std::printf("%s\n", l.c_str());
  if (!o.keep) fs::remove_all(dir);
  else std::printf("kept %s\n", tmpl);
  if (result.broken) return 1;
  if (o.strict && result.missed && !o.smoke) return 1;
  return 0;
}
