// Waitlist matching over hand-built agendas: freed intervals, ordering by booking date, skills, other staff
// free then, resources, hours, notice, requested staff, limits, and 10,000 waiting visits in well under 1 ms.
#include "domain/waitlist.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace creneau::domain;
using std::chrono::minutes;

namespace {

const Zone& paris() {
  static const Zone z("Europe/Paris");
  return z;
}

constexpr int hm(int h, int m = 0) { return h * 60 + m; }
const LocalDate kMonday = LocalDate::from_ymd(2027, 3, 1);  // winter time, +01:00
const LocalDate kTuesday = kMonday.plus_days(1);

Instant at(LocalDate d, int minute) { return paris().at(d, minute); }
Interval span(LocalDate d, int from, int to) { return {at(d, from), at(d, to)}; }

constexpr Id kAlice = 1, kBob = 2;
constexpr Id kCut = 10, kColor = 11, kFacial = 12, kWorkshop = 13;
constexpr Id kRoom = 100;

std::vector<Service> services() {
  std::vector<Service> s(4);
  s[0].id = kCut, s[0].duration_minutes = 30;
  s[1].id = kColor, s[1].duration_minutes = 60;
  s[2].id = kFacial, s[2].duration_minutes = 45, s[2].resource_ids = {kRoom};
  s[3].id = kWorkshop, s[3].duration_minutes = 60, s[3].capacity = 3;
  return s;
}

StaffSchedule staff(Id id, std::vector<Id> skills) {
  StaffSchedule s;
  s.staff_id = id;
  for (int d = 1; d <= 5; ++d) {
    s.hours.push_back({d, hm(9), hm(13)});
    s.hours.push_back({d, hm(14), hm(18)});
  }
  std::sort(skills.begin(), skills.end());
  s.service_ids = std::move(skills);
  return s;
}

// Alice: cut, colour, facial, workshop. Bob: cut, facial. One room.
Agenda salon() {
  Agenda a;
  a.zone = &paris();
  a.staff = {staff(kAlice, {kCut, kColor, kFacial, kWorkshop}), staff(kBob, {kCut, kFacial})};
  a.resources = {{kRoom, {}}};
  return a;
}

void busy(Agenda& a, Id staff_id, Interval s, Id appointment = 0) {
  a.find_staff(staff_id)->busy.push_back({s, 0, 1, appointment});
  normalize(a.find_staff(staff_id)->busy);
}

struct Waitlist {
  std::vector<WaitingVisit> visits;
  std::vector<WaitingLine> lines;
  // A waiting visit at `start` with lines (service, minutes, staff) run back to back.
  Id add(Id id, Instant start, Instant created, std::vector<WaitingLine> ls, bool requested = false) {
    WaitingVisit v;
    v.appointment_id = id;
    v.client_id = id * 10;
    v.created_at = created;
    v.requested_staff = requested;
    v.first_line = static_cast<std::uint32_t>(lines.size());
    v.line_count = static_cast<std::uint32_t>(ls.size());
    int total = 0;
    for (const auto& l : ls) total += l.duration_minutes;
    v.span = {start, start + minutes(total)};
    for (auto& l : ls) lines.push_back(l);
    visits.push_back(v);
    return id;
  }
};

WaitlistQuery freed(Id staff_id, Interval s, std::size_t limit = 0) {
  WaitlistQuery q;
  q.freed = {staff_id, s};
  q.not_before = at(kMonday, 0);
  q.limit = limit;
  return q;
}

std::vector<Id> ids(const WaitlistMatches& m, const Waitlist& w) {
  std::vector<Id> out;
  for (const auto& c : m.candidates) out.push_back(w.visits[c.visit].appointment_id);
  return out;
}

const Instant kBooked = at(LocalDate::from_ymd(2027, 2, 1), hm(12));
Instant booked(int minutes_later) { return kBooked + minutes(minutes_later); }

}  // namespace

TEST(FreedIntervals, CancelFreesEachStaffMembersSpans) {
  Appointment a;
  a.lines = {{1, kCut, kAlice, {}, span(kMonday, hm(10), hm(10, 30)), 30, 0, "{}", {}},
             {2, kFacial, kBob, kRoom, span(kMonday, hm(10, 30), hm(11, 15)), 45, 0, "{}", {}},
             {3, kColor, kAlice, {}, span(kMonday, hm(11, 15), hm(12, 15)), 60, 0, "{}", {}}};
  auto f = freed_intervals(a, nullptr);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], (FreedInterval{kAlice, span(kMonday, hm(10), hm(10, 30))}));
  EXPECT_EQ(f[1], (FreedInterval{kAlice, span(kMonday, hm(11, 15), hm(12, 15))}));
  EXPECT_EQ(f[2], (FreedInterval{kBob, span(kMonday, hm(10, 30), hm(11, 15))}));
}

TEST(FreedIntervals, MoveFreesOnlyWhatTheNewPlaceDoesNotCover) {
  Appointment before;
  before.lines = {{1, kColor, kAlice, {}, span(kMonday, hm(10), hm(11)), 60, 0, "{}", {}}};
  auto after = before;
  after.lines[0].span = span(kMonday, hm(10, 30), hm(11, 30));
  auto f = freed_intervals(before, &after);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (FreedInterval{kAlice, span(kMonday, hm(10), hm(10, 30))}));

  after.lines[0].staff_id = kBob;  // same time, another staff member: Alice's hour is free
  f = freed_intervals(before, &after);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (FreedInterval{kAlice, span(kMonday, hm(10), hm(11))}));

  EXPECT_TRUE(freed_intervals(before, &before).empty());  // an edit of notes frees nothing
}

TEST(FreedIntervals, BackToBackLinesOfOneStaffMemberMerge) {
  Appointment a;
  a.lines = {{1, kCut, kAlice, {}, span(kMonday, hm(10), hm(10, 30)), 30, 0, "{}", {}},
             {2, kColor, kAlice, {}, span(kMonday, hm(10, 30), hm(11, 30)), 60, 0, "{}", {}}};
  auto f = freed_intervals(a, nullptr);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].span, span(kMonday, hm(10), hm(11, 30)));
}

TEST(Waitlist, OrdersCandidatesByBookingDateNotByAppointmentDate) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(15)), booked(30), {{kCut, 30, kAlice}});
  w.add(2, at(kTuesday, hm(11)), booked(10), {{kCut, 30, kAlice}});
  w.add(3, at(kMonday, hm(16)), booked(20), {{kCut, 30, kBob}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(10, 30))));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{2, 3, 1}));
  // Each goes to Alice at 10:00.
  for (const auto& c : m.candidates) {
    ASSERT_EQ(m.lines_of(c).size(), 1u);
    EXPECT_EQ(m.lines_of(c)[0].staff_id, kAlice);
    EXPECT_EQ(m.lines_of(c)[0].span, span(kMonday, hm(10), hm(10, 30)));
  }
}

TEST(Waitlist, SameBookingSecondFallsBackToAppointmentId) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(7, at(kTuesday, hm(15)), booked(0), {{kCut, 30, kAlice}});
  w.add(5, at(kTuesday, hm(16)), booked(0), {{kCut, 30, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(11))));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{5, 7}));
}

TEST(Waitlist, OnlyLaterVisitsThatFitTheFreedInterval) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kMonday, hm(9)), booked(1), {{kCut, 30, kAlice}});               // earlier already
  w.add(2, at(kTuesday, hm(10)), booked(2), {{kColor, 60, kAlice}});           // 60 min > 30 freed
  w.add(3, at(kTuesday, hm(10)), booked(3), {{kCut, 30, kAlice}});             // fits
  w.add(4, at(kMonday, hm(10)), booked(4), {{kCut, 30, kAlice}});              // same start: not later
  w.add(5, at(kTuesday, hm(10)), booked(5), {{kCut, 20, kAlice}});             // shorter: fits
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(10, 30))));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{3, 5}));
}

TEST(Waitlist, FreedStaffMustPerformTheServiceOrAnotherStaffMemberFreeThen) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  // A colour only Alice does: Bob's freed hour is no use.
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kColor, 60, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kBob, span(kMonday, hm(10), hm(11))));
  EXPECT_TRUE(m.candidates.empty());

  // Cut (30) then colour (60) freed by Bob 10:00–11:30: Bob cuts, Alice (free) colours.
  w = {};
  w.add(2, at(kTuesday, hm(10)), booked(2), {{kCut, 30, kBob}, {kColor, 60, kAlice}});
  m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kBob, span(kMonday, hm(10), hm(11, 30))));
  ASSERT_EQ(ids(m, w), (std::vector<Id>{2}));
  const auto& lines = m.lines_of(m.candidates[0]);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].staff_id, kBob);
  EXPECT_EQ(lines[1].staff_id, kAlice);
  EXPECT_EQ(lines[1].span, span(kMonday, hm(10, 30), hm(11, 30)));

  // Alice busy then: the colour cannot go anywhere.
  busy(agenda, kAlice, span(kMonday, hm(10, 30), hm(12)), 99);
  m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kBob, span(kMonday, hm(10), hm(11, 30))));
  EXPECT_TRUE(m.candidates.empty());
}

TEST(Waitlist, AtLeastOneLineTakesTheFreedTime) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  // A colour freed by Bob's cancel: Bob does not colour; Alice is free, but that is not Bob's freed time.
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kColor, 60, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kBob, span(kMonday, hm(10), hm(11))));
  EXPECT_TRUE(m.candidates.empty());
}

TEST(Waitlist, RequiredResourceMustBeFree) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kFacial, 45, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(11))));
  ASSERT_EQ(m.candidates.size(), 1u);
  EXPECT_EQ(m.lines_of(m.candidates[0])[0].resource_id, kRoom);

  agenda.find_resource(kRoom)->busy.push_back({span(kMonday, hm(10, 30), hm(11)), 0, 1, 42});
  m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(11))));
  EXPECT_TRUE(m.candidates.empty());
}

TEST(Waitlist, StaffHoursTimeOffAndOtherAppointmentsStillCount) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kColor, 60, kAlice}});
  // The freed span runs into lunch (13:00): a 60-min colour from 12:30 does not fit the hours.
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(12, 30), hm(14, 30))));
  EXPECT_TRUE(m.candidates.empty());
  // Time off over the freed start.
  agenda.find_staff(kAlice)->time_off.push_back(span(kMonday, hm(15), hm(15, 30)));
  m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(15), hm(16))));
  EXPECT_TRUE(m.candidates.empty());
}

TEST(Waitlist, MinimumNoticeFromNow) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kCut, 30, kAlice}});
  auto q = freed(kAlice, span(kMonday, hm(10), hm(10, 30)));
  q.not_before = at(kMonday, hm(10, 1));  // now + notice is past the freed start
  EXPECT_TRUE(match_waitlist(agenda, svc, w.visits, w.lines, q).candidates.empty());
  q.not_before = at(kMonday, hm(10));
  EXPECT_EQ(match_waitlist(agenda, svc, w.visits, w.lines, q).candidates.size(), 1u);
}

TEST(Waitlist, RequestedStaffStaysWithThem) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kCut, 30, kBob}}, /*requested=*/true);
  w.add(2, at(kTuesday, hm(10)), booked(2), {{kCut, 30, kBob}}, /*requested=*/false);
  w.add(3, at(kTuesday, hm(11)), booked(3), {{kCut, 30, kAlice}}, /*requested=*/true);
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(10, 30))));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{2, 3}));
}

TEST(Waitlist, GroupServicesAndTheSourceAppointmentAreLeftOut) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(1), {{kWorkshop, 60, kAlice}});
  w.add(2, at(kTuesday, hm(10)), booked(2), {{kCut, 30, kAlice}});
  auto q = freed(kAlice, span(kMonday, hm(10), hm(11)));
  q.exclude_appointment = 2;
  EXPECT_TRUE(match_waitlist(agenda, svc, w.visits, w.lines, q).candidates.empty());
}

TEST(Waitlist, LimitKeepsTheFirstBooked) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  for (int i = 1; i <= 5; ++i) w.add(i, at(kTuesday, hm(9) + i * 30), booked(100 - i), {{kCut, 30, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(10, 30)), 2));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{5, 4}));
}

TEST(Waitlist, AVisitOverlappingItsOwnNewPlaceIsNotBlockedByItself) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  // Alice's 10:00–10:30 is freed; the colour at 10:30–11:30 (its own busy span) can start at 10:00.
  w.add(1, at(kMonday, hm(10, 30)), booked(1), {{kColor, 60, kAlice}});
  busy(agenda, kAlice, span(kMonday, hm(10, 30), hm(11, 30)), 1);
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(11, 30))));
  ASSERT_EQ(ids(m, w), (std::vector<Id>{1}));
  EXPECT_EQ(m.lines_of(m.candidates[0])[0].span, span(kMonday, hm(10), hm(11)));
}

TEST(Waitlist, UnsortedInputIsOrderedToo) {
  auto agenda = salon();
  auto svc = services();
  Waitlist w;
  w.add(1, at(kTuesday, hm(10)), booked(5), {{kCut, 30, kAlice}});
  w.add(2, at(kTuesday, hm(11)), booked(1), {{kCut, 30, kAlice}});
  w.add(3, at(kTuesday, hm(12)), booked(3), {{kCut, 30, kAlice}});
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, freed(kAlice, span(kMonday, hm(10), hm(10, 30))));
  EXPECT_EQ(ids(m, w), (std::vector<Id>{2, 3, 1}));
}

TEST(Waitlist, TenThousandWaitingVisitsInUnderAMillisecond) {
  auto agenda = salon();
  auto svc = services();
  // A busy agenda: every other half hour taken for both, over the month after the freed Monday.
  for (int d = 1; d < 30; ++d)
    for (int h = 9; h < 18; ++h)
      for (Id s : {kAlice, kBob})
        agenda.find_staff(s)->busy.push_back({span(kMonday.plus_days(d), hm(h, 30), hm(h + 1)), 0, 1, 0});
  for (auto& s : agenda.staff) normalize(s.busy);
  Waitlist w;
  w.visits.reserve(10000);
  w.lines.reserve(20000);
  const WaitingLine shapes[][2] = {{{kCut, 30, kAlice}, {0, 0, 0}},
                                   {{kCut, 20, kBob}, {0, 0, 0}},
                                   {{kFacial, 45, kAlice}, {0, 0, 0}},
                                   {{kCut, 30, kBob}, {kColor, 60, kAlice}},
                                   {{kColor, 60, kAlice}, {0, 0, 0}}};
  for (int i = 0; i < 10000; ++i) {
    const auto& shape = shapes[i % 5];
    std::vector<WaitingLine> ls{shape[0]};
    if (shape[1].service_id) ls.push_back(shape[1]);
    w.add(i + 1, at(kTuesday.plus_days(i % 20), hm(9 + i % 8)), booked(i), ls, i % 7 == 0);
  }
  auto q = freed(kAlice, span(kMonday, hm(10), hm(11, 30)));
  // Warm-up, then the best of a few runs (the machine may be shared).
  auto m = match_waitlist(agenda, svc, w.visits, w.lines, q);
  double best = 1e9;
  for (int run = 0; run < 20; ++run) {
    auto t0 = std::chrono::steady_clock::now();
    auto again = match_waitlist(agenda, svc, w.visits, w.lines, q);
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
    ASSERT_EQ(again.candidates.size(), m.candidates.size());
  }
  std::printf("match_waitlist over 10000 waiting visits: %.3f ms (%zu candidates)\n", best, m.candidates.size());
  EXPECT_GT(m.candidates.size(), 1000u);
  EXPECT_LE(m.placements.size(), 16u);  // placed once per shape, not once per visit
#ifdef NDEBUG
  EXPECT_LT(best, 1.0);
#endif
}
