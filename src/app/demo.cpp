#include "app/demo.hpp"

#include "app/auth.hpp"
#include "app/demo_agenda.hpp"
#include "app/salon.hpp"
#include "domain/text.hpp"
#include "store/appointments.hpp"
#include "store/auth.hpp"
#include "store/catalogue.hpp"
#include "store/client_files.hpp"
#include "store/clients.hpp"
#include "store/packages.hpp"
#include "store/salons.hpp"

#include <map>

namespace creneau::app {

namespace cat = store::catalogue;
using domain::Id;
using namespace demo;

namespace {

struct ServiceDef {
  const char* name;
  const char* category;
  const char* audience;
  int minutes;
  int euros;
  int resource;  // -1 none, 0 the care room, 1 the laser (both at the first salon)
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
      {"Brushing (carte)", "Coiffure", "all", 30, 0, -1, 1, true},
  };
  return defs;
}
constexpr std::size_t kLaserPackageService = 10, kWorkshop = 14, kCardService = 15;

// Salons by index: 0 the Marais (salon 1, the main one), 1 the Batignolles, 2 Lyon.
struct StaffDef {
  const char* first;
  const char* last;
  const char* color;
  domain::Role role;
  std::vector<std::size_t> skills;
  std::vector<std::pair<std::size_t, std::vector<int>>> days;  // salon index → weekdays
};

struct ClientDef {
  const char* first;
  const char* last;
  const char* gender;
  int birth_year;
  bool lyon = false;  // a client of the Lyon salon (the others visit the two Paris salons)
};

// The salon's profile and settings: opening hours Monday to Saturday, waitlist offers sent by hand.
Id add_salon(sql::Connection& c, domain::Instant now, domain::SalonProfile s) {
  if (s.id == 1) {  // the database's first salon: renamed and placed
    store::salons::update(c, s);
  } else {
    s.id = store::salons::insert(c, s, now);
  }
  auto settings = cat::load_settings(c, s.id);
  settings.waitlist.mode = domain::WaitlistMode::manual;
  settings.waitlist.channels = {"email", "sms"};
  settings.opening_hours.clear();
  for (int d = 1; d <= 6; ++d) settings.opening_hours.push_back({d, 9 * 60, 19 * 60});
  cat::save_settings(c, settings, s.id);
  return s.id;
}

}  // namespace

void load_demo(Context& ctx) {
  // One password for every demo login (staff and client accounts): one slow hash instead of two.
  auto demo_hash = auth::hash_password("demo-pass-123");
  ctx.db.write([&](sql::Connection& c) {
    if (c.query("SELECT COUNT(*) FROM clients").at(0).integer(0) > 0) return;
    auto now = ctx.now();
    Dice dice;

    // A network of three salons in two cities, one catalogue.
    std::vector<Id> salon_ids{
        add_salon(c, now, {1, "Créneau Paris Marais", "paris-marais", "12 rue des Archives", "75004", "Paris",
                           "+33142720000", "marais@demo.creneau.local", "Europe/Paris"}),
        add_salon(c, now, {0, "Créneau Paris Batignolles", "paris-batignolles", "45 rue des Dames", "75017", "Paris",
                           "+33143870000", "batignolles@demo.creneau.local", "Europe/Paris"}),
        add_salon(c, now, {0, "Créneau Lyon Presqu'île", "lyon-presquile", "8 rue de la République", "69002", "Lyon",
                           "+33478370000", "lyon@demo.creneau.local", "Europe/Paris"})};
    Id marais = salon_ids[0], lyon = salon_ids[2];

    std::vector<Id> rooms{cat::insert_resource(c, {0, "Cabine soin", marais}),
                          cat::insert_resource(c, {0, "Appareil laser", marais})};
    const auto& defs = service_defs();
    std::vector<Id> service_ids;
    for (const auto& s : defs) {
      domain::Service svc;
      svc.name = s.name;
      svc.category = s.category;
      svc.audience = s.audience;
      svc.duration_minutes = s.minutes;
      svc.price_cents = static_cast<std::int64_t>(s.euros) * 100;
      if (s.resource >= 0) svc.resource_ids = {rooms[static_cast<std::size_t>(s.resource)]};
      svc.capacity = s.capacity;
      svc.package_only = s.package_only;
      svc.discovery = s.discovery;
      service_ids.push_back(cat::insert_service(c, svc));
    }
    // The rooms and the laser are the Marais's: the other salons do not offer what needs them. Lyon's prices differ.
    for (std::size_t si = 1; si < salon_ids.size(); ++si)
      for (std::size_t i = 0; i < defs.size(); ++i)
        if (defs[i].resource >= 0) cat::set_service_override(c, salon_ids[si], service_ids[i], {false, std::nullopt, std::nullopt});
    cat::set_service_override(c, lyon, service_ids[0], {true, 3800, std::nullopt});
    cat::set_service_override(c, lyon, service_ids[5], {true, 5000, 75});

    // Each works Monday to Saturday but one weekday, with a lunch break; everyone works on Saturdays. Inès works
    // at the Marais at the start and the end of the week and at the Batignolles in between.
    std::vector<StaffDef> people = {
        {"Camille", "Martin", "#0d9488", domain::Role::admin, {0, 1, 2, 3, 4, 5, 6, 14}, {{0, {2, 3, 4, 5, 6}}}},
        {"Lucas", "Bernard", "#ea580c", domain::Role::employee, {0, 1, 2, 3, 4}, {{0, {1, 3, 4, 5, 6}}}},
        {"Chloé", "Dubois", "#16a34a", domain::Role::employee, {7, 8, 9, 10, 11, 12, 13}, {{0, {1, 2, 4, 5, 6}}}},
        {"Inès", "Moreau", "#c026d3", domain::Role::employee, {4, 5, 6, 12, 14}, {{0, {1, 2, 6}}, {1, {3, 5}}}},
        {"Hugo", "Laurent", "#9333ea", domain::Role::employee, {7, 9, 10, 11, 13}, {{0, {1, 2, 3, 4, 6}}}},
        {"Sarah", "Lefèvre", "#1d4ed8", domain::Role::manager, {0, 1, 2, 4, 5, 12}, {{1, {2, 3, 4, 5, 6}}}},
        {"Yanis", "Girard", "#b91c1c", domain::Role::employee, {0, 1, 3, 4, 6, 12}, {{1, {1, 3, 4, 5, 6}}}},
        {"Margaux", "Roche", "#a16207", domain::Role::manager, {0, 2, 4, 5, 6, 12, 15}, {{2, {2, 3, 4, 5, 6}}}},
        {"Bastien", "Perrin", "#0e7490", domain::Role::employee, {0, 1, 3, 4, 5, 12}, {{2, {1, 2, 4, 5, 6}}}},
        {"Lina", "Morel", "#be185d", domain::Role::employee, {0, 2, 3, 4, 12, 15}, {{2, {1, 2, 3, 5, 6}}}},
    };
    std::vector<Worker> workers;
    for (std::size_t i = 0; i < people.size(); ++i) {
      Worker w;
      auto& s = w.staff;
      s.first_name = people[i].first;
      s.last_name = people[i].last;
      s.email = std::string("staff") + std::to_string(i + 1) + "@demo.creneau.local";
      s.role = people[i].role;
      s.color = people[i].color;
      for (auto k : people[i].skills) s.service_ids.push_back(service_ids[k]);
      for (const auto& [salon, weekdays] : people[i].days) {
        Id salon_id = salon_ids[salon];
        s.salon_ids.push_back(salon_id);
        w.weekdays[salon_id] = weekdays;
        for (int d : weekdays) {
          s.hours.push_back({d, 9 * 60, 13 * 60, salon_id});
          s.hours.push_back({d, 14 * 60, 19 * 60, salon_id});
        }
      }
      std::sort(s.salon_ids.begin(), s.salon_ids.end());
      s.id = cat::insert_staff(c, s, demo_hash, now);
      workers.push_back(std::move(w));
    }
    auto staff = [&](std::size_t i) -> const domain::Staff& { return workers[i].staff; };

    // Clients: adults, a few teenagers and children, and one family (a mother and her two children).
    domain::Zone paris("Europe/Paris");
    auto today = paris.local(now).date;
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
        {"Amandine", "Rey", "female", 1983, true},  {"Mathis", "Bertrand", "male", 1991, true},
        {"Océane", "Fabre", "female", 1997, true},  {"Bruno", "Chauvin", "male", 1966, true},
        {"Élodie", "Brun", "female", 1989, true},   {"Hugo", "Vidal", "male", year - 10, true},
        {"Margot", "Giraud", "female", year - 16, true}, {"Nadia", "Benoît", "female", 1979, true},
        {"Quentin", "Arnaud", "male", 1985, true},  {"Céline", "Gaillard", "female", 1972, true},
    };
    std::vector<domain::Client> clients, paris_clients, lyon_clients;
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
      (d.lyon ? lyon_clients : paris_clients).push_back(cl);
    }
    // The rest of the clientele, adults with names mixed from the list above: with a few dozen clients, six weeks
    // of three busy agendas would bring each of them back every other day.
    // Every (first name, surname) pair once; surnames of their own, so that no one passes for the Lemoine family.
    static constexpr const char* kSurnames[] = {
        "Martin", "Bernard", "Thomas", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Simon", "Laurent",
        "Michel", "Garcia", "David", "Bertrand", "Roussel", "Muller", "Lefebvre", "Leroux", "Bonnin", "Fabre",
        "Lemaire", "Caron", "Barbier", "Meyer", "Brunet", "Schmitt", "Collet", "Marchand", "Dumont", "Aubert",
        "Rolland", "Lucas", "Noel", "Baron", "Charpentier", "Hubert", "Carpentier", "Lacroix", "Renaud", "Gilbert"};
    constexpr std::size_t surnames = std::size(kSurnames);
    const std::size_t named = defs_c.size();
    for (std::size_t i = 0; i < named * surnames; ++i) {
      const auto& first = defs_c[i % named];
      const char* last = kSurnames[(i / named + 7 * (i % named)) % surnames];
      domain::Client cl;
      cl.first_name = first.first;
      cl.last_name = last;
      cl.email = domain::fold(std::string(first.first) + "." + last) + "." + std::to_string(i + 1) + "@example.com";
      char phone[16];
      std::snprintf(phone, sizeof phone, "+33%d%08d", i % 4 == 3 ? 7 : 6, 20031947 + static_cast<int>(i) * 271829 % 70000000);
      cl.phone = phone;
      cl.gender = first.gender;
      cl.birth_date = domain::LocalDate::from_ymd(1955 + static_cast<int>(i * 7 % 48), static_cast<unsigned>(i % 12 + 1),
                                                  static_cast<unsigned>(i * 11 % 28 + 1));
      cl.id = store::clients::insert(c, cl, now - domain::Days(400 - static_cast<int>(i / 4)));
      (i % 3 == 0 ? lyon_clients : paris_clients).push_back(cl);
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

    // A network package of six laser sessions, sold at the Marais to three clients a few weeks ago: their visits
    // use four of six. A Lyon-only card of ten brushings, sold there to two clients.
    Holders holders;
    domain::PackageType laser_pack{0, "Forfait 6 séances laser jambes", 6, {service_ids[kLaserPackageService]}, "adult", 365, "network"};
    laser_pack.id = store::packages::insert_type(c, laser_pack);
    for (std::size_t i : {2u, 5u, 15u})
      holders[service_ids[kLaserPackageService]][clients[i].id] = {
          store::packages::assign(c, clients[i].id, laser_pack.id, today.plus_days(-60), now, marais), 0, 4};
    domain::PackageType card{0, "Carte 10 brushings Lyon", 10, {service_ids[kCardService]}, "all", 0, "salon"};
    card.id = store::packages::insert_type(c, card);
    for (std::size_t i : {0u, 4u})
      holders[service_ids[kCardService]][lyon_clients[i].id] = {
          store::packages::assign(c, lyon_clients[i].id, card.id, today.plus_days(-45), now, lyon), 0, 6};

    // Absences: a day off for Lucas next week, a morning for Inès, a training afternoon for Hugo and Bastien.
    Occupancy busy;
    auto absent = [&](std::size_t who, domain::LocalDate day, int from, int to, const char* reason) {
      domain::TimeOff t;
      t.staff_id = staff(who).id;
      t.span = {paris.at(day, from), paris.at(day, to)};
      t.reason = reason;
      cat::insert_time_off(c, t);
      busy.take(t.staff_id, t.span);
    };
    absent(1, today.plus_days(8 - today.weekday() + 2), 9 * 60, 19 * 60, "Congé");
    absent(3, today.plus_days(3), 9 * 60, 13 * 60, "Rendez-vous médical");
    absent(4, today.plus_days(15), 14 * 60, 19 * 60, "Formation");
    absent(8, today.plus_days(15), 14 * 60, 19 * 60, "Formation");

    // Saturday mornings at the Marais (the last two weeks and the next four): the children's braiding workshop with
    // Camille, three places taken.
    const auto main_salon_ref = load_salon(ctx, c, marais);
    const Salon& main_salon = *main_salon_ref;
    for (int offset = -14; offset < kEndDay; ++offset) {
      auto day = today.plus_days(offset);
      if (day.weekday() != 6) continue;
      domain::Interval span{paris.at(day, 10 * 60), paris.at(day, 11 * 60)};
      busy.take(staff(0).id, span);
      for (std::size_t kid : {std::size_t{10}, std::size_t{21}, kSon}) {
        domain::Appointment a;
        a.salon_id = marais;
        a.client_id = clients[kid].id;
        a.group = true;
        a.rules = main_salon.settings.booking;
        a.created_at = a.updated_at = now - domain::Days(20);
        a.created_by = a.updated_by = {"staff", staff(0).id, staff(0).display_name()};
        domain::AppointmentLine l;
        l.service_id = service_ids[kWorkshop];
        l.staff_id = staff(0).id;
        l.duration_minutes = 60;
        l.price_cents = static_cast<std::int64_t>(defs[kWorkshop].euros) * 100;
        l.span = a.span = span;
        a.lines.push_back(l);
        store::appointments::insert(c, a);
      }
    }

    // Each salon's agenda: the Marais first (the busiest), its desk the admin; the branches', their managers.
    Ctx x{c, now, dice, busy, holders};
    fill_agenda(x, main_salon, workers, paris_clients, staff(0));
    fill_agenda(x, *load_salon(ctx, c, salon_ids[1]), workers, paris_clients, staff(5));
    fill_agenda(x, *load_salon(ctx, c, lyon), workers, lyon_clients, staff(7));

    // Two accounts that booked online at the Marais before any file was theirs: they wait in the link queue.
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
      const auto* svc = main_salon.service(service_ids[n.service]);
      const auto& who = staff(n.staff);
      for (int minute = n.minute; minute + svc->duration_minutes <= 19 * 60; minute += 15) {
        domain::Interval span{paris.at(day, minute), paris.at(day, minute + svc->duration_minutes)};
        bool lunch = minute < 14 * 60 && minute + svc->duration_minutes > 13 * 60;
        if (lunch || !busy.free(who.id, span) || !workers[n.staff].works(marais, day.weekday())) continue;
        domain::Appointment a;
        a.salon_id = marais;
        a.client_id = cl.id;
        a.account_id = account.id;
        a.rules = main_salon.settings.booking;
        a.created_at = a.updated_at = now - domain::Days(1);
        a.created_by = a.updated_by = {"client", cl.id, cl.first_name + " " + cl.last_name};
        domain::AppointmentLine l;
        l.service_id = svc->id;
        l.staff_id = who.id;
        l.duration_minutes = svc->duration_minutes;
        l.price_cents = svc->price_cents;
        l.span = a.span = span;
        a.lines.push_back(l);
        store::appointments::insert(c, a);
        busy.take(who.id, span);
        break;
      }
    }
  });
}

}  // namespace creneau::app
