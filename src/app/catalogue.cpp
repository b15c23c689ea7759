#include "app/catalogue.hpp"

#include "app/auth.hpp"
#include "codec/codec.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "store/catalogue.hpp"
#include "store/salons.hpp"

#include <algorithm>

namespace creneau::app::catalogue {

using domain::validation;
namespace cat = store::catalogue;

namespace {

void check_hours(const std::vector<domain::WeeklyHours>& hours) {
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const auto& h = hours[i];
    auto f = "hours[" + std::to_string(i) + "]";
    if (h.weekday < 1 || h.weekday > 7) throw validation(f + ".weekday", "weekday is 1 (Monday) to 7 (Sunday)");
    if (h.start_minute >= h.end_minute) throw validation(f, "hours need start before end");
    for (std::size_t k = 0; k < i; ++k)
      if (hours[k].weekday == h.weekday && hours[k].start_minute < h.end_minute && h.start_minute < hours[k].end_minute) {
        if (hours[k].salon_id != h.salon_id)  // one place at a time, whatever the salons' zones
          throw validation("hours", "rows {} and {} overlap at two salons: nobody works in two places at once",
                           {std::to_string(k), std::to_string(i)});
        throw validation(f, "two intervals of the same weekday overlap");
      }
  }
}

// The salons a staff member works at, and the salon of each hours row (the only salon when left out).
void check_salons(sql::Connection& c, domain::Staff& s) {
  std::sort(s.salon_ids.begin(), s.salon_ids.end());
  s.salon_ids.erase(std::unique(s.salon_ids.begin(), s.salon_ids.end()), s.salon_ids.end());
  if (s.salon_ids.empty()) {
    auto all = store::salons::list(c);
    if (all.size() != 1) throw validation("salon_ids", "name the salons this person works at (salon_ids)");
    s.salon_ids.push_back(all.front().id);
  }
  for (auto id : s.salon_ids)
    if (!store::salons::find(c, id)) throw validation("salon_ids", "no such salon: {}", {std::to_string(id)});
  for (auto& h : s.hours) {
    if (h.salon_id == 0) {
      if (s.salon_ids.size() != 1) throw validation("hours", "name the salon of each hours row (salon_id)");
      h.salon_id = s.salon_ids.front();
    }
    if (!std::binary_search(s.salon_ids.begin(), s.salon_ids.end(), h.salon_id))
      throw validation("hours", "an hours row names salon {}, not one of salon_ids", {std::to_string(h.salon_id)});
  }
}

void check_staff(sql::Connection& c, domain::Staff& s) {
  if (s.first_name.empty()) throw validation("first_name", "the first name is required");
  if (!domain::plausible_email(s.email)) throw validation("email", "a valid e-mail address is required");
  check_salons(c, s);
  if (!s.color.empty() && !domain::hex_color(s.color)) throw validation("color", "a colour is # and six hexadecimal digits");
  if (!s.phone.empty()) {
    auto settings = cat::load_settings(c);
    auto phone = domain::normalize_phone(s.phone, settings.country);
    if (!phone) throw validation("phone", "not a phone number");
    s.phone = *phone;
  }
  check_hours(s.hours);
  std::sort(s.service_ids.begin(), s.service_ids.end());
  s.service_ids.erase(std::unique(s.service_ids.begin(), s.service_ids.end()), s.service_ids.end());
  for (auto id : s.service_ids)
    if (!cat::find_service(c, id)) throw validation("service_ids", "no such service: {}", {std::to_string(id)});
  auto same = cat::find_staff_by_email(c, s.email);
  if (same && same->staff.id != s.id) throw validation("email", "another staff member has this e-mail address");
}

void check_service(sql::Connection& c, domain::Service& s) {
  if (s.name.empty()) throw validation("name", "the name is required");
  if (s.audience != "child" && s.audience != "teen" && s.audience != "adult" && s.audience != "all")
    throw validation("audience", "audience is child, teen, adult or all");
  if (s.duration_minutes < 5 || s.duration_minutes > 12 * 60)
    throw validation("duration_minutes", "a duration is between 5 minutes and 12 hours");
  if (s.price_cents < 0) throw validation("price_cents", "a price cannot be negative");
  if (s.capacity < 1 || s.capacity > 100) throw validation("capacity", "capacity is between 1 and 100");
  for (auto id : s.resource_ids)
    if (!cat::find_resource(c, id)) throw validation("resource_ids", "no such resource: {}", {std::to_string(id)});
}

}  // namespace

domain::Settings settings(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return cat::load_settings(c); });
}

domain::Settings patch_settings(Context& ctx, const std::string& patch) {
  return ctx.db.write([&](sql::Connection& c) {
    auto next = codec::settings_merge_patch(cat::load_settings(c), patch);
    cat::save_settings(c, next);
    return next;
  });
}

domain::Staff create_staff(Context& ctx, domain::Staff s, const std::string& password) {
  if (!password.empty()) auth::check_password_strength(password);
  auto hash = password.empty() ? std::string{} : auth::hash_password(password);
  return ctx.db.write([&](sql::Connection& c) {
    s.id = 0;
    check_staff(c, s);
    s.id = cat::insert_staff(c, s, hash, ctx.now());
    return *cat::find_staff(c, s.id);
  });
}

domain::Staff update_staff(Context& ctx, const domain::Staff& staff, const std::string& password) {
  if (!password.empty()) auth::check_password_strength(password);
  std::optional<std::string> hash;
  if (!password.empty()) hash = auth::hash_password(password);
  return ctx.db.write([&](sql::Connection& c) {
    if (!cat::find_staff(c, staff.id)) throw domain::not_found("staff member");
    auto s = staff;
    check_staff(c, s);
    cat::update_staff(c, s, hash);
    return *cat::find_staff(c, s.id);
  });
}

domain::Staff get_staff(Context& ctx, Id id) {
  auto s = ctx.db.read([&](sql::Connection& c) { return cat::find_staff(c, id); });
  if (!s || !s->active) throw domain::not_found("staff member");
  return *s;
}

std::vector<domain::Staff> list_staff(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return cat::list_staff(c); });
}

void delete_staff(Context& ctx, Id id) {
  ctx.db.write([&](sql::Connection& c) {
    auto s = cat::find_staff(c, id);
    if (!s || !s->active) throw domain::not_found("staff member");
    // Past appointments keep pointing at them: the record stays, inactive, and leaves the agenda.
    s->active = false;
    s->email = "deleted-" + std::to_string(id) + "-" + s->email;
    cat::update_staff(c, *s, std::string{});
    c.query("DELETE FROM sessions WHERE kind = 'staff' AND subject_id = ?", {id});
  });
}

domain::TimeOff add_time_off(Context& ctx, domain::TimeOff t) {
  if (t.span.empty()) throw validation("end", "time off needs start before end");
  return ctx.db.write([&](sql::Connection& c) {
    auto s = cat::find_staff(c, t.staff_id);
    if (!s || !s->active) throw domain::not_found("staff member");
    t.id = cat::insert_time_off(c, t);
    return t;
  });
}

std::vector<domain::TimeOff> list_time_off(Context& ctx, std::optional<domain::Instant> from,
                                           std::optional<domain::Instant> to, std::optional<Id> staff_id) {
  // [from, to) is empty only when the last day asked for comes before the first.
  if (from && to && *to <= *from) throw validation("to", "'to' cannot be before 'from'");
  return ctx.db.read([&](sql::Connection& c) { return cat::list_time_off(c, {from, to, staff_id}); });
}

void delete_time_off(Context& ctx, Id staff_id, Id time_off_id) {
  ctx.db.write([&](sql::Connection& c) {
    auto t = cat::find_time_off(c, time_off_id);
    if (!t || t->staff_id != staff_id) throw domain::not_found("time off");
    cat::delete_time_off(c, time_off_id);
  });
}

domain::Resource create_resource(Context& ctx, domain::Resource r) {
  if (r.name.empty()) throw validation("name", "the name is required");
  return ctx.db.write([&](sql::Connection& c) {
    r.id = cat::insert_resource(c, r);
    return r;
  });
}

domain::Resource update_resource(Context& ctx, const domain::Resource& r) {
  if (r.name.empty()) throw validation("name", "the name is required");
  return ctx.db.write([&](sql::Connection& c) {
    if (!cat::find_resource(c, r.id)) throw domain::not_found("resource");
    cat::update_resource(c, r);
    return r;
  });
}

domain::Resource get_resource(Context& ctx, Id id) {
  auto r = ctx.db.read([&](sql::Connection& c) { return cat::find_resource(c, id); });
  if (!r) throw domain::not_found("resource");
  return *r;
}

std::vector<domain::Resource> list_resources(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return cat::list_resources(c); });
}

void delete_resource(Context& ctx, Id id) {
  ctx.db.write([&](sql::Connection& c) {
    if (!cat::find_resource(c, id)) throw domain::not_found("resource");
    cat::deactivate_resource(c, id);
  });
}

domain::Service create_service(Context& ctx, domain::Service s) {
  return ctx.db.write([&](sql::Connection& c) {
    check_service(c, s);
    s.id = cat::insert_service(c, s);
    return *cat::find_service(c, s.id);
  });
}

domain::Service update_service(Context& ctx, const domain::Service& service) {
  return ctx.db.write([&](sql::Connection& c) {
    auto existing = cat::find_service(c, service.id);
    if (!existing || !existing->active) throw domain::not_found("service");
    auto s = service;
    check_service(c, s);
    cat::update_service(c, s);
    return *cat::find_service(c, s.id);
  });
}

domain::Service get_service(Context& ctx, Id id) {
  auto s = ctx.db.read([&](sql::Connection& c) { return cat::find_service(c, id); });
  if (!s || !s->active) throw domain::not_found("service");
  return *s;
}

std::vector<domain::Service> list_services(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return cat::list_services(c); });
}

void delete_service(Context& ctx, Id id) {
  ctx.db.write([&](sql::Connection& c) {
    auto s = cat::find_service(c, id);
    if (!s || !s->active) throw domain::not_found("service");
    cat::deactivate_service(c, id);
  });
}

}  // namespace creneau::app::catalogue
