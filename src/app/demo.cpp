#include "app/demo.hpp"

#include "app/auth.hpp"
#include "domain/rules.hpp"
#include "domain/text.hpp"
#include "store/appointments.hpp"
#include "store/auth.hpp"
#include "store/catalogue.hpp"
#include "store/client_files.hpp"
#include "store/clients.hpp"
#include "store/packages.hpp"

#include <map>

namespace creneau::app {

namespace cat = store::catalogue;
using domain::Id;

namespace {

// A fixed sequence, so every demo salon looks the same (and tests can rely on its shape), not the real clock's.
struct Dice {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
};

struct ServiceDef {
  const char* name;
  const char* category;
  const char* audience;
  int minutes;
  int euros;
  int resource;  // -1 none, 0 the care room, 1 the laser
  int capacity = 1;
  bool package_only = false;
  bool discovery = false;
};

const std::vector<ServiceDef>& service_defs() {
  static const std::vector<ServiceDef> defs = {
      {"Coupe femme", "Coiffure", "adult", 45, 42, -1},
      {"Coupe homme", "Coiffure", "adult", 30, 25, -1},
      {"Coupe enfant (-12 ans)", "Coiffure", "child", 20, 15, -1},
      {"Coupe ado", "Coiffure", "teen", 30, 20, -1},
      {"Brushing", "Coiffure", "all", 30, 28, -1},
      {"Couleur", "Coiffure", "adult", 60, 55, -1},
      {"Mèches", "Coiffure", "adult", 90, 85, -1},
      {"Soin visage éclat", "Esthétique", "adult", 60, 65, 0},
      {"Soin visage ado", "Esthétique", "teen", 45, 40, 0},
      {"Épilation laser jambes", "Laser", "adult", 45, 120, 1},
      {"Épilation laser jambes (forfait)", "Laser", "adult", 45, 0, 1, 1, true},
      {"Séance découverte laser", "Laser", "adult", 30, 0, 1, 1, false, true},
      {"Manucure", "Ongles", "all", 30, 30, -1},
      {"Massage relaxant", "Spa", "adult", 60, 70, 0},
      {"Atelier tresses enfants", "Coiffure", "child", 60, 20, -1, 4},
  };
  return defs;
}
constexpr int kPackageService = 10, kWorkshop = 14;

struct StaffDef {
  const char* first;
  const char* last;
  const char* color;
  std::vector<int> skills;
};

struct ClientDef {
  const char* first;
  const char* last;
  const char* gender;
  int birth_year;
};

// Who is busy when, as the generator fills the agenda (staff and rooms), so no two visits collide.
struct Occupancy {
  std::map<Id, std::vector<domain::Interval>> spans;
  bool free(Id who, const domain::Interval& span) const {
    auto it = spans.find(who);
    if (it == spans.end()) return true;
    for (const auto& s : it->second)
      if (s.overlaps(span)) return false;
    return true;
  }
  void take(Id who, const domain::Interval& span) { spans[who].push_back(span); }
};

}  // namespace

void load_demo(Context& ctx) {
  // One password for every demo login (staff and client accounts): one slow hash instead of two.
  auto demo_hash = auth::hash_password("demo-pass-123");
  ctx.db.write([&](sql::Connection& c) {
    if (c.query("SELECT COUNT(*) FROM clients").at(0).integer(0) > 0) return;
    auto now = ctx.now();
    Dice dice;
    domain::Settings settings = cat::load_settings(c);
    settings.name = "Salon Démo Créneau";
    settings.timezone = "Europe/Paris";
    settings.waitlist.mode = "manual";
    settings.waitlist.channels = {"email", "sms"};
    settings.opening_hours.clear();
    for (int d = 1; d <= 6; ++d) settings.opening_hours.push_back({d, 9 * 60, 19 * 60});
    cat::save_settings(c, settings);
    domain::Zone zone(settings.timezone);

    std::vector<Id> resources{cat::insert_resource(c, {0, "Cabine soin"}), cat::insert_resource(c, {0, "Appareil laser"})};
    const auto& defs = service_defs();
    std::vector<domain::Service> services;
    for (const auto& s : defs) {
      domain::Service svc;
      svc.name = s.name;
      svc.category = s.category;
      svc.audience = s.audience;
      svc.duration_minutes = s.minutes;
      svc.price_cents = s.euros * 100;
      if (s.resource >= 0) svc.resource_ids = {resources[static_cast<std::size_t>(s.resource)]};
      svc.capacity = s.capacity;
      svc.package_only = s.package_only;
      svc.discovery = s.discovery;
      svc.id = cat::insert_service(c, svc);
      services.push_back(svc);
    }

    // Each works Monday to Saturday but one weekday, with a lunch break; everyone works on Saturdays.
    std::vector<StaffDef> people = {{"Camille", "Martin", "#0d9488", {0, 1, 2, 3, 4, 5, 6, 14}},
                                    {"Lucas", "Bernard", "#ea580c", {0, 1, 2, 3, 4}},
                                    {"Chloé", "Dubois", "#16a34a", {7, 8, 9, 10, 11, 12, 13}},
                                    {"Inès", "Moreau", "#c026d3", {4, 5, 6, 12, 14}},
                                    {"Hugo", "Laurent", "#9333ea", {7, 9, 10, 11, 13}}};
    std::vector<domain::Staff> staff;
    for (std::size_t i = 0; i < people.size(); ++i) {
      domain::Staff s;
      s.first_name = people[i].first;
      s.last_name = people[i].last;
      s.email = std::string("staff") + std::to_string(i + 1) + "@demo.creneau.local";
      s.role = i == 0 ? "admin" : "employee";
      s.color = people[i].color;
      for (int k : people[i].skills) s.service_ids.push_back(services[static_cast<std::size_t>(k)].id);
      for (int d = 1; d <= 6; ++d) {
        if (static_cast<int>(i) + 1 == d) continue;
        s.hours.push_back({d, 9 * 60, 13 * 60});
        s.hours.push_back({d, 14 * 60, 19 * 60});
      }
      s.id = cat::insert_staff(c, s, demo_hash, now);
      staff.push_back(s);
    }

    // Clients: adults, a few teenagers and children, and one family (a mother and her two children).
    auto today = zone.local(now).date;
    int year = today.year();
    std::vector<ClientDef> defs_c = {
        {"Léa", "Petit", "female", 1988},     {"Manon", "Durand", "female", 1992},   {"Emma", "Leroy", "female", 1979},
        {"Jade", "Roux", "female", 1995},     {"Louise", "Fournier", "female", 1968}, {"Alice", "Girard", "female", 1985},
        {"Hélène", "Bonnet", "female", 1957}, {"Zoé", "Dupont", "female", year - 15}, {"Nathan", "Lambert", "male", 1990},
        {"Jules", "Fontaine", "male", 1983},  {"Théo", "Mercier", "male", year - 9},  {"Raphaël", "Blanc", "male", 1974},
        {"Arthur", "Guerin", "male", 1999},   {"Noémie", "Faure", "female", 2001},   {"Éloïse", "André", "female", year - 13},
        {"Julie", "Chevalier", "female", 1981}, {"Sarah", "Robin", "female", 1993},  {"Marc", "Gauthier", "male", 1962},
        {"Pauline", "Perrin", "female", 1987}, {"Antoine", "Morin", "male", 1978},   {"Clara", "Vincent", "female", 1996},
        {"Lina", "Masson", "female", year - 7}, {"Paul", "Henry", "male", 1971},     {"Inès", "Garnier", "female", 1990},
        {"Camille", "Roger", "female", 1986}, {"Yanis", "Haddad", "male", 1994}, {"Lucie", "Renard", "female", 1976},
        {"Victor", "Picard", "male", 1969},   {"Anaïs", "Colin", "female", 1998},
        {"Sophie", "Lemoine", "female", 1984}, {"Léo", "Lemoine", "male", year - 8},  {"Rose", "Lemoine", "female", year - 14},
    };
    std::vector<domain::Client> clients;
    for (std::size_t i = 0; i < defs_c.size(); ++i) {
      const auto& d = defs_c[i];
      domain::Client cl;
      cl.first_name = d.first;
      cl.last_name = d.last;
      cl.email = domain::fold(std::string(d.first) + "." + d.last) + "@example.com";
      char phone[16];
      std::snprintf(phone, sizeof phone, "+33%d%08d", i % 4 == 3 ? 7 : 6, 10021936 + static_cast<int>(i) * 113571);
      cl.phone = phone;
      cl.gender = d.gender;
      cl.birth_date = domain::LocalDate::from_ymd(d.birth_year, static_cast<unsigned>(i % 12 + 1), static_cast<unsigned>(i * 7 % 28 + 1));
      if (i % 9 == 4) cl.note = "Préfère les rendez-vous du matin";
      cl.id = store::clients::insert(c, cl, now - domain::Days(400 - static_cast<int>(i) * 10));
      clients.push_back(cl);
    }
    constexpr std::size_t kMother = 29, kSon = 30, kDaughter = 31;
    Id mother = clients[kMother].id;
    store::client_files::put_member(c, mother, clients[kSon].id, "enfant");
    store::client_files::put_member(c, mother, clients[kDaughter].id, "enfant");
    // The mother books online for the three of them.
    store::auth::Account family_account;
    family_account.email = clients[kMother].email;
    family_account.password_hash = demo_hash;
    family_account.first_name = clients[kMother].first_name;
    family_account.last_name = clients[kMother].last_name;
    family_account.client_id = mother;
    family_account.created_at = now - domain::Days(120);
    store::auth::insert_account(c, family_account);

    // A package of six laser sessions, sold to three clients a few weeks ago: their visits use it.
    domain::PackageType laser_pack;
    laser_pack.name = "Forfait 6 séances laser jambes";
    laser_pack.sessions = 6;
    laser_pack.service_ids = {services[kPackageService].id};
    laser_pack.audience = "adult";
    laser_pack.validity_days = 365;
    laser_pack.id = store::packages::insert_type(c, laser_pack);
    std::map<Id, Id> package_of;    // client → package
    std::map<Id, int> package_uses;  // sessions booked so far: four of six, the rest left to sell
    for (std::size_t i : {2u, 5u, 15u})
      package_of[clients[i].id] = store::packages::assign(c, clients[i].id, laser_pack.id, today.plus_days(-60), now);

    // Absences: a day off for Lucas next week, a morning for Inès, a training afternoon for Hugo.
    auto absent = [&](std::size_t who, domain::LocalDate day, int from, int to, const char* reason) {
      domain::TimeOff t;
      t.staff_id = staff[who].id;
      t.span = {zone.at(day, from), zone.at(day, to)};
      t.reason = reason;
      cat::insert_time_off(c, t);
      return t.span;
    };
    Occupancy busy;
    busy.take(staff[1].id, absent(1, today.plus_days(8 - today.weekday() + 2), 9 * 60, 19 * 60, "Congé"));
    busy.take(staff[3].id, absent(3, today.plus_days(3), 9 * 60, 13 * 60, "Rendez-vous médical"));
    busy.take(staff[4].id, absent(4, today.plus_days(15), 14 * 60, 19 * 60, "Formation"));

    auto suited_clients = [&](domain::LocalDate day, const domain::Service& s) {
      std::vector<std::size_t> fit;
      for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!domain::audience_fits(s.audience, clients[i].birth_date, day)) continue;
        // Cuts for women and for men go to them.
        if ((s.id == services[0].id && clients[i].gender != "female") || (s.id == services[1].id && clients[i].gender != "male"))
          continue;
        fit.push_back(i);
      }
      return fit;
    };
    auto add = [&](domain::Appointment& a) {
      a.rules = settings.booking;
      a.span = {a.lines.front().span.start, a.lines.back().span.end};
      store::appointments::insert(c, a);
    };

    // The agenda from two weeks ago to four weeks ahead: Saturdays nearly full, weekdays about half.
    for (int offset = -14; offset < 28; ++offset) {
      auto day = today.plus_days(offset);
      int weekday = day.weekday();
      if (weekday == 7) continue;
      int fill = weekday == 6 ? 85 : weekday == 5 ? 65 : 50;
      // Saturday morning: the children's braiding workshop with Camille, three places taken.
      if (weekday == 6) {
        domain::Interval span{zone.at(day, 10 * 60), zone.at(day, 11 * 60)};
        busy.take(staff[0].id, span);
        for (std::size_t kid : {std::size_t{10}, std::size_t{21}, kSon}) {
          domain::Appointment a;
          a.client_id = clients[kid].id;
          a.group = true;
          a.created_at = a.updated_at = now - domain::Days(20);
          a.created_by = a.updated_by = {"staff", staff[0].id, staff[0].display_name()};
          domain::AppointmentLine l;
          l.service_id = services[kWorkshop].id;
          l.staff_id = staff[0].id;
          l.duration_minutes = 60;
          l.price_cents = services[kWorkshop].price_cents;
          l.span = span;
          a.lines.push_back(l);
          add(a);
        }
      }
      for (std::size_t si = 0; si < staff.size(); ++si) {
        if (static_cast<int>(si) + 1 == weekday) continue;  // their day off
        const auto& skills = people[si].skills;
        for (int minute = 9 * 60; minute < 19 * 60;) {
          if (!dice.chance(fill)) {
            minute += 15 * (1 + dice.below(3));
            continue;
          }
          auto k = static_cast<std::size_t>(skills[static_cast<std::size_t>(dice.below(static_cast<int>(skills.size())))]);
          if (static_cast<int>(k) == kWorkshop || defs[k].discovery) {
            minute += 15;
            continue;
          }
          const auto& svc = services[k];
          int end = minute + svc.duration_minutes;
          if ((minute < 13 * 60 && end > 13 * 60) || end > 19 * 60 || (minute >= 13 * 60 && minute < 14 * 60)) {
            minute = minute < 14 * 60 ? 14 * 60 : 19 * 60;
            continue;
          }
          domain::Interval span{zone.at(day, minute), zone.at(day, end)};
          std::optional<Id> room;
          if (!svc.resource_ids.empty()) room = svc.resource_ids.front();
          if (!busy.free(staff[si].id, span) || (room && !busy.free(-*room, span))) {
            minute += 15;
            continue;
          }
          // A client this service suits; a package holder for the package variant.
          std::size_t who = 0;
          if (defs[k].package_only) {
            auto it = package_of.begin();
            std::advance(it, dice.below(static_cast<int>(package_of.size())));
            if (package_uses[it->first] >= 4) {
              minute += 15;
              continue;
            }
            for (std::size_t i = 0; i < clients.size(); ++i)
              if (clients[i].id == it->first) who = i;
          } else {
            auto fit = suited_clients(day, svc);
            if (fit.empty()) {
              minute += 15;
              continue;
            }
            who = fit[static_cast<std::size_t>(dice.below(static_cast<int>(fit.size())))];
          }
          domain::Appointment a;
          a.client_id = clients[who].id;
          a.created_at = a.updated_at = now - domain::Days(std::max(1, 10 - offset / 3));
          bool online = dice.chance(30);
          a.created_by = a.updated_by = online ? domain::Actor{"client", a.client_id, clients[who].first_name + " " + clients[who].last_name}
                                               : domain::Actor{"staff", staff[0].id, staff[0].display_name()};
          a.requested_staff = dice.chance(25);
          if (dice.chance(8)) a.client_request = "Merci de prévoir un peu plus de temps";
          if (dice.chance(6)) a.quick_note = "Cliente fidèle";
          if (offset > 2 && dice.chance(8)) {
            a.status = "pending";
            a.confirmation = "request";
          }
          a.notify_earlier_slot = offset > 3 && dice.chance(12);
          domain::AppointmentLine l;
          l.service_id = svc.id;
          l.staff_id = staff[si].id;
          l.resource_id = room;
          l.duration_minutes = svc.duration_minutes;
          l.price_cents = svc.price_cents;
          l.span = span;
          if (defs[k].package_only) {
            l.package_id = package_of[a.client_id];
            ++package_uses[a.client_id];
          }
          a.lines.push_back(l);
          bool past = span.end <= now;
          if (dice.chance(4)) {
            a.status = "cancelled";
            a.cancel_reason = "Empêchement";
            a.lines.front().package_id.reset();
          } else if (past) {
            a.no_show = dice.chance(5);
            a.arrived = !a.no_show;
            a.paid = a.arrived;
            if (a.paid) a.payment_method = dice.chance(70) ? "card" : dice.chance(60) ? "cash" : "cheque";
          }
          add(a);
          if (!a.cancelled()) {
            busy.take(staff[si].id, span);
            if (room) busy.take(-*room, span);
          }
          minute = end + 15 * dice.below(2);
        }
      }
    }

    // Two accounts that booked online before any file was theirs: they wait in the link queue.
    struct Newcomer {
      const char* first;
      const char* last;
      const char* email;
      int day, minute;
      std::size_t staff, service;
    };
    for (const auto& n : {Newcomer{"Margaux", "Leclerc", "margaux.leclerc@example.com", 2, 11 * 60, 1, 0},
                          Newcomer{"Karim", "Benali", "karim.benali@example.com", 5, 16 * 60 + 30, 0, 1}}) {
      auto day = today.plus_days(n.day);
      if (day.weekday() == 7) day = day.plus_days(1);
      store::auth::Account account;
      account.email = n.email;
      account.password_hash = demo_hash;
      account.first_name = n.first;
      account.last_name = n.last;
      account.created_at = now - domain::Days(1);
      account.id = store::auth::insert_account(c, account);
      domain::Client cl;
      cl.first_name = n.first;
      cl.last_name = n.last;
      cl.email = n.email;
      cl.id = store::clients::insert(c, cl, now, true);
      store::auth::set_account_client(c, account.id, cl.id);
      // A cut at a time nobody holds yet.
      const auto& svc = services[n.service];
      for (int minute = n.minute; minute + svc.duration_minutes <= 19 * 60; minute += 15) {
        domain::Interval span{zone.at(day, minute), zone.at(day, minute + svc.duration_minutes)};
        bool lunch = minute < 14 * 60 && minute + svc.duration_minutes > 13 * 60;
        if (lunch || !busy.free(staff[n.staff].id, span) || day.weekday() == static_cast<int>(n.staff) + 1) continue;
        domain::Appointment a;
        a.client_id = cl.id;
        a.account_id = account.id;
        a.created_at = a.updated_at = now - domain::Days(1);
        a.created_by = a.updated_by = {"client", cl.id, cl.first_name + " " + cl.last_name};
        domain::AppointmentLine l;
        l.service_id = svc.id;
        l.staff_id = staff[n.staff].id;
        l.duration_minutes = svc.duration_minutes;
        l.price_cents = svc.price_cents;
        l.span = span;
        a.lines.push_back(l);
        add(a);
        busy.take(staff[n.staff].id, span);
        break;
      }
    }
  });
}

}  // namespace creneau::app
