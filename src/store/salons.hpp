#pragma once
// The salons of the network (their profile: name, slug, address, zone). Their settings: store::catalogue.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <vector>

namespace creneau::store::salons {

using domain::Id;

std::vector<domain::SalonProfile> list(sql::Connection& c);
std::optional<domain::SalonProfile> find(sql::Connection& c, Id id);
std::optional<domain::SalonProfile> find_by_slug(sql::Connection& c, const std::string& slug);
std::int64_t count(sql::Connection& c);
Id insert(sql::Connection& c, const domain::SalonProfile& s, domain::Instant now);
void update(sql::Connection& c, const domain::SalonProfile& s);

}  // namespace creneau::store::salons
