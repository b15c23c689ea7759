// The optimised availability engine must offer exactly the slots the original engine offered: this compares
// domain::find_slots with tests/support/reference_engine.cpp (the engine before the performance work) on random agendas
// (DST days, breaks, opening hours, overlapping time off, group sessions, resources, staff filters, notice and
// horizon limits, odd steps and durations) and on the benchmark salons. Exit 1 on the first difference.
//
//   engine_check [cases]   (default 3000)
#include "reference_engine.hpp"
#include "salon.hpp"

#include "domain/availability.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using namespace creneau;
using namespace creneau::domain;
using std::chrono::minutes;

namespace {

struct Rng {
  std::mt19937_64 g;
  explicit Rng(std::uint64_t s) : g(s) {}
  int uniform(int lo, int hi) { return lo + static_cast<int>(g() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
};

std::string describe(const Slot& s, const Zone& z) {
  std::string out = z.format(s.span.start) + "–" + z.format(s.span.end);
  for (const auto& l : s.lines)
    out += " [svc " + std::to_string(l.service_id) + " staff " + std::to_string(l.staff_id) + " res " +
           (l.resource_id ? std::to_string(*l.resource_id) : "-") + " " + z.format(l.span.start) + "]";
  return out;
}

bool same(const Slot& a, const Slot& b) {
  if (a.span != b.span || a.lines.size() != b.lines.size()) return false;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const auto &x = a.lines[i], &y = b.lines[i];
    if (x.service_id != y.service_id || x.staff_id != y.staff_id || x.resource_id != y.resource_id || x.span != y.span)
      return false;
  }
  return true;
}

std::size_t g_slots = 0, g_cases_with_slots = 0, g_fits = 0;

bool compare(const Agenda& agenda, const AvailabilityQuery& q, const std::string& what) {
  auto want = bench::reference::find_slots(agenda, q);
  auto got = find_slots(agenda, q);
  g_slots += want.size();
  g_cases_with_slots += want.empty() ? 0 : 1;
  std::size_t n = std::min(want.size(), got.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!same(want[i], got[i])) {
      std::fprintf(stderr, "%s: slot %zu differs\n  want %s\n  got  %s\n", what.c_str(), i,
                   describe(want[i], *agenda.zone).c_str(), describe(got[i], *agenda.zone).c_str());
      return false;
    }
  }
  if (want.size() != got.size()) {
    std::fprintf(stderr, "%s: %zu slots wanted, %zu offered; first extra: %s\n", what.c_str(), want.size(), got.size(),
                 describe(want.size() > n ? want[n] : got[n], *agenda.zone).c_str());
    return false;
  }
  return true;
}

std::vector<WeeklyHours> random_hours(Rng& r, int max_pieces) {
  std::vector<WeeklyHours> out;
  for (int d = 1; d <= 7; ++d) {
    int at = r.uniform(0, 11) * 60 + 5 * r.uniform(0, 11);
    int pieces = r.uniform(0, max_pieces);
    for (int p = 0; p < pieces && at < 24 * 60 - 10; ++p) {
      int end = std::min(24 * 60, at + 5 * r.uniform(2, 100));
      out.push_back({d, at, end});
      at = end + 5 * r.uniform(0, 24);  // 0 = touching pieces, which do not merge
    }
  }
  if (r.chance(30)) std::reverse(out.begin(), out.end());  // hours are not necessarily sorted
  return out;
}

// Busy spans; group sessions often take the very span (service, duration, grid) a line of the query asks for, so
// that joining, and refusing a full session, are exercised.
std::vector<Busy> random_busy(Rng& r, Instant from, int days, const std::vector<LineNeed>& needs, int services, int count) {
  std::vector<Busy> out;
  for (int i = 0; i < count; ++i) {
    Instant s = from + minutes(5 * r.uniform(0, days * 288));
    Interval span{s, s + minutes(5 * r.uniform(1, 30))};
    Busy b{span, 0, 1, i + 1};
    if (r.chance(25)) {
      b.group_service_id = r.uniform(1, services);
      b.taken = r.uniform(1, 4);
      if (!needs.empty() && r.chance(70)) {
        const auto& n = needs[static_cast<std::size_t>(r.uniform(0, static_cast<int>(needs.size()) - 1))];
        Instant aligned = from + minutes(15 * r.uniform(0, days * 96));
        b.group_service_id = n.service_id;
        b.span = {aligned, aligned + minutes(n.duration_minutes)};
      }
      // Group sessions often repeat at the same span: normalize() adds their places up.
      if (r.chance(30) && !out.empty()) b.span = out.back().span;
    }
    out.push_back(b);
  }
  normalize(out);
  return out;
}

bool random_case(Rng& r, int index) {
  static const Zone utc("UTC"), paris("Europe/Paris"), ny("America/New_York"), lord_howe("Australia/Lord_Howe");
  const Zone* zones[] = {&utc, &paris, &ny, &lord_howe};
  static const LocalDate starts[] = {LocalDate::from_ymd(2027, 3, 25), LocalDate::from_ymd(2027, 10, 29),
                                     LocalDate::from_ymd(2027, 3, 12), LocalDate::from_ymd(2027, 11, 5),
                                     LocalDate::from_ymd(2027, 4, 2), LocalDate::from_ymd(2027, 2, 1)};
  Agenda a;
  a.zone = zones[r.uniform(0, 3)];
  LocalDate from = starts[r.uniform(0, 5)].plus_days(r.uniform(-3, 3));
  int days = r.uniform(1, 9);
  Instant lo = a.zone->at(from.plus_days(-1), 0);
  int services = r.uniform(1, 6);
  AvailabilityQuery q;
  int lines = r.uniform(r.chance(5) ? 0 : 1, 4);
  for (int k = 0; k < lines; ++k) {
    LineNeed n;
    n.service_id = r.uniform(1, services);
    n.duration_minutes = r.chance(20) ? r.uniform(1, 200) : 15 * r.uniform(1, 8);
    n.capacity = r.chance(40) ? r.uniform(2, 5) : 1;
    if (r.chance(30)) {
      int m = r.uniform(1, 3);
      for (int j = 0; j < m; ++j) n.resource_ids.push_back(r.uniform(1, 4));  // 4 may not exist: counts as free
    }
    q.lines.push_back(std::move(n));
  }
  if (r.chance(40)) a.opening_hours = random_hours(r, 2);
  int staff = r.uniform(0, 6);
  for (int i = 0; i < staff; ++i) {
    StaffSchedule s;
    s.staff_id = 2 * i + r.uniform(1, 2);
    s.hours = random_hours(r, 3);
    for (int k = 1; k <= services; ++k)
      if (r.chance(60)) s.service_ids.push_back(k);
    int offs = r.uniform(0, 4);
    for (int k = 0; k < offs; ++k) {
      Instant t = lo + minutes(5 * r.uniform(0, (days + 2) * 288));
      s.time_off.push_back({t, t + minutes(5 * r.uniform(1, 300))});
    }
    std::sort(s.time_off.begin(), s.time_off.end());
    s.busy = random_busy(r, lo, days + 2, q.lines, services, r.uniform(0, 12 * days));
    a.staff.push_back(std::move(s));
  }
  std::sort(a.staff.begin(), a.staff.end(), [](const auto& x, const auto& y) { return x.staff_id < y.staff_id; });
  a.staff.erase(std::unique(a.staff.begin(), a.staff.end(), [](const auto& x, const auto& y) { return x.staff_id == y.staff_id; }),
                a.staff.end());
  int resources = r.uniform(0, 3);
  for (int i = 1; i <= resources; ++i) a.resources.push_back({i, random_busy(r, lo, days + 2, q.lines, services, r.uniform(0, 8 * days))});

  if (r.chance(25) && !a.staff.empty()) q.staff_id = r.chance(90) ? a.staff[static_cast<std::size_t>(r.uniform(0, staff - 1)) % a.staff.size()].staff_id : 99;
  q.from = from;
  q.to = from.plus_days(days - 1);
  if (r.chance(5)) q.to = from.plus_days(-1);
  static const int steps[] = {15, 15, 15, 5, 10, 30, 7, 60, 0};
  q.step_minutes = steps[r.uniform(0, 8)];
  if (r.chance(20)) q.not_before = a.zone->at(from, 0) + minutes(r.uniform(0, days * 1440));
  if (r.chance(20)) q.not_after = a.zone->at(from, 0) + minutes(r.uniform(0, days * 1440));
  if (!compare(a, q, "random case " + std::to_string(index) + " (" + a.zone->name() + ")")) return false;

  // fit_line (what booking and the waitlist decide with) on spans around the same days.
  for (int i = 0; i < 40 && !q.lines.empty(); ++i) {
    const auto& need = q.lines[static_cast<std::size_t>(r.uniform(0, static_cast<int>(q.lines.size()) - 1))];
    Id staff_id = a.staff.empty() || r.chance(5) ? 77 : a.staff[static_cast<std::size_t>(r.uniform(0, static_cast<int>(a.staff.size()) - 1))].staff_id;
    std::optional<Id> resource;
    if (r.chance(50)) resource = r.uniform(1, 4);
    Instant s = lo + minutes(r.chance(70) ? 15 * r.uniform(0, (days + 2) * 96) : r.uniform(0, (days + 2) * 1440));
    Interval span{s, s + minutes(need.duration_minutes)};
    Id ignore = r.chance(30) ? r.uniform(1, 12 * days) : 0;
    auto want = bench::reference::fit_line(a, need, staff_id, resource, span, ignore);
    auto got = fit_line(a, need, staff_id, resource, span, ignore);
    ++g_fits;
    if (want != got) {
      std::fprintf(stderr, "random case %d (%s): fit_line of staff %lld at %s: want %d, got %d\n", index,
                   a.zone->name().c_str(), static_cast<long long>(staff_id), a.zone->format(span.start).c_str(),
                   static_cast<int>(want), static_cast<int>(got));
      return false;
    }
  }
  return true;
}

bool salon_cases(const bench::Salon& s, const std::string& name, LocalDate from, int days, int stride) {
  static const Zone utc("UTC");
  auto agenda = bench::to_agenda(s, utc);
  bool ok = true;
  for (std::size_t i = 0; i < s.services.size(); i += static_cast<std::size_t>(stride)) {
    const auto& sv = s.services[i];
    AvailabilityQuery q;
    q.lines = bench::needs_of(s, {sv.id});
    q.from = from;
    q.to = from.plus_days(days - 1);
    ok = ok && compare(agenda, q, name + " service " + std::to_string(sv.id));
    q.staff_id = sv.staff_ids.front();
    ok = ok && compare(agenda, q, name + " service " + std::to_string(sv.id) + " staff " + std::to_string(*q.staff_id));
    const auto& other = s.services[(i + 7) % s.services.size()];
    const auto& third = s.services[(i + 13) % s.services.size()];
    q.staff_id.reset();
    q.lines = bench::needs_of(s, {sv.id, other.id, third.id});
    ok = ok && compare(agenda, q, name + " visit " + std::to_string(sv.id) + "+" + std::to_string(other.id) + "+" +
                                      std::to_string(third.id));
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  int cases = argc > 1 ? std::atoi(argv[1]) : 3000;
  Rng r(20270201);
  for (int i = 0; i < cases; ++i)
    if (!random_case(r, i)) return 1;
  auto ref = bench::load_reference_salon(bench::reference_salon_path());
  if (!salon_cases(ref, "reference salon", ref.first_day, 30, 1)) return 1;
  bench::GeneratorOptions o;
  o.appointments = 20000;
  o.days = 60;
  auto gen = bench::generate_salon(o);
  if (!salon_cases(gen, "generated salon", gen.first_day.plus_days(10), 14, 9)) return 1;
  std::printf("engine_check: %d random agendas and the benchmark salons (%zu queries with slots, %zu slots, %zu fit_line "
              "calls): same answers as the reference engine\n", cases, g_cases_with_slots, g_slots, g_fits);
  return 0;
}
