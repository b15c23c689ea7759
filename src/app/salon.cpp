#include "app/salon.hpp"

#include "domain/error.hpp"
#include "store/catalogue.hpp"
#include "store/salons.hpp"

#include <algorithm>

namespace creneau::app {

const domain::Service* Salon::service(domain::Id id) const {
  auto it = std::lower_bound(services.begin(), services.end(), id, [](const auto& s, domain::Id v) { return s.id < v; });
  return it != services.end() && it->id == id ? &*it : nullptr;
}

const std::string* Salon::staff_name(domain::Id staff_id) const {
  const auto& staff = frame.staff;
  auto it = std::lower_bound(staff.begin(), staff.end(), staff_id, [](const auto& s, domain::Id v) { return s.staff_id < v; });
  return it != staff.end() && it->staff_id == staff_id ? &frame.staff_names[static_cast<std::size_t>(it - staff.begin())] : nullptr;
}

Salon read_salon(sql::Connection& c, domain::Id salon_id) {
  auto profile = store::salons::find(c, salon_id);
  if (!profile) throw domain::validation("salon_id", "no such salon: {}", {std::to_string(salon_id)});
  auto settings = store::catalogue::load_settings(c, salon_id);
  Salon salon{*profile, settings, domain::Zone(settings.timezone), store::catalogue::list_services(c, true),
              store::appointments::load_agenda_frame(c, salon_id)};
  auto overrides = store::catalogue::service_overrides(c, salon_id);
  const auto& own_resources = salon.frame.resource_ids;  // sorted
  for (auto& s : salon.services) {
    if (auto o = overrides.find(s.id); o != overrides.end()) {
      s.offered = o->second.offered;
      if (o->second.price_cents) s.price_cents = *o->second.price_cents;
      if (o->second.duration_minutes) s.duration_minutes = *o->second.duration_minutes;
    }
    // A service may name rooms of several salons; here only this salon's count.
    std::erase_if(s.resource_ids,
                  [&](domain::Id r) { return !std::binary_search(own_resources.begin(), own_resources.end(), r); });
  }
  return salon;
}

SalonRef SalonCache::get(sql::Connection& c, domain::Id salon_id) {
  // The version first: what is read after it is at least as new, so a salon is never kept under a later version
  // than the rows it was read from.
  const auto version = store::catalogue::version(c);
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(salon_id); it != entries_.end() && it->second.version == version) {
      it->second.used = ++tick_;
      return it->second.salon;
    }
  }
  auto salon = std::make_shared<const Salon>(read_salon(c, salon_id));
  if (!c.seen_only_committed()) return salon;
  std::lock_guard lock(mutex_);
  auto& entry = entries_[salon_id];
  if (entry.version > version) return salon;  // another request kept a newer one meanwhile
  entry = {version, salon, ++tick_};
  if (entries_.size() > capacity_) {
    auto oldest = std::min_element(entries_.begin(), entries_.end(),
                                   [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
    entries_.erase(oldest);
  }
  return salon;
}

std::size_t SalonCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

SalonRef load_salon(const Context& ctx, sql::Connection& c, domain::Id salon_id) {
  if (!ctx.salons) return std::make_shared<const Salon>(read_salon(c, salon_id));
  return ctx.salons->get(c, salon_id);
}

}  // namespace creneau::app
