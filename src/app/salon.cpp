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

Salon load_salon(sql::Connection& c, domain::Id salon_id) {
  auto profile = store::salons::find(c, salon_id);
  if (!profile) throw domain::validation("salon_id", "no such salon: {}", {std::to_string(salon_id)});
  auto settings = store::catalogue::load_settings(c, salon_id);
  Salon salon{*profile, settings, domain::Zone(settings.timezone), store::catalogue::list_services(c, true)};
  auto overrides = store::catalogue::service_overrides(c, salon_id);
  std::vector<domain::Id> own_resources;
  for (const auto& r : store::catalogue::list_resources(c, salon_id)) own_resources.push_back(r.id);
  for (auto& s : salon.services) {
    if (auto o = overrides.find(s.id); o != overrides.end()) {
      s.offered = o->second.offered;
      if (o->second.price_cents) s.price_cents = *o->second.price_cents;
      if (o->second.duration_minutes) s.duration_minutes = *o->second.duration_minutes;
    }
    // A service may name rooms of several salons; here only this salon's count.
    std::erase_if(s.resource_ids, [&](domain::Id r) {
      return std::find(own_resources.begin(), own_resources.end(), r) == own_resources.end();
    });
  }
  return salon;
}

}  // namespace creneau::app
