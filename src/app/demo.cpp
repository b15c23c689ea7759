#include "app/demo.hpp"

#include "app/auth.hpp"
#include "domain/availability.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"

#include <array>

namespace creneau::app {

namespace cat = store::catalogue;

void load_demo(Context& ctx) {
  auto staff_hash = auth::hash_password("demo-pass-123");
  ctx.db.write([&](sql::Connection& c) {
    if (c.query("SELECT COUNT(*) FROM clients").at(0).integer(0) > 0) return;
    auto now = ctx.now();
    domain::Settings settings = cat::load_settings(c);
    settings.name = "Salon Démo Créneau";
    settings.timezone = "Europe/Paris";
    settings.waitlist.mode = "manual";
    settings.waitlist.channels = {"email", "sms"};
    cat::save_settings(c, settings);

    auto room = cat::insert_resource(c, {0, "Cabine soin"});
    auto laser = cat::insert_resource(c, {0, "Appareil laser"});

    struct S { const char* name; const char* category; const char* audience; int minutes; int euros; std::vector<domain::Id> res; int capacity = 1; bool package_only = false; bool discovery = false; };
    std::vector<S> services = {
        {"Coupe femme", "Coiffure", "adult", 45, 42, {}},
        {"Coupe homme", "Coiffure", "adult", 30, 25, {}},
        {"Coupe enfant (-12 ans)", "Coiffure", "child", 20, 15, {}},
        {"Coupe ado", "Coiffure", "teen", 30, 20, {}},
        {"Brushing", "Coiffure", "all", 30, 28, {}},
        {"Couleur", "Coiffure", "adult", 60, 55, {}},
        {"Mèches", "Coiffure", "adult", 90, 85, {}},
        {"Soin visage éclat", "Esthétique", "adult", 60, 65, {room}},
        {"Soin visage ado", "Esthétique", "teen", 45, 40, {room}},
        {"Épilation laser jambes", "Laser", "adult", 45, 120, {laser}},
        {"Épilation laser jambes (forfait)", "Laser", "adult", 45, 0, {laser}, 1, true},
        {"Séance découverte laser", "Laser", "adult", 30, 0, {laser}, 1, false, true},
        {"Manucure", "Ongles", "all", 30, 30, {}},
        {"Massage relaxant", "Spa", "adult", 60, 70, {room}},
        {"Atelier tresses enfants", "Coiffure", "child", 60, 20, {}, 4},
    };
    std::vector<domain::Id> service_ids;
    for (const auto& s : services) {
      domain::Service svc;
      svc.name = s.name;
      svc.category = s.category;
      svc.audience = s.audience;
      svc.duration_minutes = s.minutes;
      svc.price_cents = s.euros * 100;
      svc.resource_ids = s.res;
      svc.capacity = s.capacity;
      svc.package_only = s.package_only;
      svc.discovery = s.discovery;
      service_ids.push_back(cat::insert_service(c, svc));
    }

    struct P { const char* first; const char* last; std::vector<int> skills; };
    std::vector<P> people = {{"Camille", "Martin", {0, 1, 2, 3, 4, 5, 6, 14}},
                             {"Lucas", "Bernard", {0, 1, 2, 3, 4}},
                             {"Chloé", "Dubois", {7, 8, 9, 10, 11, 12, 13}},
                             {"Inès", "Moreau", {4, 5, 6, 12, 14}},
                             {"Hugo", "Laurent", {7, 9, 10, 11, 13}}};
    std::vector<domain::Id> staff_ids;
    for (std::size_t i = 0; i < people.size(); ++i) {
      domain::Staff s;
      s.first_name = people[i].first;
      s.last_name = people[i].last;
      s.email = std::string("staff") + std::to_string(i + 1) + "@demo.creneau.local";
      s.role = i == 0 ? "admin" : "employee";
      for (int k : people[i].skills) s.service_ids.push_back(service_ids[static_cast<std::size_t>(k)]);
      for (int d = 1; d <= 6; ++d) {
        if (static_cast<int>(i) + 1 == d) continue;  // each has one weekday off
        s.hours.push_back({d, 9 * 60, 13 * 60});
        s.hours.push_back({d, 14 * 60, 19 * 60});
      }
      staff_ids.push_back(cat::insert_staff(c, s, staff_hash, now));
    }

    std::array<const char*, 15> firsts = {"Léa", "Manon", "Emma", "Jade", "Louise", "Alice", "Hélène", "Zoé",
                                          "Nathan", "Jules", "Théo", "Raphaël", "Arthur", "Noémie", "Éloïse"};
    std::array<const char*, 10> lasts = {"Petit", "Durand", "Leroy", "Roux", "Fournier",
                                         "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine"};
    std::vector<domain::Id> clients;
    for (int i = 0; i < 30; ++i) {
      domain::Client cl;
      cl.first_name = firsts[static_cast<std::size_t>(i) % firsts.size()];
      cl.last_name = lasts[static_cast<std::size_t>(i * 7) % lasts.size()];
      cl.email = "client" + std::to_string(i + 1) + "@example.com";
      char phone[16];
      std::snprintf(phone, sizeof phone, "+336%08d", 10000000 + i * 1371);
      cl.phone = phone;
      cl.gender = i % 3 == 0 ? "male" : "female";
      int birth_year = i % 5 == 0 ? 2017 : i % 7 == 0 ? 2011 : 1975 + i;
      cl.birth_date = domain::LocalDate::from_ymd(birth_year, static_cast<unsigned>(i % 12 + 1), static_cast<unsigned>(i % 27 + 1));
      clients.push_back(store::clients::insert(c, cl, now));
    }

    // A week of appointments from this Monday, placed where the agenda has room.
    domain::Zone zone(settings.timezone);
    auto today = zone.local(now).date;
    auto monday = today.plus_days(1 - today.weekday());
    int k = 0;
    for (int day = 0; day < 6; ++day) {
      auto date = monday.plus_days(day);
      for (std::size_t si = 0; si < staff_ids.size(); ++si) {
        for (int minute = 9 * 60 + 30 * static_cast<int>(si % 2); minute < 18 * 60; minute += 90) {
          ++k;
          if (k % 3 == 0) continue;  // leave gaps: a living agenda, not a full one
          auto sid = staff_ids[si];
          auto skills = people[si].skills;
          auto svc_index = static_cast<std::size_t>(skills[static_cast<std::size_t>(k) % skills.size()]);
          const auto& svc = services[svc_index];
          if (svc.package_only || svc.discovery || svc.capacity > 1) continue;
          domain::Appointment a;
          a.client_id = clients[static_cast<std::size_t>(k) % clients.size()];
          a.status = k % 11 == 0 ? "pending" : "approved";
          a.confirmation = a.status == "pending" ? "request" : "approve";
          a.rules = settings.booking;
          a.created_at = a.updated_at = now;
          a.created_by = a.updated_by = {"system", 0, "démo"};
          a.requested_staff = k % 4 == 0;
          a.notify_earlier_slot = k % 5 == 0;
          if (k % 6 == 0) a.client_request = "Merci de prévoir un peu plus de temps";
          if (k % 7 == 0) a.quick_note = "Cliente fidèle";
          domain::AppointmentLine l;
          l.service_id = service_ids[svc_index];
          l.staff_id = sid;
          if (!svc.res.empty()) l.resource_id = svc.res.front();
          l.duration_minutes = svc.minutes;
          l.price_cents = svc.euros * 100;
          auto start = zone.at(date, minute);
          if (minute < 13 * 60 && minute + svc.minutes > 13 * 60) continue;  // lunch break
          l.span = {start, start + std::chrono::minutes(svc.minutes)};
          a.span = l.span;
          a.lines.push_back(l);
          // Resources are shared between staff: skip a visit whose room is already taken then.
          auto agenda = store::appointments::load_agenda(c, {1, zone, settings}, a.span.start - domain::Days(1), a.span.end + domain::Days(1));
          domain::LineNeed need{l.service_id, l.duration_minutes, svc.res, 1};
          if (domain::fit_line(agenda, need, sid, l.resource_id, l.span) != domain::LineFit::ok) continue;
          store::appointments::insert(c, a);
        }
      }
    }
  });
}

}  // namespace creneau::app
