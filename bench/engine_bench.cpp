// Availability engine benchmarks: the reference salon (../shared/bench/salon.json) and a generated larger salon
// loaded straight into domain::Agenda (no I/O in the timed part). `Old*` cases run the engine as it was before the
// performance work (bench/reference_engine.cpp) on the same data, for the before/after comparison.
//
//   engine_bench [--smoke] [google-benchmark flags]
//   --smoke   every case once at tiny sizes (ctest label bench-smoke)
#include "reference_engine.hpp"
#include "salon.hpp"

#include "domain/availability.hpp"

#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <map>
#include <memory>

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
auto engine_old = [](const domain::Agenda& a, const domain::AvailabilityQuery& q) { return reference::find_slots(a, q); };

// (1) every slot, any staff, 30 days
void Ref_AnyStaff30d_1Service(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kOneService, kFrom, 30), engine_new); }
void Ref_AnyStaff30d_3Services(benchmark::State& st) { run(st, reference_agenda(), query(reference(), kThreeServices, kFrom, 30), engine_new); }
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

void register_all() {
  auto us = benchmark::kMicrosecond;
  benchmark::RegisterBenchmark("Ref_AnyStaff30d_1Service", Ref_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff30d_3Services", Ref_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Ref_OneStaffOneDay", Ref_OneStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaffOneDay", Ref_AnyStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff30x1d", Ref_AnyStaff30x1d)->Unit(us);
  benchmark::RegisterBenchmark("Ref_AnyStaff_Days", Ref_AnyStaff_Days)->Arg(1)->Arg(7)->Arg(14)->Arg(30)->Arg(60)->Arg(90)->Complexity()->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff30d_1Service", Gen_AnyStaff30d_1Service)->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff30d_3Services", Gen_AnyStaff30d_3Services)->Unit(us);
  benchmark::RegisterBenchmark("Gen_OneStaffOneDay", Gen_OneStaffOneDay)->Unit(us);
  benchmark::RegisterBenchmark("Gen_AnyStaff_Days", Gen_AnyStaff_Days)->Arg(1)->Arg(7)->Arg(30)->Arg(90)->Arg(180)->Arg(365)->Complexity()->Unit(us);
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
