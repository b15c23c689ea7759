#include "domain/waitlist.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace creneau::domain {

namespace {

// Sorted, merged spans, minus `cut` (also sorted and merged).
std::vector<Interval> subtract(const std::vector<Interval>& from, const std::vector<Interval>& cut) {
  std::vector<Interval> out;
  for (auto piece : from) {
    for (const auto& c : cut) {
      if (c.end <= piece.start) continue;
      if (c.start >= piece.end) break;
      if (c.start > piece.start) out.push_back({piece.start, c.start});
      piece.start = std::max(piece.start, c.end);
      if (piece.empty()) break;
    }
    if (!piece.empty()) out.push_back(piece);
  }
  return out;
}

std::map<Id, std::vector<Interval>> spans_by_staff(const Appointment& a) {
  std::map<Id, std::vector<Interval>> out;
  for (const auto& l : a.lines) out[l.staff_id].push_back(l.span);
  for (auto& [staff, spans] : out) {
    std::sort(spans.begin(), spans.end());
    std::vector<Interval> merged;
    for (const auto& s : spans) {
      if (!merged.empty() && merged.back().end >= s.start)
        merged.back().end = std::max(merged.back().end, s.end);
      else
        merged.push_back(s);
    }
    spans = std::move(merged);
  }
  return out;
}

const Service* find_service(std::span<const Service> services, Id id) {
  auto it = std::lower_bound(services.begin(), services.end(), id, [](const Service& s, Id v) { return s.id < v; });
  return it != services.end() && it->id == id ? &*it : nullptr;
}

// Built once per match_waitlist call: which staff perform each service (in agenda order), and per staff member
// how long they are free from the freed start (working stretch, busy, time off), so most lines starting in
// that window are decided without fit_line. Only used for the memoised placements (no appointment ignored).
struct MatchContext {
  const Agenda& agenda;
  std::span<const Service> services;
  Instant freed_start{};
  std::vector<Instant> free_until;                     // per agenda.staff index; == freed_start: not free then
  std::vector<bool> free_known;
  LocalDate day{};
  bool day_known = false;
  std::vector<Interval> working;
  std::vector<std::pair<int, Instant>> at_minute;  // the day's zone conversions, shared between staff members

  Instant at(int minute) {
    for (const auto& [m, t] : at_minute)
      if (m == minute) return t;
    at_minute.emplace_back(minute, agenda.zone->at(day, minute));
    return at_minute.back().second;
  }
  std::vector<std::vector<std::uint32_t>> performers;  // per services index, lazily
  std::vector<bool> performers_built;

  MatchContext(const Agenda& a, std::span<const Service> sv, Instant start)
      : agenda(a), services(sv), freed_start(start), free_until(a.staff.size(), start),
        free_known(a.staff.size(), false) {}

  // Computed on first use: a call that stops after a few candidates asks for few staff members.
  Instant until_of(std::size_t i) {
    if (free_known[i]) return free_until[i];
    free_known[i] = true;
    const Instant start = freed_start;
    const Zone& zone = *agenda.zone;
    if (!day_known) {
      day = zone.local(start).date;
      day_known = true;
    }
    int weekday = day.weekday();
    const auto& staff = agenda.staff[i];
    working_stretches(agenda, staff, weekday, [this](int minute) { return at(minute); }, working);
    Instant until = start;
    for (const auto& w : working)
      if (w.start <= start && start < w.end) until = std::max(until, w.end);
    for (const auto& t : staff.time_off) {
      if (t.start >= until) break;
      if (t.end > start) until = std::max(start, t.start);
    }
    auto it = std::partition_point(staff.busy.begin(), staff.busy.end(),
                                   [&](const Busy& b) { return b.span.end <= start; });
    if (it != staff.busy.end() && it->span.start < until) until = std::max(start, it->span.start);
    free_until[i] = until;
    return until;
  }

  const std::vector<std::uint32_t>& performers_of(const Service* service) {
    auto k = static_cast<std::size_t>(service - services.data());
    if (performers.empty()) {
      performers.resize(services.size());
      performers_built.assign(services.size(), false);
    }
    if (!performers_built[k]) {
      for (std::size_t i = 0; i < agenda.staff.size(); ++i)
        if (agenda.staff[i].performs(service->id)) performers[k].push_back(static_cast<std::uint32_t>(i));
      performers_built[k] = true;
    }
    return performers[k];
  }
};

// Whether an ordinary line (capacity 1, nothing ignored) fits `r` over `span`: fit_line's resource part.
bool resource_free(const Agenda& agenda, Id r, const Interval& span) {
  const auto* res = agenda.find_resource(r);
  if (!res) return true;
  auto it = std::partition_point(res->busy.begin(), res->busy.end(),
                                 [&](const Busy& b) { return b.span.end <= span.start; });
  return it == res->busy.end() || it->span.start >= span.end;
}

// Places the visit's lines back to back from `start`; true when every line fits and one goes to the freed staff.
bool place_visit(MatchContext& ctx, const WaitingVisit& v, std::span<const WaitingLine> lines, Id freed_staff,
                 Instant start, Id ignore, std::vector<SlotLine>& out) {
  const Agenda& agenda = ctx.agenda;
  out.clear();
  bool uses_freed = false;
  Instant at = start;
  for (std::uint32_t k = 0; k < v.line_count; ++k) {
    const auto& line = lines[v.first_line + k];
    const Service* service = find_service(ctx.services, line.service_id);
    if (!service || service->is_group()) return false;
    LineNeed need{service->id, line.duration_minutes, service->resource_ids, service->capacity};
    Interval span{at, at + std::chrono::minutes(line.duration_minutes)};
    // Staff index known: the free window decides the staff's part when the span starts in it.
    auto try_known = [&](std::size_t idx) -> bool {
      Id staff_id = agenda.staff[idx].staff_id;
      if (ignore == 0 && need.capacity == 1 &&
          (span.start == ctx.freed_start || span.start < ctx.until_of(idx))) {
        Instant until = ctx.until_of(idx);
        if (span.end > until) return false;
        if (need.resource_ids.empty()) {
          out.push_back({need.service_id, staff_id, std::nullopt, span});
          return true;
        }
        for (Id r : need.resource_ids) {
          if (resource_free(agenda, r, span)) {
            out.push_back({need.service_id, staff_id, r, span});
            return true;
          }
        }
        return false;
      }
      if (need.resource_ids.empty()) {
        if (fit_line(agenda, need, staff_id, std::nullopt, span, ignore) != LineFit::ok) return false;
        out.push_back({need.service_id, staff_id, std::nullopt, span});
        return true;
      }
      for (Id r : need.resource_ids) {
        auto fit = fit_line(agenda, need, staff_id, r, span, ignore);
        if (fit == LineFit::ok) {
          out.push_back({need.service_id, staff_id, r, span});
          return true;
        }
        if (fit != LineFit::resource_taken) return false;  // the staff member is the problem, not the resource
      }
      return false;
    };
    auto index_of = [&](Id staff_id) -> std::ptrdiff_t {
      const auto* s = agenda.find_staff(staff_id);
      return s ? s - agenda.staff.data() : -1;
    };
    bool placed = false;
    if (v.requested_staff) {
      auto idx = index_of(line.staff_id);
      // Unknown staff member: fit_line says not_performed.
      placed = idx >= 0 && agenda.staff[static_cast<std::size_t>(idx)].performs(need.service_id) &&
               try_known(static_cast<std::size_t>(idx));
    } else {
      auto freed_idx = index_of(freed_staff);
      if (freed_idx >= 0 && agenda.staff[static_cast<std::size_t>(freed_idx)].performs(need.service_id))
        placed = try_known(static_cast<std::size_t>(freed_idx));
      const std::vector<std::uint32_t>* performers = placed ? nullptr : &ctx.performers_of(service);
      for (std::size_t n = 0; !placed && n < performers->size(); ++n) {
        std::size_t i = (*performers)[n];
        if (agenda.staff[i].staff_id == freed_staff) continue;
        placed = try_known(i);
      }
    }
    if (!placed) return false;
    uses_freed = uses_freed || out.back().staff_id == freed_staff;
    at = span.end;
  }
  return uses_freed;
}

// What decides a placement: the lines' services and durations, and their staff when the visit binds them.
std::uint64_t shape_hash(const WaitingVisit& v, std::span<const WaitingLine> lines) {
  std::uint64_t h = 1469598103934665603ull ^ (v.requested_staff ? 0x9e3779b97f4a7c15ull : 0);
  auto mix = [&h](std::uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 1099511628211ull;
  };
  mix(v.line_count);
  for (std::uint32_t k = 0; k < v.line_count; ++k) {
    const auto& l = lines[v.first_line + k];
    mix(static_cast<std::uint64_t>(l.service_id));
    mix(static_cast<std::uint64_t>(l.duration_minutes));
    if (v.requested_staff) mix(static_cast<std::uint64_t>(l.staff_id));
  }
  return h;
}

bool same_shape(const WaitingVisit& a, const WaitingVisit& b, std::span<const WaitingLine> lines) {
  if (a.line_count != b.line_count || a.requested_staff != b.requested_staff) return false;
  for (std::uint32_t k = 0; k < a.line_count; ++k) {
    const auto& x = lines[a.first_line + k];
    const auto& y = lines[b.first_line + k];
    if (x.service_id != y.service_id || x.duration_minutes != y.duration_minutes) return false;
    if (a.requested_staff && x.staff_id != y.staff_id) return false;
  }
  return true;
}

// Open addressing, power-of-two capacity: shape → placement index (-1: does not fit).
class ShapeMemo {
public:
  struct Entry {
    std::uint64_t hash = 0;
    std::size_t visit = 0;  // a visit of that shape, to compare against
    std::int32_t placement = -1;
    bool used = false;
  };
  ShapeMemo() : table_(64) {}
  Entry* find_or_insert(std::uint64_t hash, std::size_t visit, std::span<const WaitingVisit> visits,
                        std::span<const WaitingLine> lines, bool& inserted) {
    if ((size_ + 1) * 2 > table_.size()) grow();
    std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      auto& e = table_[i];
      if (!e.used) {
        e = Entry{hash, visit, -1, true};
        ++size_;
        inserted = true;
        return &e;
      }
      if (e.hash == hash && same_shape(visits[e.visit], visits[visit], lines)) {
        inserted = false;
        return &e;
      }
    }
  }

private:
  void grow() {
    std::vector<Entry> old(table_.size() * 2);
    old.swap(table_);
    std::size_t mask = table_.size() - 1;
    for (const auto& e : old) {
      if (!e.used) continue;
      std::size_t i = e.hash & mask;
      while (table_[i].used) i = (i + 1) & mask;
      table_[i] = e;
    }
  }
  std::vector<Entry> table_;
  std::size_t size_ = 0;
};

}  // namespace

std::vector<FreedInterval> freed_intervals(const Appointment& before, const Appointment* after) {
  std::vector<FreedInterval> out;
  auto held = spans_by_staff(before);
  std::map<Id, std::vector<Interval>> kept;
  if (after && !after->cancelled()) kept = spans_by_staff(*after);
  for (const auto& [staff, spans] : held) {
    auto it = kept.find(staff);
    for (const auto& s : it == kept.end() ? spans : subtract(spans, it->second)) out.push_back({staff, s});
  }
  return out;
}

WaitlistMatches match_waitlist(const Agenda& agenda, std::span<const Service> services,
                               std::span<const WaitingVisit> visits, std::span<const WaitingLine> lines,
                               const WaitlistQuery& q) {
  WaitlistMatches result;
  const Interval freed = q.freed.span;
  if (freed.empty() || freed.start < q.not_before || !agenda.find_staff(q.freed.staff_id) || !agenda.zone)
    return result;

  auto earlier = [&](std::size_t a, std::size_t b) {
    const auto &x = visits[a], &y = visits[b];
    return x.created_at != y.created_at ? x.created_at < y.created_at : x.appointment_id < y.appointment_id;
  };
  // Usually already in booking order (the store reads them so); sort an index only when not.
  std::vector<std::size_t> order;
  bool sorted = true;
  for (std::size_t i = 1; i < visits.size() && sorted; ++i) sorted = !earlier(i, i - 1);
  if (!sorted) {
    order.resize(visits.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), earlier);
  }

  ShapeMemo memo;
  MatchContext ctx(agenda, services, freed.start);
  std::vector<SlotLine> scratch;
  const auto freed_minutes = std::chrono::duration_cast<std::chrono::minutes>(freed.end - freed.start).count();
  for (std::size_t n = 0; n < visits.size(); ++n) {
    if (q.limit != 0 && result.candidates.size() >= q.limit) break;
    std::size_t i = sorted ? n : order[n];
    const auto& v = visits[i];
    if (v.appointment_id == q.exclude_appointment || v.span.start <= freed.start) continue;
    if (v.line_count == 0 || static_cast<std::size_t>(v.first_line) + v.line_count > lines.size()) continue;
    long long total = 0;
    for (std::uint32_t k = 0; k < v.line_count; ++k) total += lines[v.first_line + k].duration_minutes;
    if (total <= 0 || total > freed_minutes) continue;

    // A visit that overlaps its own new place must not be blocked by itself: placed on its own, not memoised.
    if (v.span.start < freed.start + std::chrono::minutes(total)) {
      if (place_visit(ctx, v, lines, q.freed.staff_id, freed.start, v.appointment_id, scratch)) {
        result.placements.push_back(scratch);
        result.candidates.push_back({i, static_cast<std::uint32_t>(result.placements.size() - 1)});
      }
      continue;
    }
    bool inserted = false;
    auto* entry = memo.find_or_insert(shape_hash(v, lines), i, visits, lines, inserted);
    if (inserted && place_visit(ctx, v, lines, q.freed.staff_id, freed.start, 0, scratch)) {
      result.placements.push_back(scratch);
      entry->placement = static_cast<std::int32_t>(result.placements.size() - 1);
    }
    if (entry->placement >= 0) result.candidates.push_back({i, static_cast<std::uint32_t>(entry->placement)});
  }
  return result;
}

}  // namespace creneau::domain
