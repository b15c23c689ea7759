#include "app/demo.hpp"

#include "app/auth.hpp"
#include "domain/availability.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/packages.hpp"
#include "store/salons.hpp"

#include <array>

namespace creneau::app {

namespace cat = store::catalogue;

namespace {

struct DemoService {
  const char* name;
  const char* category;
  const char* audience;
  int minutes;
  int euros;
  std::vector<domain::Id> res;
  int capacity = 1;
  bool package_only = false;
  bool discovery = false;
};

// One person of the demo: their skills (indexes into the services) and, per salon, the weekdays they work there.
struct DemoPerson {
  const char* first;
  const char* last;
  std::vector<int> skills;
  std::vector<std::pair<domain::Id, std::vector<int>>> days;  // salon → weekdays
  const char* role = "employee";
};

// The salon's settings: its name and zone come from the salon itself.
void configure(sql::Connection& c, domain::Id salon_id) {
  auto settings = cat::load_settings(c, salon_id);
  settings.waitlist.mode = "manual";
  settings.waitlist.channels = {"email", "sms"};
  cat::save_settings(c, settings, salon_id);
}

domain::Id add_salon(sql::Connection& c, domain::Instant now, domain::SalonProfile s) {
  if (s.id == 1) {  // the database's first salon: renamed and placed
    store::salons::update(c, s);
  } else {
    s.id = store::salons::insert(c, s, now);
  }
  configure(c, s.id);
  return s.id;
}

// Some weeks of visits at one salon, placed where its agenda has room (staff and rooms are checked across the
// whole network, so the stylist shared by two salons is never in two places at once).
void fill_agenda(sql::Connection& c, domain::Id salon_id, const std::vector<domain::Id>& staff_ids,
                 const std::vector<DemoPerson>& people, const std::vector<DemoService>& services,
                 const std::vector<domain::Id>& service_ids, const std::vector<domain::Id>& clients, domain::Instant now,
                 int& k) {
  auto settings = cat::load_settings(c, salon_id);
  domain::Zone zone(settings.timezone);
  auto today = zone.local(now).date;
  auto monday = today.plus_days(1 - today.weekday());
  for (int day = -7; day < 13; ++day) {
    auto date = monday.plus_days(day);
    for (std::size_t si = 0; si < staff_ids.size(); ++si) {
      const auto& person = people[si];
      bool here = false;
      for (const auto& [salon, weekdays] : person.days)
        if (salon == salon_id && std::find(weekdays.begin(), weekdays.end(), date.weekday()) != weekdays.end()) here = true;
      if (!here) continue;
      for (int minute = 9 * 60 + 30 * static_cast<int>(si % 2); minute < 18 * 60; minute += 90) {
        ++k;
        if (k % 3 == 0) continue;  // leave gaps: a living agenda, not a full one
        auto svc_index = static_cast<std::size_t>(person.skills[static_cast<std::size_t>(k) % person.skills.size()]);
        const auto& svc = services[svc_index];
        if (svc.package_only || svc.discovery || svc.capacity > 1) continue;
        if (minute < 13 * 60 && minute + svc.minutes > 13 * 60) continue;  // lunch break
        if (!svc.res.empty() && salon_id != 1) continue;                   // the rooms are the first salon's
        domain::Appointment a;
        a.salon_id = salon_id;
        a.client_id = clients[static_cast<std::size_t>(k * 7 + static_cast<int>(salon_id)) % clients.size()];
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
        l.staff_id = staff_ids[si];
        if (!svc.res.empty()) l.resource_id = svc.res.front();
        l.duration_minutes = svc.minutes;
        l.price_cents = svc.euros * 100;
        auto start = zone.at(date, minute);
        l.span = {start, start + std::chrono::minutes(svc.minutes)};
        a.span = l.span;
        a.lines.push_back(l);
        auto agenda = store::appointments::load_agenda(c, {salon_id, zone, settings}, a.span.start - domain::Days(1),
                                                       a.span.end + domain::Days(1));
        domain::LineNeed need{l.service_id, l.duration_minutes, svc.res, 1};
        if (domain::fit_line(agenda, need, l.staff_id, l.resource_id, l.span) != domain::LineFit::ok) continue;
        store::appointments::insert(c, a);
      }
    }
  }
}

}  // namespace

void load_demo(Context& ctx) {
  auto staff_hash = auth::hash_password("demo-pass-123");
  ctx.db.write([&](sql::Connection& c) {
    if (c.query("SELECT COUNT(*) FROM clients").at(0).integer(0) > 0) return;
    auto now = ctx.now();

    // A network of three salons in two cities, one catalogue.
    auto marais = add_salon(c, now, {1, "Créneau Paris Marais", "paris-marais", "12 rue des Archives", "75004", "Paris",
                                     "+33142720000", "marais@demo.creneau.local", "Europe/Paris"});
    auto batignolles = add_salon(c, now, {0, "Créneau Paris Batignolles", "paris-batignolles", "45 rue des Dames",
                                          "75017", "Paris", "+33143870000", "batignolles@demo.creneau.local",
                                          "Europe/Paris"});
    auto lyon = add_salon(c, now, {0, "Créneau Lyon Presqu'île", "lyon-presquile", "8 rue de la République", "69002",
                                   "Lyon", "+33478370000", "lyon@demo.creneau.local", "Europe/Paris"});

    auto room = cat::insert_resource(c, {0, "Cabine soin", marais});
    auto laser = cat::insert_resource(c, {0, "Appareil laser", marais});

    std::vector<DemoService> services = {
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
        {"Brushing (carte)", "Coiffure", "all", 30, 0, {}, 1, true},
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
    // The rooms and the laser are the Marais's: the other salons do not offer what needs them. Lyon's prices differ.
    for (auto salon : {batignolles, lyon})
      for (std::size_t i = 7; i <= 13; ++i)
        if (i != 12) cat::set_service_override(c, salon, service_ids[i], {false, std::nullopt, std::nullopt});
    cat::set_service_override(c, lyon, service_ids[0], {true, 3800, std::nullopt});
    cat::set_service_override(c, lyon, service_ids[5], {true, 5000, 75});

    const std::vector<int> week = {1, 2, 3, 4, 5, 6};
    std::vector<DemoPerson> people = {
        {"Camille", "Martin", {0, 1, 2, 3, 4, 5, 6, 14}, {{marais, {2, 3, 4, 5, 6}}}, "admin"},
        {"Lucas", "Bernard", {0, 1, 2, 3, 4, 15}, {{marais, {1, 3, 4, 5, 6}}}},
        {"Chloé", "Dubois", {7, 8, 9, 10, 11, 12, 13}, {{marais, {1, 2, 4, 5, 6}}}},
        // The stylist shared by two salons: the Marais early in the week, the Batignolles at its end.
        {"Inès", "Moreau", {4, 5, 6, 12, 14, 15}, {{marais, {1, 2, 3}}, {batignolles, {4, 5, 6}}}},
        {"Hugo", "Laurent", {7, 9, 10, 11, 13}, {{marais, {1, 2, 3, 4, 5}}}},
        {"Sarah", "Lefèvre", {0, 1, 2, 4, 5, 12, 15}, {{batignolles, {1, 2, 3, 4, 5}}}, "manager"},
        {"Yanis", "Girard", {0, 1, 3, 4, 6, 12}, {{batignolles, {2, 3, 4, 5, 6}}}},
        {"Margaux", "Roche", {0, 2, 4, 5, 6, 12, 15}, {{lyon, {1, 2, 3, 4, 5}}}, "manager"},
        {"Bastien", "Perrin", {0, 1, 3, 4, 5, 12}, {{lyon, {2, 3, 4, 5, 6}}}},
        {"Lina", "Morel", {0, 2, 4, 6, 12, 14, 15}, {{lyon, week}}},
    };
    std::vector<domain::Id> staff_ids;
    for (std::size_t i = 0; i < people.size(); ++i) {
      domain::Staff s;
      s.first_name = people[i].first;
      s.last_name = people[i].last;
      s.email = std::string("staff") + std::to_string(i + 1) + "@demo.creneau.local";
      s.role = people[i].role;
      for (int k : people[i].skills) s.service_ids.push_back(service_ids[static_cast<std::size_t>(k)]);
      for (const auto& [salon, weekdays] : people[i].days) {
        s.salon_ids.push_back(salon);
        for (int d : weekdays) {
          s.hours.push_back({d, 9 * 60, 13 * 60, salon});
          s.hours.push_back({d, 14 * 60, 19 * 60, salon});
        }
      }
      std::sort(s.salon_ids.begin(), s.salon_ids.end());
      staff_ids.push_back(cat::insert_staff(c, s, staff_hash, now));
    }

    std::array<const char*, 15> firsts = {"Léa", "Manon", "Emma", "Jade", "Louise", "Alice", "Hélène", "Zoé",
                                          "Nathan", "Jules", "Théo", "Raphaël", "Arthur", "Noémie", "Éloïse"};
    std::array<const char*, 10> lasts = {"Petit", "Durand", "Leroy", "Roux", "Fournier",
                                         "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine"};
    std::vector<domain::Id> clients;
    for (int i = 0; i < 45; ++i) {
      domain::Client cl;
      cl.first_name = firsts[static_cast<std::size_t>(i) % firsts.size()];
      cl.last_name = lasts[static_cast<std::size_t>(i * 7) % lasts.size()];
      cl.email = "client" + std::to_string(i + 1) + "@example.com";
      char phone[16];
      std::snprintf(phone, sizeof phone, "+336%08d", 10000000 + i * 1371);
      cl.phone = phone;
      cl.gender = i % 3 == 0 ? "male" : "female";
      int birth_year = i % 5 == 0 ? 2017 : i % 7 == 0 ? 2011 : 1975 + i % 30;
      cl.birth_date = domain::LocalDate::from_ymd(birth_year, static_cast<unsigned>(i % 12 + 1), static_cast<unsigned>(i % 27 + 1));
      clients.push_back(store::clients::insert(c, cl, now));
    }

    // A network package (used in any salon) and a salon-only one (Lyon's loyalty card), each sold once.
    domain::Zone paris("Europe/Paris");
    auto today = paris.local(now).date;
    domain::PackageType laser_pack{0, "Forfait laser 6 séances", 6, {service_ids[10]}, "adult", 365, "network"};
    auto laser_type = store::packages::insert_type(c, laser_pack);
    domain::PackageType card{0, "Carte 10 brushings Lyon", 10, {service_ids[15]}, "all", 0, "salon"};
    auto card_type = store::packages::insert_type(c, card);
    store::packages::assign(c, clients[1], laser_type, today.plus_days(-30), now, marais);
    store::packages::assign(c, clients[2], card_type, today.plus_days(-10), now, lyon);

    int k = 0;
    for (auto salon : {marais, batignolles, lyon})
      fill_agenda(c, salon, staff_ids, people, services, service_ids, clients, now, k);
  });
}

}  // namespace creneau::app
