#include "domain/reschedule.hpp"

namespace creneau::domain {

std::vector<Slot> fixed_line_slots(const Agenda& agenda, const FixedLineQuery& q) {
  std::vector<Slot> out;
  if (q.lines.empty() || q.step_minutes <= 0) return out;
  int total = 0;
  for (const auto& l : q.lines) total += l.need.duration_minutes;
  std::vector<SlotLine> lines(q.lines.size());
  for (LocalDate day = q.from; day <= q.to; day = day.plus_days(1)) {
    for (int m = 0; m + q.step_minutes <= 24 * 60; m += q.step_minutes) {
      auto start = agenda.zone->exactly_at(day, m);
      if (!start) continue;  // skipped by the clocks going forward
      if (q.not_before && *start < *q.not_before) continue;
      if (q.not_after && *start > *q.not_after) return out;
      auto at = *start;
      bool fits = true;
      for (std::size_t i = 0; i < q.lines.size() && fits; ++i) {
        const auto& l = q.lines[i];
        Interval span{at, at + std::chrono::minutes{l.need.duration_minutes}};
        fits = fit_line(agenda, l.need, l.staff_id, l.resource_id, span, q.ignore_appointment) == LineFit::ok;
        lines[i] = SlotLine{l.need.service_id, l.staff_id, l.resource_id, span};
        at = span.end;
      }
      if (fits) out.push_back(Slot{{*start, *start + std::chrono::minutes{total}}, lines});
    }
  }
  return out;
}

}  // namespace creneau::domain
