// Availability engine benchmarks: the reference salon (../shared/bench/salon.json) and a generated larger salon
// loaded straight into domain::Agenda (no I/O in the timed part). `Old*` cases run the engine as it was before the
// performance work (tests/support/reference_engine.cpp) on the same data, for the before/after comparison.
//
//   engine_bench [--smoke] [google-benchmark flags]
//   --smoke   every case once at tiny sizes (ctest label bench-smoke)
#include "reference_engine.hpp"
#include "salon.hpp"

#include "domain/availability.hpp"
#if __has_include("domain/waitlist.hpp")
#include "domain/waitlist.hpp"
#define CRENEAU_BENCH_WAITLIST 1
#endif

#include <benchmark/benchmark.h>

#include <cstring>
#include <span>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>

using namespace creneau;
using namespace creneau::bench;

namespace {

bool g_smoke = false;

const domain::Zone& utc() {
  static const domain::Zone z("UTC");
  return z;
}

// ---- the reference salon -------------------------------------------------------------------------------

const Salon& reference() {
  static const Salon s = load_reference_salon(reference_salon_path());
  return s;
}
const domain::Agenda& reference_agenda() {
  static const domain::Agenda a = to_agenda(reference(), utc());
  return a;
}

// A 30-minute service (5 staff) and a 90-minute visit of three services (45 + 30 + 15 minutes).
const std::vector<Id> kOneService{5};
const std::vector<Id> kThreeServices{2, 5, 8};
const domain::LocalDate kFrom = domain::LocalDate::from_ymd(2027, 2, 1);  // a Monday, first day of the salon

domain::AvailabilityQuery query(const Salon& s, const std::vector<Id>& services, domain::LocalDate from, int days,
                                std::optional<Id> staff = std::nullopt) {
  domain::AvailabilityQuery q;
  q.lines = needs_of(s, services);
  q.from = from;
  q.to = from.plus_days(days - 1);
  q.step_minutes = 15;
  q.staff_id = staff;
  return q;
}

template <typename Engine>
void run(benchmark::State& state, const domain::Agenda& agenda, const domain::AvailabilityQuery& q, Engine engine) {
  std::size_t slots = 0;
  for (auto _ : state) {
    auto out = engine(agenda, q);
    slots = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["slots"] = static_cast<double>(slots);
}

auto engine_new = [](const domain::Agenda& a, const domain::AvailabilityQuery& q) { return domain::find_slots(a, q); };

// for_each_slot into a sink that only counts: the engine without building a Slot (and its vector) per slot.
void run_stream(benchmark::State& state, const domain::Agenda& agenda, const domain::AvailabilityQuery& q) {
  struct Count final : domain::SlotSink {
    std::size_t n = 0;
    void slot(const domain::Interval&, std::span<const domain::SlotLine>) override { ++n; }
  };
  std::size_t slots = 0;
  for (auto _ : state) {
    Count c;
    domain::for_each_slot(agenda, q, c);
    slots = c.n;
    benchmark::DoNotOptimize(slots);
  }
  state.counters["slots"] = static_cast<double>(slots);
}
auto engine_old = [](const domain::Agenda& a, const domain::AvailabilityQuery& q) { return reference::find_slots(a, q); };

// (1) every slot, any staff, 30 days
void Ref_AnyStaff30d_1Service(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kOneService, kFrom, 30), engine_new); }
void Ref_AnyStaff30d_3Services(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kThreeServices, kFrom, 30), engine_new); }
void Ref_AnyStaff30d_1Service_Stream(benchmark::State& st) { run_stream(st, reference_agenda(), query(reference(), kOneService, kFrom, 30)); }
void Old_Ref_AnyStaff30d_1Service(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kOneService, kFrom, 30), engine_old); }
void Old_Ref_AnyStaff30d_3Services(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kThreeServices, kFrom, 30), engine_old); }
// (2) one staff member, one day (staff 1 performs service 2; Wednesday 3 February)
void Ref_OneStaffOneDay(benchmark::State& st) {
  run(st, reference_agenda(), query(reference(), {2}, kFrom.plus_days(2), 1, Id{1}), engine_new);
}
void Old_Ref_OneStaffOneDay(benchmark::State& st) {
  run(st, reference_agenda(), query(reference(), {2}, kFrom.plus_days(2), 1, Id{1}), engine_old);
}
// Any staff, one day (the PHP system's 23.5 ms case) and 30 one-day queries (its 734 ms case).
void Ref_AnyStaffOneDay(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kOneService, kFrom.plus_days(2), 1), engine_new); }
void Ref_AnyStaff30x1d(benchmark::State& st) {
  std::vector<domain::AvailabilityQuery> qs;
  for (int d = 0; d < 30; ++d) qs.push_back(query(reference(), kOneService, kFrom.plus_days(d), 1));
  std::size_t slots = 0;
  for (auto _ : st) {
    slots = 0;
    for (const auto& q : qs) slots += domain::find_slots(reference_agenda(), q).size();
    benchmark::DoNotOptimize(slots);
  }
  st.counters["slots"] = static_cast<double>(slots);
}
// Growth with the days in range.
void Ref_AnyStaff_Days(benchmark::State& st) {
  run(st, reference_agenda(), query(reference(), kOneService, kFrom, static_cast<int>(st.range(0))), engine_new);
  st.SetComplexityN(st.range(0));
}
void Old_Ref_AnyStaff_Days(benchmark::State& st) {
  run(st, reference_agenda(), query(reference(), kOneService, kFrom, static_cast<int>(st.range(0))), engine_old);
}

// ---- the generated salon: 40 staff, 8 resources, 200 services, 100,000 appointments over a year ---------

GeneratorOptions generator_options() {
  GeneratorOptions o;
  if (g_smoke) {
    o.staff = 8;
    o.services = 20;
    o.days = 30;
    o.appointments = 2000;
  }
  return o;
}
const Salon& generated() {
  static const Salon s = generate_salon(generator_options());
  return s;
}
// The same salon with only `n` of its appointments (cost vs number of appointments).
const domain::Agenda& generated_agenda(std::size_t n) {
  static std::map<std::size_t, std::pair<std::unique_ptr<Salon>, std::unique_ptr<domain::Agenda>>> cache;
  auto& e = cache[n];
  if (!e.second) {
    e.first = std::make_unique<Salon>(thin_out(generated(), n));
    e.second = std::make_unique<domain::Agenda>(to_agenda(*e.first, utc()));
  }
  return *e.second;
}
const domain::Agenda& generated_agenda() { return generated_agenda(generated().appointments.size()); }

// Representative visits of the generated salon: a 30-minute service without a resource, and a visit of three
// services whose middle one needs a resource.
std::vector<Id> generated_one() {
  for (const auto& s : generated().services)
    if (s.duration_minutes == 30 && s.resource_ids.empty() && s.capacity == 1) return {s.id};
  return {generated().services.front().id};
}
std::vector<Id> generated_three() {
  std::vector<Id> out{generated_one()[0]};
  for (const auto& s : generated().services)
    if (!s.resource_ids.empty() && s.duration_minutes <= 45) {
      out.push_back(s.id);
      break;
    }
  for (const auto& s : generated().services)
    if (s.duration_minutes == 15 && s.resource_ids.empty() && s.capacity == 1) {
      out.push_back(s.id);
      break;
    }
  return out;
}
domain::LocalDate generated_from() { return generated().first_day.plus_days(g_smoke ? 0 : 91); }  // early April
int days(int n) { return g_smoke ? std::min(n, 7) : n; }

void Gen_AnyStaff30d_1Service(benchmark::State& st) { run(st, generated_agenda(), query(generated(), generated_one(), generated_from(), days(30)), engine_new); }
void Gen_AnyStaff30d_3Services(benchmark::State& st) { run(st, generated_agenda(), query(generated(), generated_three(), generated_from(), days(30)), engine_new); }
void Old_Gen_AnyStaff30d_1Service(benchmark::State& st) { run(st, generated_agenda(), query(generated(), generated_one(), generated_from(), days(30)), engine_old); }
void Old_Gen_AnyStaff30d_3Services(benchmark::State& st) { run(st, generated_agenda(), query(generated(), generated_three(), generated_from(), days(30)), engine_old); }
void Gen_OneStaffOneDay(benchmark::State& st) {
  auto service = generated_one()[0];
  run(st, generated_agenda(), query(generated(), {service}, generated_from().plus_days(2), 1, generated().service(service)->staff_ids[0]), engine_new);
}
void Gen_AnyStaff_Days(benchmark::State& st) {
  int n = static_cast<int>(st.range(0));
  if (g_smoke) n = std::min(n, 7);
  run(st, generated_agenda(), query(generated(), generated_one(), generated().first_day, n), engine_new);
  st.SetComplexityN(n);
}
void Gen_AnyStaff_Days_Stream(benchmark::State& st) {
  int n = static_cast<int>(st.range(0));
  if (g_smoke) n = std::min(n, 7);
  run_stream(st, generated_agenda(), query(generated(), generated_one(), generated().first_day, n));
  st.SetComplexityN(n);
}
void Old_Gen_AnyStaff_Days(benchmark::State& st) {
  int n = static_cast<int>(st.range(0));
  if (g_smoke) n = std::min(n, 7);
  run(st, generated_agenda(), query(generated(), generated_one(), generated().first_day, n), engine_old);
}
void Gen_AnyStaff30d_Appointments(benchmark::State& st) {
  auto n = static_cast<std::size_t>(st.range(0));
  if (g_smoke) n = std::min<std::size_t>(n, generated().appointments.size());
  const auto& agenda = generated_agenda(n);
  run(st, agenda, query(generated(), generated_one(), generated_from(), days(30)), engine_new);
  st.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
void Old_Gen_AnyStaff30d_Appointments(benchmark::State& st) {
  auto n = static_cast<std::size_t>(st.range(0));
  if (g_smoke) n = std::min<std::size_t>(n, generated().appointments.size());
  run(st, generated_agenda(n), query(generated(), generated_one(), generated_from(), days(30)), engine_old);
}


#ifdef CRENEAU_BENCH_WAITLIST
// ---- (3) waitlist matching: one freed slot against 10,000 waiting visits ---------------------------------

struct WaitlistCase {
  domain::Agenda agenda;
  std::vector<domain::Service> services;
  std::vector<domain::WaitingVisit> visits;
  std::vector<domain::WaitingLine> lines;
  domain::WaitlistQuery query;
};

// The salon with one appointment cancelled (its time shows free in the agenda), and `n` visits booked later that
// asked to be told of an earlier slot: one to three services each, a fifth bound to their staff member.
std::unique_ptr<WaitlistCase> waitlist_case(const Salon& salon, std::size_t n, int freed_day) {
  auto c = std::make_unique<WaitlistCase>();
  // The freed appointment: the first one of at least an hour on that day.
  auto day_start = utc().at(salon.first_day.plus_days(freed_day), 0);
  const SalonAppointment* freed = nullptr;
  for (const auto& a : salon.appointments)
    if (a.span.start >= day_start && a.span.end - a.span.start >= std::chrono::minutes(60)) {
      freed = &a;
      break;
    }
  if (!freed) throw std::runtime_error("no appointment to free");
  Salon rest = salon;
  rest.appointments.erase(std::remove_if(rest.appointments.begin(), rest.appointments.end(),
                                         [&](const SalonAppointment& a) { return a.id == freed->id; }),
                          rest.appointments.end());
  c->agenda = to_agenda(rest, utc());
  for (const auto& sv : salon.services) {
    domain::Service s;
    s.id = sv.id;
    s.duration_minutes = sv.duration_minutes;
    s.capacity = sv.capacity;
    s.resource_ids = sv.resource_ids;
    c->services.push_back(s);
  }
  std::mt19937_64 rng(99);
  auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
  auto created = domain::from_epoch(1790000000);
  for (std::size_t i = 0; i < n; ++i) {
    domain::WaitingVisit v;
    v.appointment_id = static_cast<Id>(1000000 + i);
    v.client_id = static_cast<Id>(1 + i % 500);
    v.created_at = created + std::chrono::minutes(7 * i);
    v.requested_staff = pick(5) == 0;
    v.first_line = static_cast<std::uint32_t>(c->lines.size());
    v.line_count = static_cast<std::uint32_t>(1 + (pick(10) == 0 ? 1 + pick(2) : 0));
    int total = 0;
    for (std::uint32_t k = 0; k < v.line_count; ++k) {
      const auto& sv = salon.services[pick(salon.services.size())];
      c->lines.push_back({sv.id, sv.duration_minutes, sv.staff_ids[pick(sv.staff_ids.size())]});
      total += sv.duration_minutes;
    }
    // Booked later than the freed slot: 1 to 60 days after it, in working hours.
    auto day = salon.first_day.plus_days(freed_day + 1 + static_cast<int>(pick(60)));
    auto start = utc().at(day, 9 * 60 + 15 * static_cast<int>(pick(20)));
    v.span = {start, start + std::chrono::minutes(total)};
    c->visits.push_back(v);
  }
  c->query.freed = {freed->staff_id, freed->span};
  c->query.not_before = freed->span.start - std::chrono::hours(1);
  c->query.exclude_appointment = freed->id;
  return c;
}

void run_waitlist(benchmark::State& st, const WaitlistCase& c, std::size_t limit) {
  auto q = c.query;
  q.limit = limit;
  std::size_t found = 0;
  for (auto _ : st) {
    auto m = domain::match_waitlist(c.agenda, c.services, c.visits, c.lines, q);
    found = m.candidates.size();
    benchmark::DoNotOptimize(m.candidates.data());
  }
  st.counters["candidates"] = static_cast<double>(found);
  st.counters["waiting"] = static_cast<double>(c.visits.size());
}

std::size_t waitlist_size() { return g_smoke ? 200 : 10000; }

void Ref_Waitlist10k(benchmark::State& st) {
  static auto c = waitlist_case(reference(), waitlist_size(), 9);
  run_waitlist(st, *c, 0);
}
void Ref_Waitlist10k_Notify10(benchmark::State& st) {
  static auto c = waitlist_case(reference(), waitlist_size(), 9);
  run_waitlist(st, *c, 10);
}
void Gen_Waitlist10k(benchmark::State& st) {
  static auto c = waitlist_case(generated(), waitlist_size(), g_smoke ? 2 : 100);
  run_waitlist(st, *c, 0);
}

void register_waitlist() {
  auto us = benchmark::kMicrosecond;
  benchmark::RegisterBenchmark("Ref_Waitlist10k", Ref_Waitlist10k)->Unit(us);
  benchmark::RegisterBenchmark("Ref_Waitlist10k_Notify10", Ref_Waitlist10k_Notify10)->Unit(us);
  benchmark::RegisterBenchmark("Gen_Waitlist10k", Gen_Waitlist10k)->Unit(us);
}
#endif

void register_all() {
  auto us = benchmark::kMicrosecond;
  benchmark::RegisterBenchmark("Ref_AnyStaff30d_1Service", Ref_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff30d_3Services", Ref_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff30d_1Service_Stream", Ref_AnyStaff30d_1Service_Stream)->Unit(us);
  benchmark::RegisterBenchmark("Ref_OneStaffOneDay", Ref_OneStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaffOneDay", Ref_AnyStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff30x1d", Ref_AnyStaff30x1d)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff_Days", Ref_AnyStaff_Days)->Arg(1)->Arg(7)->Arg(14)->Arg(30)->Arg(60)->Arg(90)->Complexity()->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff30d_1Service", Gen_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff30d_3Services", Gen_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Gen_OneStaffOneDay", Gen_OneStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff_Days", Gen_AnyStaff_Days)->Arg(1)->Arg(7)->Arg(30)->Arg(90)->Arg(180)->Arg(365)->Complexity()->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff_Days_Stream", Gen_AnyStaff_Days_Stream)->Arg(1)->Arg(7)->Arg(30)->Arg(90)->Arg(180)->Arg(365)->Complexity()->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff30d_Appointments", Gen_AnyStaff30d_Appointments)
      ->Arg(12500)->Arg(25000)->Arg(50000)->Arg(100000)->Complexity()->Unit(us);
  // The engine before the performance work, on the same data.
  benchmark::RegisterBenchmark("Old_Ref_AnyStaff30d_1Service", Old_Ref_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Old_Ref_AnyStaff30d_3Services", Old_Ref_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Old_Ref_OneStaffOneDay", Old_Ref_OneStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Old_Ref_AnyStaff_Days", Old_Ref_AnyStaff_Days)->Arg(1)->Arg(7)->Arg(30)->Arg(90)->Unit(us);
  benchmark::RegisterBenchmark("Old_Gen_AnyStaff30d_1Service", Old_Gen_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Old_Gen_AnyStaff30d_3Services", Old_Gen_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Old_Gen_AnyStaff_Days", Old_Gen_AnyStaff_Days)->Arg(1)->Arg(30)->Arg(365)->Unit(us);
  benchmark::RegisterBenchmark("Old_Gen_AnyStaff30d_Appointments", Old_Gen_AnyStaff30d_Appointments)
      ->Arg(12500)->Arg(100000)->Unit(us);
#ifdef CRENEAU_BENCH_WAITLIST
  register_waitlist();
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  static char min_time[] = "--benchmark_min_time=0.0001";
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      g_smoke = true;
      continue;
    }
    args.push_back(argv[i]);
  }
  if (g_smoke) args.push_back(min_time);
  int n = static_cast<int>(args.size());
  register_all();
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
