#pragma once
// The salon a use case works for, loaded once at the start of its transaction: its profile, its settings, its
// time zone and the catalogue as that salon sees it (the network's services with its overrides applied, its
// own resources only). Helpers and the domain receive this value instead of reading settings or services again.
#include "domain/model.hpp"
#include "domain/time.hpp"
#include "store/sql.hpp"

#include <optional>
#include <vector>

namespace creneau::app {

struct Salon {
  domain::SalonProfile profile;
  domain::Settings settings;
  domain::Zone zone;
  std::vector<domain::Service> services;  // every service, inactive and not offered ones included, by id

  domain::Id id() const { return profile.id; }
  // The service as booked here; nullptr when unknown (inactive and not-offered ones are returned, flagged).
  const domain::Service* service(domain::Id id) const;
};

// Loads salon `salon_id` inside transaction `c`; an unknown salon → validation_failed on salon_id.
Salon load_salon(sql::Connection& c, domain::Id salon_id);

}  // namespace creneau::app
