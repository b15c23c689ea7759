#include "salon.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>

#ifndef CRENEAU_SALON_JSON
#define CRENEAU_SALON_JSON "/work/shared/bench/salon.json"
#endif

namespace creneau::bench {

using domain::Instant;
using domain::Interval;
using domain::LocalDate;
using std::chrono::minutes;

const SalonService* Salon::service(Id id) const {
  auto it = std::lower_bound(services.begin(), services.end(), id, [](const SalonService& s, Id v) { return s.id < v; });
  return it != services.end() && it->id == id ? &*it : nullptr;
}

std::string reference_salon_path() {
  if (const char* p = std::getenv("CRENEAU_SALON_JSON"); p && *p) return p;
  return CRENEAU_SALON_JSON;
}

Salon load_reference_salon(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  auto j = nlohmann::json::parse(in);
  Salon s;
  s.timezone = j["meta"].value("timezone", "UTC");
  domain::Zone zone(s.timezone);
  s.first_day = *LocalDate::parse(j["meta"]["horizon_start"].get<std::string>());
  s.days = j["meta"]["horizon_days"].get<int>();
  static const char* names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (const auto& p : j["providers"]) {
    SalonStaff st;
    st.id = p["id"].get<Id>();
    const auto& plan = p["working_plan"];
    for (int d = 0; d < 7; ++d) {
      const auto& day = plan[names[d]];
      if (day.is_null()) continue;
      int start = *domain::parse_hhmm(day["start"].get<std::string>());
      int end = *domain::parse_hhmm(day["end"].get<std::string>());
      std::vector<std::pair<int, int>> breaks;
      for (const auto& b : day.value("breaks", nlohmann::json::array()))
        breaks.emplace_back(*domain::parse_hhmm(b["start"].get<std::string>()), *domain::parse_hhmm(b["end"].get<std::string>()));
      std::sort(breaks.begin(), breaks.end());
      int at = start;
      for (auto [bs, be] : breaks) {
        if (bs > at) st.hours.push_back({d + 1, at, std::min(bs, end)});
        at = std::max(at, be);
      }
      if (at < end) st.hours.push_back({d + 1, at, end});
    }
    s.staff.push_back(std::move(st));
  }
  std::sort(s.staff.begin(), s.staff.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& v : j["services"]) {
    SalonService sv;
    sv.id = v["id"].get<Id>();
    sv.duration_minutes = v["duration_min"].get<int>();
    sv.capacity = v.value("attendants_number", 1);
    for (const auto& p : v["providers"]) sv.staff_ids.push_back(p.get<Id>());
    std::sort(sv.staff_ids.begin(), sv.staff_ids.end());
    s.services.push_back(std::move(sv));
  }
  std::sort(s.services.begin(), s.services.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& a : j["appointments"]) {
    SalonAppointment ap;
    ap.id = a["id"].get<Id>();
    ap.staff_id = a["provider"].get<Id>();
    ap.service_id = a["service"].get<Id>();
    ap.span = {*domain::parse_instant(a["start"].get<std::string>(), zone),
               *domain::parse_instant(a["end"].get<std::string>(), zone)};
    s.appointments.push_back(ap);
  }
  std::sort(s.appointments.begin(), s.appointments.end(),
            [](const auto& a, const auto& b) { return std::tie(a.span.start, a.id) < std::tie(b.span.start, b.id); });
  return s;
}

namespace {

// A small deterministic generator (the standard distributions differ between library versions).
struct Rng {
  std::mt19937_64 g;
  explicit Rng(std::uint64_t seed) : g(seed) {}
  int uniform(int lo, int hi) { return lo + static_cast<int>(g() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))]; }
};

bool overlaps_any(const std::vector<Interval>& v, const Interval& x) {
  return std::any_of(v.begin(), v.end(), [&](const Interval& i) { return i.overlaps(x); });
}

}  // namespace

Salon generate_salon(const GeneratorOptions& o) {
  Rng rng(o.seed);
  Salon s;
  s.timezone = "UTC";
  s.first_day = o.first_day;
  s.days = o.days;
  domain::Zone zone(s.timezone);
  for (int r = 1; r <= o.resources; ++r) s.resources.push_back(r);

  // Staff: Monday–Saturday (a quarter of them take one weekday off), a lunch break of 30 or 60 minutes.
  for (int i = 1; i <= o.staff; ++i) {
    SalonStaff st;
    st.id = i;
    int day_off = rng.chance(25) ? rng.uniform(1, 6) : 0;
    int start = 8 * 60 + 30 * rng.uniform(0, 4);               // 08:00 … 10:00
    int end = std::min(20 * 60, start + 60 * rng.uniform(9, 10));  // 9–10 hours later
    int lunch = 12 * 60 + 30 * rng.uniform(0, 3);
    int lunch_end = lunch + (rng.chance(50) ? 30 : 60);
    for (int d = 1; d <= 6; ++d) {
      if (d == day_off) continue;
      st.hours.push_back({d, start, lunch});
      st.hours.push_back({d, lunch_end, end});
    }
    // Time off: two holidays of 3–10 days and four half days.
    for (int h = 0; h < 2; ++h) {
      auto day = o.first_day.plus_days(rng.uniform(0, o.days - 10));
      st.time_off.push_back({zone.at(day, 0), zone.at(day.plus_days(rng.uniform(3, 10)), 0)});
    }
    for (int h = 0; h < 4; ++h) {
      auto day = o.first_day.plus_days(rng.uniform(0, o.days - 1));
      bool morning = rng.chance(50);
      st.time_off.push_back({zone.at(day, morning ? 0 : 13 * 60), zone.at(day, morning ? 13 * 60 : 24 * 60)});
    }
    std::sort(st.time_off.begin(), st.time_off.end());
    s.staff.push_back(std::move(st));
  }

  // Services: short ones are the most common; a fifth need a room or a chair, a few are group classes.
  static const std::vector<int> durations{15, 15, 30, 30, 30, 45, 45, 60, 60, 75, 90, 120};
  for (int i = 1; i <= o.services; ++i) {
    SalonService sv;
    sv.id = i;
    bool group = i > o.services - 4;
    sv.duration_minutes = group ? 60 : rng.pick(durations);
    sv.capacity = group ? 6 : 1;
    if (!group && rng.chance(20)) {
      int n = std::min(rng.uniform(1, 3), o.resources);
      while (static_cast<int>(sv.resource_ids.size()) < n) {
        Id r = rng.uniform(1, o.resources);
        if (std::find(sv.resource_ids.begin(), sv.resource_ids.end(), r) == sv.resource_ids.end()) sv.resource_ids.push_back(r);
      }
    }
    int n = std::min(rng.uniform(4, 10), o.staff);
    while (static_cast<int>(sv.staff_ids.size()) < n) {
      Id st = rng.uniform(1, o.staff);
      if (std::find(sv.staff_ids.begin(), sv.staff_ids.end(), st) == sv.staff_ids.end()) sv.staff_ids.push_back(st);
    }
    std::sort(sv.staff_ids.begin(), sv.staff_ids.end());
    s.services.push_back(std::move(sv));
  }
  std::map<Id, std::vector<const SalonService*>> performs;
  for (const auto& sv : s.services)
    for (Id st : sv.staff_ids) performs[st].push_back(&sv);

  // Appointments: each working staff day packed with visits and short gaps, then thinned to the target.
  static const std::vector<int> gaps{0, 0, 0, 0, 0, 15, 15, 30};
  std::vector<SalonAppointment> all;
  for (int d = 0; d < o.days; ++d) {
    LocalDate day = o.first_day.plus_days(d);
    std::vector<std::vector<Interval>> resource_busy(static_cast<std::size_t>(o.resources) + 1);
    for (const auto& st : s.staff) {
      const auto& mine = performs[st.id];
      if (mine.empty()) continue;
      for (const auto& h : st.hours) {
        if (h.weekday != day.weekday()) continue;
        int at = h.start_minute + rng.pick(gaps);
        for (int tries = 0; at < h.end_minute && tries < 64; ++tries) {
          const SalonService* sv = rng.pick(mine);
          if (at + sv->duration_minutes > h.end_minute) {
            if (tries % 4 == 3) at += 15;
            continue;
          }
          Interval span{zone.at(day, at), zone.at(day, at + sv->duration_minutes)};
          if (overlaps_any(st.time_off, span)) {
            at += 15;
            continue;
          }
          std::optional<Id> resource;
          if (!sv->resource_ids.empty()) {
            for (Id r : sv->resource_ids)
              if (!overlaps_any(resource_busy[static_cast<std::size_t>(r)], span)) {
                resource = r;
                break;
              }
            if (!resource) continue;
            resource_busy[static_cast<std::size_t>(*resource)].push_back(span);
          }
          all.push_back({0, st.id, sv->id, resource, span});
          at += sv->duration_minutes + rng.pick(gaps);
        }
      }
    }
  }
  // Keep exactly the target (when more were placed), dropping a fixed random choice.
  std::vector<std::size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng.g);
  if (order.size() > static_cast<std::size_t>(o.appointments)) order.resize(static_cast<std::size_t>(o.appointments));
  std::sort(order.begin(), order.end());
  for (std::size_t i : order) s.appointments.push_back(all[i]);
  std::stable_sort(s.appointments.begin(), s.appointments.end(),
                   [](const auto& a, const auto& b) { return a.span.start < b.span.start; });
  Id next = 1;
  for (auto& a : s.appointments) a.id = next++;
  return s;
}

Salon thin_out(const Salon& s, std::size_t n, std::uint64_t seed) {
  Salon out = s;
  if (n >= s.appointments.size()) return out;
  std::vector<std::size_t> order(s.appointments.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
  order.resize(n);
  std::sort(order.begin(), order.end());
  out.appointments.clear();
  for (std::size_t i : order) out.appointments.push_back(s.appointments[i]);
  return out;
}

domain::Agenda to_agenda(const Salon& s, const domain::Zone& zone) {
  domain::Agenda a;
  a.zone = &zone;
  for (const auto& st : s.staff) {
    domain::StaffSchedule sched;
    sched.staff_id = st.id;
    sched.hours = st.hours;
    sched.time_off = st.time_off;
    a.staff.push_back(std::move(sched));
  }
  std::sort(a.staff.begin(), a.staff.end(), [](const auto& x, const auto& y) { return x.staff_id < y.staff_id; });
  for (const auto& sv : s.services)
    for (Id st : sv.staff_ids)
      if (auto* sched = a.find_staff(st)) sched->service_ids.push_back(sv.id);
  for (auto& sched : a.staff) std::sort(sched.service_ids.begin(), sched.service_ids.end());
  for (Id r : s.resources) a.resources.push_back({r, {}});
  std::sort(a.resources.begin(), a.resources.end(), [](const auto& x, const auto& y) { return x.resource_id < y.resource_id; });
  for (const auto& ap : s.appointments) {
    const auto* sv = s.service(ap.service_id);
    domain::Busy b{ap.span, sv && sv->capacity > 1 ? sv->id : 0, 1, ap.id};
    if (auto* st = a.find_staff(ap.staff_id)) st->busy.push_back(b);
    if (ap.resource_id)
      if (auto* r = a.find_resource(*ap.resource_id)) r->busy.push_back(b);
  }
  for (auto& st : a.staff) domain::normalize(st.busy);
  for (auto& r : a.resources) domain::normalize(r.busy);
  return a;
}

std::vector<domain::LineNeed> needs_of(const Salon& s, const std::vector<Id>& service_ids) {
  std::vector<domain::LineNeed> out;
  for (Id id : service_ids) {
    const auto* sv = s.service(id);
    if (!sv) throw std::runtime_error("no service " + std::to_string(id));
    out.push_back({sv->id, sv->duration_minutes, sv->resource_ids, sv->capacity});
  }
  return out;
}

}  // namespace creneau::bench
