// The availability engine over hand-built agendas: hours, breaks, time off, appointments, multi-line visits,
// group sessions, resources, step alignment, booking-rule bounds and the two DST days of Europe/Paris.
#include "domain/availability.hpp"
#include "domain/error.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace creneau::domain;
using std::chrono::minutes;

namespace {

const Zone& paris() {
  static const Zone z("Europe/Paris");
  return z;
}

constexpr int hm(int h, int m = 0) { return h * 60 + m; }

// 2027-03-01 is a Monday in winter time (+01:00).
const LocalDate kMonday = LocalDate::from_ymd(2027, 3, 1);
const LocalDate kSpringForward = LocalDate::from_ymd(2027, 3, 28);  // a Sunday of 23 hours
const LocalDate kFallBack = LocalDate::from_ymd(2027, 10, 31);      // a Sunday of 25 hours

Instant at(LocalDate d, int minute) { return paris().at(d, minute); }
Interval span(LocalDate d, int from, int to) { return {at(d, from), at(d, to)}; }

StaffSchedule staff(Id id, std::vector<WeeklyHours> hours, std::vector<Id> services) {
  StaffSchedule s;
  s.staff_id = id;
  s.hours = std::move(hours);
  std::sort(services.begin(), services.end());
  s.service_ids = std::move(services);
  return s;
}

std::vector<WeeklyHours> every_day(int from, int to) {
  std::vector<WeeklyHours> h;
  for (int d = 1; d <= 7; ++d) h.push_back({d, from, to});
  return h;
}

Agenda agenda_of(std::vector<StaffSchedule> staff, std::vector<ResourceSchedule> resources = {}) {
  Agenda a;
  a.zone = &paris();
  a.staff = std::move(staff);
  a.resources = std::move(resources);
  std::sort(a.staff.begin(), a.staff.end(), [](const auto& x, const auto& y) { return x.staff_id < y.staff_id; });
  std::sort(a.resources.begin(), a.resources.end(),
            [](const auto& x, const auto& y) { return x.resource_id < y.resource_id; });
  for (auto& s : a.staff) normalize(s.busy);
  for (auto& r : a.resources) normalize(r.busy);
  return a;
}

AvailabilityQuery query(std::vector<LineNeed> lines, LocalDate from, LocalDate to, int step = 15) {
  AvailabilityQuery q;
  q.lines = std::move(lines);
  q.from = from;
  q.to = to;
  q.step_minutes = step;
  return q;
}

LineNeed need(Id service, int minutes_, std::vector<Id> resources = {}, int capacity = 1) {
  return {service, minutes_, std::move(resources), capacity};
}

// "HH:MM+01:00" of every slot start, as the salon reads them.
std::vector<std::string> starts(const std::vector<Slot>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(paris().format(s.span.start).substr(11, 5) + paris().format(s.span.start).substr(19));
  return out;
}

bool has_start(const std::vector<Slot>& slots, Instant t) {
  return std::any_of(slots.begin(), slots.end(), [&](const Slot& s) { return s.span.start == t; });
}

const Slot* slot_at(const std::vector<Slot>& slots, Instant t) {
  for (const auto& s : slots)
    if (s.span.start == t) return &s;
  return nullptr;
}

}  // namespace

TEST(Availability, OffersEveryStepInsideTheHours) {
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(12)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday));
  ASSERT_EQ(slots.size(), 11u);  // 09:00 … 11:30
  EXPECT_EQ(slots.front().span.start, at(kMonday, hm(9)));
  EXPECT_EQ(slots.back().span.start, at(kMonday, hm(11, 30)));
  EXPECT_EQ(slots.back().span.end, at(kMonday, hm(12)));
  ASSERT_EQ(slots.front().lines.size(), 1u);
  EXPECT_EQ(slots.front().lines[0].staff_id, 1);
  EXPECT_EQ(slots.front().lines[0].service_id, 10);
  EXPECT_FALSE(slots.front().lines[0].resource_id);
}

TEST(Availability, NothingOnADayOffOrForAServiceNobodyPerforms) {
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(12)}}, {10})});
  EXPECT_TRUE(find_slots(agenda, query({need(10, 30)}, kMonday.plus_days(1), kMonday.plus_days(1))).empty());
  EXPECT_TRUE(find_slots(agenda, query({need(11, 30)}, kMonday, kMonday)).empty());
  EXPECT_TRUE(find_slots(agenda, query({}, kMonday, kMonday)).empty());
}

TEST(Availability, SkipsBreaksBetweenIntervalsOfOneWeekday) {
  // Monday 09–12 and 14–18, plus a short 12:30–13:00 window too small for the service.
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(12)}, {1, hm(12, 30), hm(13)}, {1, hm(14), hm(18)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 45)}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(11, 15))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(11, 30))));  // would run into the break
  for (int m = hm(11, 30); m < hm(14); m += 15) EXPECT_FALSE(has_start(slots, at(kMonday, m))) << m;
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(14))));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(17, 15))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(17, 30))));
}

TEST(Availability, TouchingIntervalsOfOneWeekdayAreOneStretch) {
  // 09–12 and 12–15 entered as two rows: a visit may run across noon.
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(12)}, {1, hm(12), hm(15)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 60)}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(11, 30))));
  EXPECT_EQ(fit_line(agenda, need(10, 60), 1, std::nullopt, span(kMonday, hm(11, 30), hm(12, 30))), LineFit::ok);
}

TEST(Availability, OpeningHoursClipStaffHours) {
  auto agenda = agenda_of({staff(1, {{1, hm(8), hm(20)}}, {10})});
  agenda.opening_hours = {{1, hm(9), hm(12)}, {1, hm(14), hm(19)}};
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().span.start, at(kMonday, hm(9)));
  EXPECT_EQ(slots.back().span.start, at(kMonday, hm(18, 30)));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(12))));
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(8), hm(8, 30))), LineFit::outside_hours);
}

TEST(Availability, SkipsTimeOff) {
  auto s = staff(1, {{1, hm(9), hm(12)}}, {10});
  s.time_off = {span(kMonday, hm(10), hm(11))};
  auto agenda = agenda_of({s});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(9, 30))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(9, 45))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(10, 30))));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(11))));
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(10, 15), hm(10, 45))), LineFit::taken);
}

TEST(Availability, TimeOffOverSeveralDaysEmptiesThem) {
  auto s = staff(1, every_day(hm(9), hm(18)), {10});
  s.time_off = {{at(kMonday, hm(12)), at(kMonday.plus_days(2), hm(12))}};
  auto agenda = agenda_of({s});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday.plus_days(2)));
  for (const auto& sl : slots) {
    EXPECT_FALSE(sl.span.overlaps(s.time_off[0]));
  }
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(11, 30))));
  EXPECT_TRUE(has_start(slots, at(kMonday.plus_days(2), hm(12))));
  EXPECT_FALSE(has_start(slots, at(kMonday.plus_days(1), hm(9))));
}

TEST(Availability, SkipsExistingAppointmentsButNotTheirNeighbours) {
  auto s = staff(1, {{1, hm(9), hm(12)}}, {10});
  s.busy = {{span(kMonday, hm(10), hm(10, 30)), 0, 1, 7}};
  auto agenda = agenda_of({s});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(9, 30))));  // ends as the other starts
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(9, 45))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(10))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(10, 15))));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(10, 30))));
}

TEST(Availability, AnotherStaffMemberTakesTheSlotWhenTheFirstIsBusy) {
  auto a = staff(1, {{1, hm(9), hm(12)}}, {10});
  a.busy = {{span(kMonday, hm(10), hm(11)), 0, 1, 7}};
  auto agenda = agenda_of({a, staff(2, {{1, hm(9), hm(12)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday));
  const auto* s9 = slot_at(slots, at(kMonday, hm(9)));
  const auto* s10 = slot_at(slots, at(kMonday, hm(10)));
  ASSERT_TRUE(s9 && s10);
  EXPECT_EQ(s9->lines[0].staff_id, 1);  // the first assignment found
  EXPECT_EQ(s10->lines[0].staff_id, 2);
  // One slot per distinct start, even with two staff free.
  EXPECT_EQ(std::count_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.span.start == at(kMonday, hm(9)); }), 1);

  auto only_1 = query({need(10, 30)}, kMonday, kMonday);
  only_1.staff_id = 1;
  EXPECT_FALSE(has_start(find_slots(agenda, only_1), at(kMonday, hm(10))));
}

TEST(Availability, MultiLineVisitRunsBackToBackWithDifferentStaff) {
  // Alice cuts, Bob colours; a cut then a colour.
  auto alice = staff(1, {{1, hm(9), hm(12)}}, {10});
  auto bob = staff(2, {{1, hm(9), hm(12)}}, {20});
  auto agenda = agenda_of({alice, bob});
  auto q = query({need(10, 30), need(20, 60)}, kMonday, kMonday);
  auto slots = find_slots(agenda, q);
  const auto* s = slot_at(slots, at(kMonday, hm(9)));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->span, span(kMonday, hm(9), hm(10, 30)));
  ASSERT_EQ(s->lines.size(), 2u);
  EXPECT_EQ(s->lines[0].staff_id, 1);
  EXPECT_EQ(s->lines[0].span, span(kMonday, hm(9), hm(9, 30)));
  EXPECT_EQ(s->lines[1].staff_id, 2);
  EXPECT_EQ(s->lines[1].span, span(kMonday, hm(9, 30), hm(10, 30)));
  EXPECT_EQ(slots.back().span.start, at(kMonday, hm(10, 30)));  // the whole visit ends by 12:00

  // Bob busy 09:30–10:00: the visit cannot start at 09:00 any more, but can at 10:00.
  bob.busy = {{span(kMonday, hm(9, 30), hm(10)), 0, 1, 9}};
  agenda = agenda_of({alice, bob});
  slots = find_slots(agenda, q);
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(9))));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(9, 30))));

  // Asking for Alice alone: she does not colour, so no slot at all.
  q.staff_id = 1;
  EXPECT_TRUE(find_slots(agenda, q).empty());
}

TEST(Availability, MultiLineVisitWithOneStaffMember) {
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(11)}}, {10, 20, 30})});
  auto slots = find_slots(agenda, query({need(10, 30), need(20, 30), need(30, 15)}, kMonday, kMonday));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.back().span, span(kMonday, hm(9, 45), hm(11)));
  for (const auto& l : slots.front().lines) EXPECT_EQ(l.staff_id, 1);
  EXPECT_EQ(slots.front().lines[2].span, span(kMonday, hm(10), hm(10, 15)));
}

TEST(Availability, GroupSessionTakesClientsUpToCapacity) {
  // A workshop of capacity 3, 10:00–11:00 with two places taken.
  auto s = staff(1, {{1, hm(9), hm(12)}}, {50, 10});
  s.busy = {{span(kMonday, hm(10), hm(11)), 50, 1, 1}, {span(kMonday, hm(10), hm(11)), 50, 1, 2}};
  auto agenda = agenda_of({s});
  ASSERT_EQ(agenda.staff[0].busy.size(), 1u);
  EXPECT_EQ(agenda.staff[0].busy[0].taken, 2);

  auto workshop = need(50, 60, {}, 3);
  auto slots = find_slots(agenda, query({workshop}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(10))));        // join the session: a place is left
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(10, 15))));   // another session would overlap it
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(9, 30))));
  EXPECT_EQ(fit_line(agenda, workshop, 1, std::nullopt, span(kMonday, hm(10), hm(11))), LineFit::ok);
  EXPECT_EQ(fit_line(agenda, workshop, 1, std::nullopt, span(kMonday, hm(10, 30), hm(11, 30))), LineFit::taken);
  // An ordinary service cannot squeeze into the session, nor can another group service.
  EXPECT_EQ(fit_line(agenda, need(10, 60), 1, std::nullopt, span(kMonday, hm(10), hm(11))), LineFit::taken);
  s.service_ids = {10, 50, 60};
  agenda = agenda_of({s});
  EXPECT_EQ(fit_line(agenda, need(60, 60, {}, 3), 1, std::nullopt, span(kMonday, hm(10), hm(11))), LineFit::taken);

  // The third client fills it.
  s.busy.push_back({span(kMonday, hm(10), hm(11)), 50, 1, 3});
  agenda = agenda_of({s});
  EXPECT_FALSE(has_start(find_slots(agenda, query({workshop}, kMonday, kMonday)), at(kMonday, hm(10))));
  EXPECT_EQ(fit_line(agenda, workshop, 1, std::nullopt, span(kMonday, hm(10), hm(11))), LineFit::taken);
}

TEST(Availability, ResourceIsExclusiveAcrossStaff) {
  // Two staff, one room: when Bob holds the room, Alice cannot give a facial even though she is free.
  auto alice = staff(1, {{1, hm(9), hm(12)}}, {30});
  auto bob = staff(2, {{1, hm(9), hm(12)}}, {30});
  bob.busy = {{span(kMonday, hm(10), hm(10, 45)), 0, 1, 5}};
  ResourceSchedule room{100, {{span(kMonday, hm(10), hm(10, 45)), 0, 1, 5}}};
  auto agenda = agenda_of({alice, bob}, {room});
  auto facial = need(30, 45, {100});
  auto slots = find_slots(agenda, query({facial}, kMonday, kMonday));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(9, 15))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(9, 30))));
  EXPECT_FALSE(has_start(slots, at(kMonday, hm(10))));
  EXPECT_TRUE(has_start(slots, at(kMonday, hm(10, 45))));
  const auto* s = slot_at(slots, at(kMonday, hm(9)));
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->lines[0].resource_id);
  EXPECT_EQ(*s->lines[0].resource_id, 100);
  auto t = span(kMonday, hm(10), hm(10, 45));
  EXPECT_EQ(fit_line(agenda, facial, 1, 100, t), LineFit::resource_taken);
  EXPECT_EQ(fit_line(agenda, facial, 1, std::nullopt, t), LineFit::resource_required);
  EXPECT_EQ(fit_line(agenda, facial, 1, 101, t), LineFit::resource_not_allowed);

  // A second room accepted by the service frees the slot.
  auto agenda2 = agenda_of({alice, bob}, {room, ResourceSchedule{101, {}}});
  auto either = need(30, 45, {100, 101});
  slots = find_slots(agenda2, query({either}, kMonday, kMonday));
  const auto* s10 = slot_at(slots, at(kMonday, hm(10)));
  ASSERT_TRUE(s10);
  EXPECT_EQ(s10->lines[0].staff_id, 1);
  EXPECT_EQ(*s10->lines[0].resource_id, 101);
  EXPECT_EQ(fit_line(agenda2, either, 1, 101, t), LineFit::ok);
}

TEST(Availability, StartsFallOnTheStepFromMidnight) {
  auto agenda = agenda_of({staff(1, {{1, hm(9, 10), hm(11)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday, 15));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().span.start, at(kMonday, hm(9, 15)));
  for (const auto& s : slots) EXPECT_EQ(paris().local(s.span.start).minute_of_day % 15, 0);

  slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday, 20));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().span.start, at(kMonday, hm(9, 20)));
  EXPECT_EQ(slots.back().span.start, at(kMonday, hm(10, 20)));  // 10:40 would end at 11:10
  for (const auto& s : slots) EXPECT_EQ(paris().local(s.span.start).minute_of_day % 20, 0);

  EXPECT_TRUE(find_slots(agenda, query({need(10, 30)}, kMonday, kMonday, 0)).empty());
}

TEST(Availability, HonoursNotBeforeAndNotAfter) {
  auto agenda = agenda_of({staff(1, every_day(hm(9), hm(12)), {10})});
  auto q = query({need(10, 30)}, kMonday, kMonday.plus_days(2));
  q.not_before = at(kMonday, hm(10, 5));
  q.not_after = at(kMonday.plus_days(1), hm(10));
  auto slots = find_slots(agenda, q);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().span.start, at(kMonday, hm(10, 15)));
  EXPECT_EQ(slots.back().span.start, at(kMonday.plus_days(1), hm(10)));
  for (const auto& s : slots) {
    EXPECT_GE(s.span.start, *q.not_before);
    EXPECT_LE(s.span.start, *q.not_after);
  }
}

TEST(Availability, SeveralDaysInOrder) {
  auto agenda = agenda_of({staff(1, {{1, hm(9), hm(10)}, {3, hm(9), hm(10)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kMonday, kMonday.plus_days(6)));
  ASSERT_EQ(slots.size(), 6u);  // Monday and Wednesday, 09:00 09:15 09:30
  EXPECT_EQ(slots[3].span.start, at(kMonday.plus_days(2), hm(9)));
  EXPECT_TRUE(std::is_sorted(slots.begin(), slots.end(),
                             [](const Slot& a, const Slot& b) { return a.span.start < b.span.start; }));
}

TEST(Availability, SpringForwardDayHasNoSlotInTheMissingHour) {
  // Sunday 2027-03-28: at 02:00 the clocks jump to 03:00.
  auto agenda = agenda_of({staff(1, {{7, hm(1), hm(5)}, {7, hm(9), hm(11)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kSpringForward, kSpringForward, 30));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"01:00+01:00", "01:30+01:00", "03:00+02:00", "03:30+02:00",
                                                     "04:00+02:00", "04:30+02:00", "09:00+02:00", "09:30+02:00",
                                                     "10:00+02:00", "10:30+02:00"}));
  for (const auto& s : slots) EXPECT_EQ(s.span.end - s.span.start, minutes(30));
  // 01:30 for an hour ends at 03:30 summer time: one real hour, inside the working stretch.
  slots = find_slots(agenda, query({need(10, 60)}, kSpringForward, kSpringForward, 30));
  const auto* s = slot_at(slots, at(kSpringForward, hm(1, 30)));
  ASSERT_TRUE(s);
  EXPECT_EQ(paris().format(s->span.end), "2027-03-28T03:30:00+02:00");
}

TEST(Availability, SpringForwardHoursStartingInTheMissingHour) {
  auto agenda = agenda_of({staff(1, {{7, hm(2), hm(4)}}, {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kSpringForward, kSpringForward, 30));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"03:00+02:00", "03:30+02:00"}));
}

TEST(Availability, FallBackDayOffersTheRepeatedHourTwice) {
  // Sunday 2027-10-31: at 03:00 the clocks go back to 02:00; 02:00–03:00 happens twice, and the working
  // stretch 01:00–04:00 lasts four real hours. Slots come in time order.
  auto agenda = agenda_of({staff(1, {{7, hm(1), hm(4)}, {7, hm(9), hm(10)}}, {10})});
  EXPECT_EQ(at(kFallBack, hm(4)) - at(kFallBack, hm(1)), std::chrono::hours(4));
  auto slots = find_slots(agenda, query({need(10, 30)}, kFallBack, kFallBack, 30));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"01:00+02:00", "01:30+02:00", "02:00+02:00", "02:30+02:00",
                                                     "02:00+01:00", "02:30+01:00", "03:00+01:00", "03:30+01:00",
                                                     "09:00+01:00", "09:30+01:00"}));
  for (std::size_t i = 1; i < slots.size(); ++i) EXPECT_LT(slots[i - 1].span.start, slots[i].span.start);
  // Each is a real half hour, and a booking there fits: slots and bookings agree.
  for (const auto& s : slots) {
    EXPECT_EQ(s.span.end - s.span.start, minutes(30));
    EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, s.span), LineFit::ok);
  }
  // Busy during the first 02:00–02:30: the second one is still free.
  auto s = staff(1, {{7, hm(1), hm(4)}}, {10});
  s.busy = {{{at(kFallBack, hm(2)), at(kFallBack, hm(2)) + minutes(30)}, 0, 1, 1}};
  slots = find_slots(agenda_of({s}), query({need(10, 30)}, kFallBack, kFallBack, 30));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"01:00+02:00", "01:30+02:00", "02:30+02:00", "02:00+01:00",
                                                     "02:30+01:00", "03:00+01:00", "03:30+01:00"}));
}

TEST(Availability, DaysAroundTheChangeKeepTheirOffsets) {
  auto agenda = agenda_of({staff(1, every_day(hm(9), hm(9, 30)), {10})});
  auto slots = find_slots(agenda, query({need(10, 30)}, kSpringForward.plus_days(-1), kSpringForward.plus_days(1)));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"09:00+01:00", "09:00+02:00", "09:00+02:00"}));
  slots = find_slots(agenda, query({need(10, 30)}, kFallBack.plus_days(-1), kFallBack.plus_days(1)));
  EXPECT_EQ(starts(slots), (std::vector<std::string>{"09:00+02:00", "09:00+01:00", "09:00+01:00"}));
  EXPECT_EQ(slots[1].span.start - slots[0].span.start, std::chrono::hours(25));
  EXPECT_EQ(slots[2].span.start - slots[1].span.start, std::chrono::hours(24));
}

TEST(Availability, SlotsAndFitLineAgree) {
  // Every slot offered is accepted by fit_line, line by line, with the staff and resource it names.
  auto a = staff(1, {{1, hm(9), hm(12)}, {1, hm(13), hm(17)}}, {10, 30});
  a.busy = {{span(kMonday, hm(10), hm(10, 30)), 0, 1, 1}};
  a.time_off = {span(kMonday, hm(15), hm(16))};
  auto b = staff(2, {{1, hm(11), hm(18)}}, {20, 30});
  ResourceSchedule room{100, {{span(kMonday, hm(14), hm(14, 45)), 0, 1, 2}}};
  auto agenda = agenda_of({a, b}, {room});
  std::vector<LineNeed> lines{need(10, 30), need(30, 45, {100}), need(20, 15)};
  auto slots = find_slots(agenda, query(lines, kMonday, kMonday, 15));
  ASSERT_FALSE(slots.empty());
  for (const auto& s : slots)
    for (std::size_t k = 0; k < lines.size(); ++k)
      EXPECT_EQ(fit_line(agenda, lines[k], s.lines[k].staff_id, s.lines[k].resource_id, s.lines[k].span), LineFit::ok)
          << paris().format(s.span.start) << " line " << k;
}

TEST(FitLine, ExplainsWhyALineDoesNotFit) {
  auto a = staff(1, {{1, hm(9), hm(12)}}, {10});
  a.busy = {{span(kMonday, hm(10), hm(10, 30)), 0, 1, 42}};
  auto agenda = agenda_of({a});
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(9), hm(9, 30))), LineFit::ok);
  EXPECT_EQ(fit_line(agenda, need(11, 30), 1, std::nullopt, span(kMonday, hm(9), hm(9, 30))), LineFit::not_performed);
  EXPECT_EQ(fit_line(agenda, need(10, 30), 99, std::nullopt, span(kMonday, hm(9), hm(9, 30))), LineFit::not_performed);
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(11, 45), hm(12, 15))),
            LineFit::outside_hours);
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(8, 30), hm(9))), LineFit::outside_hours);
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(10, 15), hm(10, 45))), LineFit::taken);
  // Moving appointment 42 onto itself ignores its own place.
  EXPECT_EQ(fit_line(agenda, need(10, 30), 1, std::nullopt, span(kMonday, hm(10, 15), hm(10, 45)), 42), LineFit::ok);
}

TEST(FitLine, RequireFitThrowsTheContractCodes) {
  auto a = staff(1, {{1, hm(9), hm(12)}}, {10, 30});
  a.busy = {{span(kMonday, hm(10), hm(10, 30)), 0, 1, 42}};
  auto agenda = agenda_of({a}, {ResourceSchedule{100, {}}});
  auto code = [&](const LineNeed& n, std::optional<Id> r, Interval s) -> std::string {
    try {
      require_fit(agenda, n, 1, r, s, 2);
      return "ok";
    } catch (const Error& e) {
      return std::string(text(e.code())) + " " + e.field();
    }
  };
  EXPECT_EQ(code(need(10, 30), std::nullopt, span(kMonday, hm(9), hm(9, 30))), "ok");
  EXPECT_EQ(code(need(11, 30), std::nullopt, span(kMonday, hm(9), hm(9, 30))), "validation_failed lines[2].staff_id");
  EXPECT_EQ(code(need(10, 30), std::nullopt, span(kMonday, hm(13), hm(13, 30))), "outside_hours lines[2].start");
  EXPECT_EQ(code(need(10, 30), std::nullopt, span(kMonday, hm(10), hm(10, 30))), "slot_taken lines[2]");
  EXPECT_EQ(code(need(30, 30, {100}), std::nullopt, span(kMonday, hm(9), hm(9, 30))),
            "resource_required lines[2].resource_id");
}

TEST(Normalize, SortsMergesAndCountsGroupPlaces) {
  std::vector<Busy> busy{
      {span(kMonday, hm(11), hm(12)), 0, 1, 3},
      {span(kMonday, hm(9), hm(10)), 0, 1, 1},
      {span(kMonday, hm(9, 30), hm(10, 30)), 0, 1, 2},  // overlaps the 09:00 one
      {span(kMonday, hm(14), hm(15)), 50, 1, 4},
      {span(kMonday, hm(14), hm(15)), 50, 1, 5},        // same session: places add up
      {span(kMonday, hm(12), hm(13)), 0, 1, 6},         // touches 11–12, stays apart
  };
  normalize(busy);
  ASSERT_EQ(busy.size(), 4u);
  EXPECT_EQ(busy[0].span, span(kMonday, hm(9), hm(10, 30)));
  EXPECT_EQ(busy[0].appointment_id, 0);  // merged: no single appointment owns it
  EXPECT_EQ(busy[1].span, span(kMonday, hm(11), hm(12)));
  EXPECT_EQ(busy[1].appointment_id, 3);
  EXPECT_EQ(busy[2].span, span(kMonday, hm(12), hm(13)));
  EXPECT_EQ(busy[3].span, span(kMonday, hm(14), hm(15)));
  EXPECT_EQ(busy[3].group_service_id, 50);
  EXPECT_EQ(busy[3].taken, 2);
}

TEST(Normalize, DifferentGroupSessionsThatOverlapBlockEachOther) {
  std::vector<Busy> busy{
      {span(kMonday, hm(14), hm(15)), 50, 1, 4},
      {span(kMonday, hm(14, 30), hm(15, 30)), 50, 1, 5},
  };
  normalize(busy);
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(busy[0].group_service_id, 0);
  EXPECT_EQ(busy[0].span, span(kMonday, hm(14), hm(15, 30)));
}
