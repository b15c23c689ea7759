#include "app/packages.hpp"

#include "app/salons.hpp"
#include "domain/error.hpp"
#include "domain/rules.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/packages.hpp"

#include <algorithm>

namespace creneau::app::packages {

using domain::validation;

namespace {

void check_type(sql::Connection& c, domain::PackageType& t) {
  domain::check_package_type(t);
  for (auto id : t.service_ids)
    if (!store::catalogue::find_service(c, id))
      throw validation("service_ids", "no such service: {}", {std::to_string(id)});
}

domain::Client require_client(sql::Connection& c, Id client_id, domain::Instant now) {
  auto client = store::clients::find(c, client_id, now);
  if (!client) throw domain::not_found("client");
  return *client;
}

domain::Package require_package(sql::Connection& c, Id client_id, Id package_id) {
  auto p = store::packages::find(c, package_id);
  if (!p || p->client_id != client_id) throw domain::not_found("package");
  return *p;
}

domain::Text audience_text(const std::string& audience) {
  if (audience == "child") return "children (under 12)";
  if (audience == "teen") return "teenagers (12 to 17)";
  return "adults (18 and over)";
}

}  // namespace

void allocate(sql::Connection& c, const Salon& salon, domain::Appointment& a, const std::vector<domain::Service>& services) {
  bool any = std::any_of(services.begin(), services.end(), [](const auto& s) { return s.package_only || s.discovery; });
  if (!any) {
    for (auto& line : a.lines) line.package_id.reset();
    return;
  }
  // Days are the salon's local dates: a 00:30 visit in Paris belongs to that day, not to the UTC one before.
  const auto& zone = salon.zone;
  std::vector<domain::PackageLine> lines;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const auto& s = services.at(i);
    lines.push_back({s.id, s.name, s.package_only, s.discovery, zone.local(a.lines[i].span.start).date});
  }
  bool wants_discovery = std::any_of(services.begin(), services.end(), [](const auto& s) { return s.discovery; });
  auto held = store::packages::for_client(c, a.client_id, a.id);
  std::erase_if(held, [&](const auto& p) { return p.salon_only && p.salon_id != salon.id(); });
  auto chosen = domain::allocate_packages(lines, std::move(held),
                                          wants_discovery && store::packages::discovery_used(c, a.client_id, a.id));
  for (std::size_t i = 0; i < a.lines.size(); ++i) a.lines[i].package_id = chosen[i];
}

void reallocate(sql::Connection& c, const Salon& salon, domain::Appointment& a) {
  std::vector<domain::Service> services;
  for (const auto& line : a.lines) {
    const auto* s = salon.service(line.service_id);
    if (!s) throw domain::not_found("service");
    services.push_back(*s);
  }
  allocate(c, salon, a, services);
}

std::vector<domain::PackageType> list_types(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::packages::list_types(c); });
}

domain::PackageType get_type(Context& ctx, Id id) {
  auto t = ctx.db.read([&](sql::Connection& c) { return store::packages::find_type(c, id); });
  if (!t) throw domain::not_found("package type");
  return *t;
}

domain::PackageType create_type(Context& ctx, domain::PackageType t) {
  return ctx.db.write([&](sql::Connection& c) {
    t.id = 0;
    check_type(c, t);
    t.id = store::packages::insert_type(c, t);
    return t;
  });
}

domain::PackageType update_type(Context& ctx, domain::PackageType t) {
  return ctx.db.write([&](sql::Connection& c) {
    if (!store::packages::find_type(c, t.id)) throw domain::not_found("package type");
    check_type(c, t);
    store::packages::update_type(c, t);
    return t;
  });
}

void delete_type(Context& ctx, Id id) {
  ctx.db.write([&](sql::Connection& c) {
    if (!store::packages::find_type(c, id)) throw domain::not_found("package type");
    if (auto n = store::packages::count_of_type(c, id); n > 0)
      throw validation("id", "this package type is held by {} client package(s): remove those first, or keep the type",
                       {std::to_string(n)});
    store::packages::delete_type(c, id);
  });
}

domain::ClientPackage assign(Context& ctx, Id client_id, Id type_id, std::optional<domain::LocalDate> start_date,
                             Id salon_id) {
  return ctx.db.write([&](sql::Connection& c) {
    auto now = ctx.now();
    if (salon_id == 0) salon_id = salons::resolve_in(c, nullptr, std::nullopt);
    const auto salon_ref = load_salon(ctx, c, salon_id);
    const Salon& salon = *salon_ref;
    const auto& zone = salon.zone;
    auto client = require_client(c, client_id, now);
    auto type = store::packages::find_type(c, type_id);
    if (!type) throw validation("package_type_id", "no such package type");
    auto start = start_date.value_or(zone.local(now).date);
    if (!domain::audience_fits(type->audience, client.birth_date, start))
      throw validation("package_type_id", "the package \"{}\" is for {}, and this client's birth date does not fit",
                       {type->name, audience_text(type->audience)});
    auto id = store::packages::assign(c, client_id, type_id, start, now, salon.id());
    return domain::client_package_view(require_package(c, client_id, id));
  });
}

std::vector<domain::ClientPackage> list_for_client(Context& ctx, Id client_id) {
  return ctx.db.read([&](sql::Connection& c) {
    require_client(c, client_id, ctx.now());
    return store::packages::list_for_client(c, client_id);
  });
}

domain::ClientPackage get_for_client(Context& ctx, Id client_id, Id package_id) {
  return ctx.db.read([&](sql::Connection& c) {
    return domain::client_package_view(require_package(c, client_id, package_id));
  });
}

void remove(Context& ctx, Id client_id, Id package_id) {
  ctx.db.write([&](sql::Connection& c) {
    auto p = require_package(c, client_id, package_id);
    if (!p.uses.empty())
      throw validation("package_id",
                       "this package has {} session(s) booked or used: cancel or delete those appointments first",
                       {std::to_string(p.uses.size())});
    store::packages::remove(c, package_id);
  });
}

}  // namespace creneau::app::packages
