#include "app/demo_agenda.hpp"

#include "domain/rules.hpp"
#include "store/appointments.hpp"

#include <algorithm>
#include <cstdlib>

namespace creneau::app::demo {

bool Occupancy::free(Id who, const domain::Interval& span) const {
  auto it = spans.find(who);
  if (it == spans.end()) return true;
  return std::none_of(it->second.begin(), it->second.end(), [&](const auto& s) { return s.overlaps(span); });
}

bool Worker::works(Id salon_id, int weekday) const {
  auto it = weekdays.find(salon_id);
  return it != weekdays.end() && std::find(it->second.begin(), it->second.end(), weekday) != it->second.end();
}

namespace {

// Clients a service suits on that day: their age, and cuts for women and for men go to them.
std::vector<std::size_t> suited(const std::vector<domain::Client>& clients, domain::LocalDate day, const domain::Service& s) {
  std::vector<std::size_t> fit;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (!domain::audience_fits(s.audience, clients[i].birth_date, day)) continue;
    if ((s.name == "Coupe femme" && clients[i].gender != "female") || (s.name == "Coupe homme" && clients[i].gender != "male"))
      continue;
    fit.push_back(i);
  }
  return fit;
}

// A holder of a package for `service_id` with sessions left to book, among `clients`; nullptr when none.
Holder* holder_for(Ctx& x, Id service_id, const std::vector<domain::Client>& clients, Id& client_id) {
  auto it = x.holders.find(service_id);
  if (it == x.holders.end() || it->second.empty()) return nullptr;
  auto pick = it->second.begin();
  std::advance(pick, x.dice.below(static_cast<int>(it->second.size())));
  bool here = std::any_of(clients.begin(), clients.end(), [&](const auto& c) { return c.id == pick->first; });
  if (!here || pick->second.booked >= pick->second.cap) return nullptr;
  client_id = pick->first;
  return &pick->second;
}

}  // namespace

void fill_agenda(Ctx& x, const Salon& salon, const std::vector<Worker>& workers,
                 const std::vector<domain::Client>& clients, const domain::Staff& desk) {
  auto& dice = x.dice;
  const auto& zone = salon.zone;
  auto today = zone.local(x.now).date;
  for (int offset = kFirstDay; offset < kEndDay; ++offset) {
    auto day = today.plus_days(offset);
    int weekday = day.weekday();
    if (weekday == 7) continue;
    int fill = weekday == 6 ? 85 : weekday == 5 ? 65 : 50;
    for (const auto& w : workers) {
      if (!w.works(salon.id(), weekday)) continue;  // their day off, or a day at another salon
      const auto& skills = w.staff.service_ids;
      for (int minute = 9 * 60; minute < 19 * 60;) {
        if (!dice.chance(fill)) {
          minute += 15 * (1 + dice.below(3));
          continue;
        }
        const auto* svc = salon.service(skills[static_cast<std::size_t>(dice.below(static_cast<int>(skills.size())))]);
        if (!svc || !svc->offered || svc->is_group() || svc->discovery) {
          minute += 15;
          continue;
        }
        int end = minute + svc->duration_minutes;
        if ((minute < 13 * 60 && end > 13 * 60) || end > 19 * 60 || (minute >= 13 * 60 && minute < 14 * 60)) {
          minute = minute < 14 * 60 ? 14 * 60 : 19 * 60;
          continue;
        }
        domain::Interval span{zone.at(day, minute), zone.at(day, end)};
        std::optional<Id> room;
        if (!svc->resource_ids.empty()) room = svc->resource_ids.front();
        if (!x.busy.free(w.staff.id, span) || (room && !x.busy.free(-*room, span))) {
          minute += 15;
          continue;
        }
        // A client this service suits; a holder of the package for a package-only service.
        Id client_id = 0;
        Holder* holder = nullptr;
        std::size_t who = 0;
        if (svc->package_only) {
          holder = holder_for(x, svc->id, clients, client_id);
          if (!holder) {
            minute += 15;
            continue;
          }
          for (std::size_t i = 0; i < clients.size(); ++i)
            if (clients[i].id == client_id) who = i;
        } else {
          auto fit = suited(clients, day, *svc);
          if (fit.empty()) {
            minute += 15;
            continue;
          }
          // A few draws for a client without a visit within ten days of that day; none: the slot stays free.
          bool found = false;
          for (int draw = 0; draw < 4 && !found; ++draw) {
            who = fit[static_cast<std::size_t>(dice.below(static_cast<int>(fit.size())))];
            const auto& days = x.visits[clients[who].id];
            found = std::none_of(days.begin(), days.end(), [&](domain::LocalDate d) {
              return std::abs(d.days_since_epoch - day.days_since_epoch) < 10;
            });
          }
          if (!found) {
            minute += 15;
            continue;
          }
        }
        x.visits[clients[who].id].push_back(day);
        const auto& client = clients[who];
        domain::Appointment a;
        a.salon_id = salon.id();
        a.client_id = client.id;
        a.created_at = a.updated_at = x.now - domain::Days(std::max(1, 10 - offset / 3));
        bool online = dice.chance(30);
        a.created_by = a.updated_by = online ? domain::Actor{"client", a.client_id, client.first_name + " " + client.last_name}
                                             : domain::Actor{"staff", desk.id, desk.display_name()};
        a.requested_staff = dice.chance(25);
        if (dice.chance(8)) a.client_request = "Merci de prévoir un peu plus de temps";
        if (dice.chance(6)) a.quick_note = "Cliente fidèle";
        if (offset > 2 && dice.chance(8)) {
          a.status = domain::AppointmentStatus::pending;
          a.confirmation = domain::Confirmation::request;
        }
        a.notify_earlier_slot = offset > 3 && dice.chance(12);
        a.rules = salon.settings.booking;
        domain::AppointmentLine l;
        l.service_id = svc->id;
        l.staff_id = w.staff.id;
        l.resource_id = room;
        l.duration_minutes = svc->duration_minutes;
        l.price_cents = svc->price_cents;
        l.span = span;
        if (holder) {
          l.package_id = holder->package_id;
          ++holder->booked;
        }
        a.lines.push_back(l);
        a.span = span;
        bool past = span.end <= x.now;
        if (dice.chance(4)) {
          a.status = domain::AppointmentStatus::cancelled;
          a.cancel_reason = "Empêchement";
          a.lines.front().package_id.reset();
        } else if (past) {
          a.no_show = dice.chance(5);
          a.arrived = !a.no_show;
          a.paid = a.arrived;
          if (a.paid) a.payment_method = dice.chance(70) ? "card" : dice.chance(60) ? "cash" : "cheque";
        }
        store::appointments::insert(x.c, a);
        if (!a.cancelled()) {
          x.busy.take(w.staff.id, span);
          if (room) x.busy.take(-*room, span);
        }
        minute = end + 15 * dice.below(2);
      }
    }
  }
}

}  // namespace creneau::app::demo
