// net_bench: the benchmarks of issue 17 on a generated network (bench/netgen), over HTTP against the real server.
//
//   net_bench --db URL [--bin PATH] [--threads N] [sections…] [options…]
//
// Sections (all when none is named):
//   --startup        start-up time (spawn → first 200 on /healthz), 5 runs, and RSS after the availability run
//   --avail          availability of one salon, 30 days, any staff, at a steady --rate over random salons (open
//                    loop: each latency counted from its scheduled send time), for --avail-seconds, after one
//                    untimed request per salon (--cold: none)
//   --race           decided bookings/s (201 or 409), --clients keep-alive clients over the first --salons-used
//                    salons, for --seconds, once per locking (--lockings global,fine), then the double-booking check
//   --create         booking create, one client, random salons, sequential (p50), after the same warm-up
//   --fresh          salon 1 over a fresh connection per request (a browser's first call): /healthz, a small
//                    authenticated read, availability one day and 30 days
// --plain: start the server without --pg-locking (a binary from before issue 17, for before/after figures)
// --server-arg ARG (repeatable): one more argument for the server, e.g. --server-arg --salon-cache --server-arg off
// Options: --rate 500 --avail-seconds 10 --clients 64 --seconds 5 --salons-used 100 --lockings global,fine
#include "network.hpp"
#include "net_client.hpp"

#include "store/database.hpp"


#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <thread>

using namespace creneau;
using namespace creneau::bench;

namespace {

struct Options {
  std::string db, bin = CRENEAU_BIN;
  int threads = 0, clients = 64, salons_used = 100;
  double rate = 500, avail_seconds = 10, seconds = 5;
  std::vector<std::string> lockings{"global", "fine"};
  std::set<std::string> sections;
  bool plain = false;  // --plain: no --pg-locking (a server from before issue 17: always global)
  bool warm = true;    // --cold: no warm-up (one request per salon) before the availability and create runs
  std::vector<std::string> server_extra;  // --server-arg
  bool wants(const char* s) const { return sections.empty() || sections.count(s); }
};

const char* kFirstDay = "2027-02-01";  // the generated appointments' first day (reference salon)
constexpr int kAvailClients = 48;       // keep-alive connections of the availability run

std::vector<std::string> server_args(const Options& o, const std::string& locking) {
  std::vector<std::string> a{"--db", o.db};
  if (!o.plain) a.insert(a.end(), {"--pg-locking", locking});
  if (o.threads > 0) a.insert(a.end(), {"--threads", std::to_string(o.threads)});
  a.insert(a.end(), o.server_extra.begin(), o.server_extra.end());
  return a;
}

void startup(const Options& o) {
  Stats with_admin, without;
  for (int i = 0; i < 5; ++i) {
    ServerProcess s;
    s.start(o.bin, server_args(o, "fine"), true);
    with_admin.add(s.healthy_ms);
    s.stop();
    ServerProcess t;
    t.start(o.bin, server_args(o, "fine"), false);
    without.add(t.healthy_ms);
    t.stop();
  }
  std::printf("start-up (spawn → /healthz 200): p50 %.1f ms with CRENEAU_ADMIN_* set, %.1f ms without\n",
              with_admin.pct(50), without.pct(50));
}

// A server that has served for a while has read every salon once (and keeps it), opened its pool's connections
// to PostgreSQL (each preparing its statements), and PostgreSQL has the pages in memory: the benchmarks measure
// that steady state, not the first seconds after a start (--cold skips this). One availability request per salon
// from as many clients as the availability run.
void warm_up(unsigned short port, const std::string& token, const GeneratedNetwork& net, const std::string& query) {
  std::atomic<std::size_t> next_salon{0};
  auto t = Clock::now();
  std::vector<std::thread> warmers;
  for (int w = 0; w < kAvailClients; ++w)
    warmers.emplace_back([&] {
      HttpClient c(port, token);
      for (std::size_t k; (k = next_salon++) < net.salons.size();)
        c.get("/api/availability?salon_id=" + std::to_string(net.salons[k].id) + query);
    });
  for (auto& w : warmers) w.join();
  std::printf("warm-up: one request per salon, %zu in %.1f s\n", net.salons.size(), ms(Clock::now() - t) / 1000);
}

std::string availability_query(const GeneratedNetwork& net) {
  return "&service_ids=" + std::to_string(net.services.front()) + "&from=" + kFirstDay + "&to=2027-03-02";
}

// Open loop: request i is due at t0 + i / rate; a pool of workers sends each when due (or as soon as one is
// free) and counts its latency from the due time, so a stall shows in the figures instead of slowing the sender.
void availability(const Options& o, const GeneratedNetwork& net) {
  ServerProcess s;
  s.start(o.bin, server_args(o, "fine"));
  auto token = login(s.port);
  auto [rss0, peak0] = s.rss();
  const std::string query = availability_query(net);
  if (o.warm) warm_up(s.port, token, net, query);
  const auto n = static_cast<std::size_t>(o.rate * o.avail_seconds);
  std::vector<double> latency(n, 0);
  std::atomic<std::size_t> next{0}, failed{0}, slots{0};
  const auto t0 = Clock::now() + std::chrono::milliseconds(200);
  const auto period = std::chrono::duration<double>(1.0 / o.rate);
  std::vector<std::thread> pool;
  for (int w = 0; w < kAvailClients; ++w)
    pool.emplace_back([&, w] {
      HttpClient c(s.port, token);
      std::mt19937_64 rng(static_cast<std::uint64_t>(w) * 7919 + 1);
      for (std::size_t i; (i = next++) < n;) {
        auto due = t0 + std::chrono::duration_cast<Clock::duration>(period * static_cast<double>(i));
        std::this_thread::sleep_until(due);
        const auto& salon = net.salons[rng() % net.salons.size()];
        auto a = c.get("/api/availability?salon_id=" + std::to_string(salon.id) + query);
        latency[i] = ms(Clock::now() - due);
        if (a.status != 200) failed++;
        else if (i % 97 == 0) slots += static_cast<std::size_t>(std::count(a.body.begin(), a.body.end(), '{'));
      }
    });
  for (auto& t : pool) t.join();
  double took = std::chrono::duration<double>(Clock::now() - t0).count();
  Stats st;
  for (double l : latency) st.add(l);
  if (const char* path = std::getenv("NET_BENCH_LATENCIES")) {  // one line per request: due time, latency (ms)
    if (FILE* f = std::fopen(path, "w")) {
      for (std::size_t i = 0; i < n; ++i) std::fprintf(f, "%.1f %.3f\n", 1000.0 * static_cast<double>(i) / o.rate, latency[i]);
      std::fclose(f);
    }
  }
  auto [rss, peak] = s.rss();
  std::printf("availability 30 days any staff, %zu salons, %.0f req/s scheduled (%.0f/s achieved), open loop: %s, %zu not 200\n",
              net.salons.size(), o.rate, static_cast<double>(n) / took, st.line().c_str(), failed.load());
  std::printf("server RSS: %.1f MiB after start-up and login (peak %.1f), %.1f MiB after the run (peak %.1f)\n", rss0,
              peak0, rss, peak);
}

struct RaceResult {
  std::size_t accepted = 0, taken = 0, other = 0;
  double seconds = 0;
  Stats latency;
};

// Random quarter hours on five weekdays from `monday`, at random staff of the first salons; each client books a
// service its staff member performs.
RaceResult race(const Options& o, const GeneratedNetwork& net, const Salon& ref, const std::string& locking,
                const std::string& monday) {
  ServerProcess s;
  s.start(o.bin, server_args(o, locking));
  auto token = login(s.port);
  auto first = *domain::LocalDate::parse(monday);
  std::size_t used = std::min<std::size_t>(net.salons.size(), static_cast<std::size_t>(o.salons_used));
  std::atomic<std::size_t> accepted{0}, taken{0}, other{0};
  std::mutex m;
  RaceResult r;
  const auto t0 = Clock::now();
  const auto end = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  std::vector<std::thread> pool;
  for (int w = 0; w < o.clients; ++w)
    pool.emplace_back([&, w] {
      HttpClient c(s.port, token);
      std::mt19937_64 rng(static_cast<std::uint64_t>(w) * 104729 + 17);
      Stats mine;
      while (Clock::now() < end) {
        const auto& salon = net.salons[rng() % used];
        std::size_t st = rng() % ref.staff.size();
        std::vector<std::size_t> performed;
        for (std::size_t v = 0; v < ref.services.size(); ++v)
          if (std::binary_search(ref.services[v].staff_ids.begin(), ref.services[v].staff_ids.end(), ref.staff[st].id))
            performed.push_back(v);
        if (performed.empty()) continue;
        std::size_t v = performed[rng() % performed.size()];
        int weekday = static_cast<int>(rng() % 5);  // `monday` + 0..4
        int minute = 9 * 60 + 15 * static_cast<int>(rng() % 16);  // 09:00-12:45, before the lunch break
        bool works = std::any_of(ref.staff[st].hours.begin(), ref.staff[st].hours.end(), [&](const auto& h) {
          return h.weekday == weekday + 1 && h.start_minute <= minute && minute + 30 <= h.end_minute;
        });
        if (!works) continue;  // not a decision: the staff member is off then
        auto day = first.plus_days(weekday);
        char start[40];
        std::snprintf(start, sizeof start, "%sT%02d:%02d:00Z", day.iso().c_str(), minute / 60, minute % 60);
        nlohmann::json body{{"salon_id", salon.id}, {"client_id", salon.clients[rng() % salon.clients.size()]},
                            {"start", start}, {"confirmation", "silent"},
                            {"lines", {{{"service_id", net.services[v]}, {"staff_id", salon.staff[st]},
                                        {"duration_minutes", 30}}}}};
        auto t = Clock::now();
        auto a = c.post("/api/appointments", body);
        mine.add(ms(Clock::now() - t));
        if (a.status == 201) accepted++;
        else if (a.status == 409) taken++;
        else if (other++ < 3) std::fprintf(stderr, "race: HTTP %d %s\n", a.status, a.body.substr(0, 300).c_str());
      }
      std::lock_guard lock(m);
      r.latency.v.insert(r.latency.v.end(), mine.v.begin(), mine.v.end());
    });
  for (auto& t : pool) t.join();
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.accepted = accepted;
  r.taken = taken;
  r.other = other;
  return r;
}

long long double_bookings(const std::string& url) {
  return store::connect(url)
      ->query("SELECT COUNT(*) FROM appointment_lines x JOIN appointment_lines y ON x.staff_id = y.staff_id "
              "AND x.id < y.id AND x.start_at < y.end_at AND y.start_at < x.end_at "
              "WHERE x.active = 1 AND y.active = 1 AND x.group_capacity = 1 AND y.group_capacity = 1 "
              "AND x.start_at >= 1811808000")  // 2027-06-01: the races' weeks
      .at(0)
      .integer(0);
}

void races(const Options& o, const GeneratedNetwork& net, const Salon& ref) {
  // Each locking books its own empty week: the first Monday after every appointment booked so far (June 2027 or
  // later, after the generated ones), then the week after.
  auto latest = store::connect(o.db)->query("SELECT COALESCE(MAX(start_at), 0) FROM appointment_lines").at(0).integer(0);
  auto monday = std::max(*domain::LocalDate::parse("2027-06-07"),
                         domain::LocalDate{static_cast<std::int32_t>(latest / 86400) + 1});
  while (monday.weekday() != 1) monday = monday.plus_days(1);
  std::map<std::string, double> rate;
  for (const auto& locking : o.lockings) {
    auto r = race(o, net, ref, locking, monday.iso());
    monday = monday.plus_days(7);
    double decided = static_cast<double>(r.accepted + r.taken) / r.seconds;
    rate[locking] = decided;
    std::printf("race --pg-locking %-6s %d clients over %d salons, %.1f s: %zu accepted, %zu taken (409), %zu other; "
                "%.0f decided bookings/s; latency p50 %.2f ms p99 %.2f ms\n",
                locking.c_str(), o.clients, std::min(o.salons_used, static_cast<int>(net.salons.size())), r.seconds,
                r.accepted, r.taken, r.other, decided, r.latency.pct(50), r.latency.pct(99));
  }
  if (rate.count("global") && rate.count("fine"))
    std::printf("fine / global = %.2f×\n", rate["fine"] / rate["global"]);
  std::printf("double bookings in the races' weeks: %lld\n", double_bookings(o.db));
}

void create(const Options& o, const GeneratedNetwork& net) {
  ServerProcess s;
  s.start(o.bin, server_args(o, "fine"));
  auto token = login(s.port);
  if (o.warm) warm_up(s.port, token, net, availability_query(net));
  HttpClient c(s.port, token);
  std::mt19937_64 rng(99);
  Stats st;
  auto first = *domain::LocalDate::parse("2027-07-05");
  for (int i = 0; i < 300; ++i) {
    const auto& salon = net.salons[rng() % net.salons.size()];
    // Staff 1-3 of the reference salon perform its first service (a refusal would show as "create: HTTP 422").
    auto day = first.plus_days(i % 5);
    int minute = 9 * 60 + 15 * (i / 5 % 16);
    char start[40];
    std::snprintf(start, sizeof start, "%sT%02d:%02d:00Z", day.iso().c_str(), minute / 60, minute % 60);
    nlohmann::json body{{"salon_id", salon.id}, {"client_id", salon.clients.front()}, {"start", start},
                        {"confirmation", "silent"},
                        {"lines", {{{"service_id", net.services.front()}, {"staff_id", salon.staff[i % 3]},
                                    {"duration_minutes", 15}}}}};
    auto t = Clock::now();
    auto a = c.post("/api/appointments", body);
    st.add(ms(Clock::now() - t));
    if (a.status != 201 && a.status != 409) std::fprintf(stderr, "create: HTTP %d %s\n", a.status, a.body.substr(0, 300).c_str());
  }
  std::printf("booking create, one client, random salons of %zu: %s\n", net.salons.size(), st.line().c_str());
}

void fresh(const Options& o, const GeneratedNetwork& net) {
  ServerProcess s;
  s.start(o.bin, server_args(o, "fine"));
  auto token = login(s.port);
  auto service = std::to_string(net.services.front());
  struct Case {
    const char* name;
    std::string target;
    bool auth;
  } cases[] = {
      {"GET /healthz (no token)", "/healthz", false},
      {"GET /api/salons/1 (token: auth read + one row)", "/api/salons/1", true},
      {"availability one day any staff", "/api/availability?salon_id=1&service_ids=" + service + "&from=2027-02-01", true},
      {"availability 30 days any staff", "/api/availability?salon_id=1&service_ids=" + service +
                                             "&from=2027-02-01&to=2027-03-02", true},
  };
  for (const auto& k : cases) {
    Stats fresh_conn, kept;
    HttpClient keep(s.port, k.auth ? token : "");
    for (int i = 0; i < 300; ++i) {
      auto t = Clock::now();
      HttpClient c(s.port, k.auth ? token : "");
      auto a = c.get(k.target);
      fresh_conn.add(ms(Clock::now() - t));
      if (a.status != 200) die(std::string(k.name) + ": HTTP " + std::to_string(a.status));
      t = Clock::now();
      keep.get(k.target);
      kept.add(ms(Clock::now() - t));
    }
    std::printf("%-48s fresh connection p50 %.3f ms, keep-alive p50 %.3f ms\n", k.name, fresh_conn.pct(50), kept.pct(50));
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + k);
      return argv[++i];
    };
    if (k == "--db") o.db = value();
    else if (k == "--bin") o.bin = value();
    else if (k == "--plain") o.plain = true;
    else if (k == "--cold") o.warm = false;
    else if (k == "--server-arg") o.server_extra.push_back(value());
    else if (k == "--threads") o.threads = std::stoi(value());
    else if (k == "--clients") o.clients = std::stoi(value());
    else if (k == "--salons-used") o.salons_used = std::stoi(value());
    else if (k == "--rate") o.rate = std::stod(value());
    else if (k == "--avail-seconds") o.avail_seconds = std::stod(value());
    else if (k == "--seconds") o.seconds = std::stod(value());
    else if (k == "--lockings") {
      o.lockings.clear();
      std::string v = value();
      for (std::size_t p = 0, q; p <= v.size(); p = q + 1) {
        q = v.find(',', p);
        if (q == std::string::npos) q = v.size();
        o.lockings.push_back(v.substr(p, q - p));
      }
    } else if (k == "--startup" || k == "--avail" || k == "--race" || k == "--create" || k == "--fresh")
      o.sections.insert(k.substr(2));
    else die("unknown option " + k);
  }
  if (o.db.empty()) die("usage: net_bench --db URL [--startup] [--avail] [--race] [--create] [--fresh] [options]");
  // Reading the network opens the database with this build's store, which migrates it: a server from before
  // (--plain) must find its own schema, so a SQLite file is read from a copy.
  std::string source = o.db;
  if (o.plain && o.db.rfind("postgres", 0) != 0) {
    source = (std::filesystem::temp_directory_path() / ("net_bench-read-" + std::to_string(getpid()) + ".db")).string();
    std::filesystem::copy_file(o.db, source, std::filesystem::copy_options::overwrite_existing);
  }
  auto net = read_network(source);
  if (source != o.db) std::filesystem::remove(source);
  if (net.salons.empty() || net.salons.front().staff.empty() || net.salons.front().clients.empty())
    die("no generated network in " + o.db + ": run netgen first");
  auto ref = load_reference_salon(reference_salon_path());
  std::printf("network: %zu salons, %lld appointments\n", net.salons.size(), net.appointments);
  if (o.wants("startup")) startup(o);
  if (o.wants("avail")) availability(o, net);
  if (o.wants("create")) create(o, net);
  if (o.wants("fresh")) fresh(o, net);
  if (o.wants("race")) races(o, net, ref);
}
