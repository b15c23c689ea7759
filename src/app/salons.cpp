#include "app/salons.hpp"

#include "codec/codec.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "store/catalogue.hpp"
#include "store/salons.hpp"

#include <set>

namespace creneau::app::salons {

using domain::validation;

namespace {

void check_profile(sql::Connection& c, domain::SalonProfile& s) {
  if (s.name.empty()) throw validation("name", "the name is required");
  if (s.slug.empty() || s.slug.size() > 60) throw validation("slug", "the slug is required (at most 60 characters)");
  for (char ch : s.slug)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
      throw validation("slug", "a slug has lower-case letters, digits and '-' only");
  // /book/{slug} shares its first segment with the portal's own pages and the API.
  static const std::set<std::string> reserved{"login", "register", "forgot", "reset",       "me",
                                              "offers", "confirm", "unsubscribe", "account", "api", "deleted"};
  if (reserved.count(s.slug))
    throw validation("slug", "\"{}\" is reserved for the booking pages' own addresses: choose another slug", {s.slug});
  if (auto same = store::salons::find_by_slug(c, s.slug); same && same->id != s.id)
    throw validation("slug", "another salon has this slug");
  if (!s.email.empty() && !domain::plausible_email(s.email)) throw validation("email", "not a valid e-mail address");
  domain::Zone check(s.timezone);  // an unknown zone is validation_failed
  (void)check;
}

}  // namespace

std::vector<domain::SalonProfile> list(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::salons::list(c); });
}

std::int64_t count(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::salons::count(c); });
}

domain::SalonProfile get(Context& ctx, Id id) {
  auto s = ctx.db.read([&](sql::Connection& c) { return store::salons::find(c, id); });
  if (!s) throw domain::not_found("salon");
  return *s;
}

domain::SalonProfile find_public(Context& ctx, std::optional<Id> id, const std::optional<std::string>& slug) {
  return ctx.db.read([&](sql::Connection& c) {
    if (slug) {
      auto s = store::salons::find_by_slug(c, *slug);
      if (!s) throw domain::not_found("salon");
      return *s;
    }
    return *store::salons::find(c, resolve_in(c, nullptr, id));
  });
}

domain::SalonProfile create(Context& ctx, domain::SalonProfile s) {
  return ctx.db.write([&](sql::Connection& c) {
    s.id = 0;
    try {
      check_profile(c, s);
    } catch (const domain::Error& e) {
      if (e.field().empty()) throw e.at_field("timezone");
      throw;
    }
    s.id = store::salons::insert(c, s, ctx.now());
    auto settings = store::catalogue::load_settings(c, s.id);  // the defaults: nothing saved yet
    settings.name = s.name;
    settings.timezone = s.timezone;
    store::catalogue::save_settings(c, settings, s.id);
    return s;
  });
}

domain::SalonProfile update(Context& ctx, domain::SalonProfile s) {
  return ctx.db.write([&](sql::Connection& c) {
    if (!store::salons::find(c, s.id)) throw domain::not_found("salon");
    try {
      check_profile(c, s);
    } catch (const domain::Error& e) {
      if (e.field().empty()) throw e.at_field("timezone");
      throw;
    }
    store::salons::update(c, s);
    return s;
  });
}

Id resolve_in(sql::Connection& c, const Principal* who, std::optional<Id> requested) {
  if (requested) {
    if (!store::salons::find(c, *requested)) throw validation("salon_id", "no such salon: {}", {std::to_string(*requested)});
    if (who && who->kind == domain::PrincipalKind::staff) require_works_at(*who, *requested);
    return *requested;
  }
  if (store::salons::count(c) == 1) return store::salons::list(c).front().id;
  if (who && who->kind == domain::PrincipalKind::staff && who->salon_ids.size() == 1) return who->salon_ids.front();
  throw validation("salon_id", "name the salon (salon_id): this network has several");
}

Id resolve(Context& ctx, const Principal* who, std::optional<Id> requested) {
  auto work = [&](sql::Connection& c) { return resolve_in(c, who, requested); };
  // A named salon is one statement (its row, at most requests of an admin); none named may take two.
  return requested ? ctx.db.read_statement(work) : ctx.db.read(work);
}

std::optional<std::vector<Id>> visible(const Principal& who) {
  if (who.is_admin()) return std::nullopt;
  return who.salon_ids;
}

void require_works_at(const Principal& who, Id salon_id) {
  if (!who.works_at(salon_id)) throw domain::Error(domain::ErrorCode::forbidden, "you do not work at this salon");
}

void require_manages(const Principal& who, Id salon_id) {
  if (!who.manages(salon_id)) throw domain::Error(domain::ErrorCode::forbidden, "this route is for the salon's administrators");
}

std::map<Id, domain::Zone> zones(Context& ctx) {
  auto all = list(ctx);
  std::map<Id, domain::Zone> out;
  for (const auto& s : all) out.emplace(s.id, domain::Zone(s.timezone));
  return out;
}

domain::Zone zone_of(Context& ctx, Id salon_id) {
  // The salon's row holds its zone (the settings' timezone is that value): one statement.
  auto tz = ctx.db.read_statement([&](sql::Connection& c) {
    auto s = store::salons::find(c, salon_id);
    return s ? s->timezone : domain::Settings{}.timezone;
  });
  return domain::Zone(tz);
}

domain::Settings settings(Context& ctx, Id salon_id) {
  return ctx.db.read([&](sql::Connection& c) { return store::catalogue::load_settings(c, salon_id); });
}

domain::Settings patch_settings(Context& ctx, Id salon_id, const std::string& patch) {
  return ctx.db.write([&](sql::Connection& c) {
    auto next = codec::settings_merge_patch(store::catalogue::load_settings(c, salon_id), patch);
    store::catalogue::save_settings(c, next, salon_id);
    return next;
  });
}

std::vector<domain::Service> services_at(Context& ctx, Id salon_id) {
  auto all = ctx.db.read([&](sql::Connection& c) { return load_salon(ctx, c, salon_id)->services; });
  std::erase_if(all, [](const auto& s) { return !s.active; });
  return all;
}

std::vector<domain::Service> network_services(Context& ctx) {
  return ctx.db.read([&](sql::Connection& c) {
    auto all = store::catalogue::list_services(c);  // the network's values
    std::set<Id> offered;
    for (const auto& profile : store::salons::list(c))
      for (const auto& s : load_salon(ctx, c, profile.id)->services)
        if (s.offered) offered.insert(s.id);
    std::erase_if(all, [&](const auto& s) { return !s.active || !offered.count(s.id); });
    return all;
  });
}

domain::Service service_at(Context& ctx, Id salon_id, Id service_id) {
  return ctx.db.read([&](sql::Connection& c) {
    const auto salon_ref = load_salon(ctx, c, salon_id);
    const Salon& salon = *salon_ref;
    const auto* s = salon.service(service_id);
    if (!s || !s->active) throw domain::not_found("service");
    return *s;
  });
}

domain::Service set_override(Context& ctx, Id salon_id, Id service_id, const Override& o) {
  if (o.price_cents && *o.price_cents < 0) throw validation("price_cents", "a price cannot be negative");
  if (o.duration_minutes && (*o.duration_minutes < 5 || *o.duration_minutes > 12 * 60))
    throw validation("duration_minutes", "a duration is between 5 minutes and 12 hours");
  return ctx.db.write([&](sql::Connection& c) {
    if (!store::salons::find(c, salon_id)) throw domain::not_found("salon");
    auto s = store::catalogue::find_service(c, service_id);
    if (!s || !s->active) throw domain::not_found("service");
    store::catalogue::set_service_override(c, salon_id, service_id, {o.offered, o.price_cents, o.duration_minutes});
    return *load_salon(ctx, c, salon_id)->service(service_id);
  });
}

}  // namespace creneau::app::salons
