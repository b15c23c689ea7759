#pragma once
// The salons of the network: their profiles (admin), their settings and catalogue overrides (admin or the
// salon's manager), and which salon a request is for.
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/model.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace creneau::app::salons {

using domain::Id;

std::vector<domain::SalonProfile> list(Context& ctx);
std::int64_t count(Context& ctx);
domain::SalonProfile get(Context& ctx, Id id);  // not_found
// Public: a salon by its slug (not_found) or id (validation_failed on salon_id), or the only one.
domain::SalonProfile find_public(Context& ctx, std::optional<Id> id, const std::optional<std::string>& slug);
// A new salon; its settings start as the defaults with its name and time zone.
domain::SalonProfile create(Context& ctx, domain::SalonProfile s);
domain::SalonProfile update(Context& ctx, domain::SalonProfile s);

// Which salon a salon-scoped request is for. `requested` must exist (else 422 on salon_id) and, for a staff
// caller, be one they work at (else 403). Left out, it is the only salon of the network, or the only one the
// staff caller works at; otherwise 422 on salon_id. `who` null: a request without a token (the portal).
Id resolve(Context& ctx, const Principal* who, std::optional<Id> requested);
Id resolve_in(sql::Connection& c, const Principal* who, std::optional<Id> requested);
// What a list without salon_id answers: every salon (nullopt) for an admin, else the caller's salons.
std::optional<std::vector<Id>> visible(const Principal& who);
// 403 unless the caller works at `salon_id` (admins work everywhere).
void require_works_at(const Principal& who, Id salon_id);
// 403 unless the caller has admin rights at `salon_id` (an admin, or a manager of that salon).
void require_manages(const Principal& who, Id salon_id);

// Every salon's time zone, to write instants of items of several salons.
std::map<Id, domain::Zone> zones(Context& ctx);
domain::Zone zone_of(Context& ctx, Id salon_id);

domain::Settings settings(Context& ctx, Id salon_id);
domain::Settings patch_settings(Context& ctx, Id salon_id, const std::string& patch);

// The catalogue as a salon sees it (overrides applied, `offered` set).
std::vector<domain::Service> services_at(Context& ctx, Id salon_id);
// The network's catalogue as the portal shows it before a salon is chosen: active services, with the network's
// values, that at least one salon offers.
std::vector<domain::Service> network_services(Context& ctx);
domain::Service service_at(Context& ctx, Id salon_id, Id service_id);
struct Override {
  bool offered = true;
  std::optional<std::int64_t> price_cents;  // nullopt: the network's value
  std::optional<int> duration_minutes;
};
domain::Service set_override(Context& ctx, Id salon_id, Id service_id, const Override& o);

}  // namespace creneau::app::salons
