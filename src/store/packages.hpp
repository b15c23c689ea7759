#pragma once
// Package types, the packages clients hold, and the sessions their visits take. Usage is never stored: a
// session is used by an appointment line bound to the package (package_id) whose visit is not cancelled, so
// cancelling or deleting a visit gives the session back by itself.
#include "domain/model.hpp"
#include "domain/packages.hpp"
#include "store/sql.hpp"

#include <optional>
#include <vector>

namespace creneau::store::packages {

using domain::Id;

// ---- package types --------------------------------------------------------------------------------------
std::vector<domain::PackageType> list_types(sql::Connection& c);
std::optional<domain::PackageType> find_type(sql::Connection& c, Id id);
Id insert_type(sql::Connection& c, const domain::PackageType& t);
void update_type(sql::Connection& c, const domain::PackageType& t);
void delete_type(sql::Connection& c, Id id);
// How many client packages were sold of this type.
std::int64_t count_of_type(sql::Connection& c, Id type_id);

// ---- client packages ------------------------------------------------------------------------------------
// Sold at `salon_id`.
Id assign(sql::Connection& c, Id client_id, Id type_id, domain::LocalDate start_date, domain::Instant now, Id salon_id = 1);
void remove(sql::Connection& c, Id package_id);

// The client's packages, oldest first, with the uses of every visit except `exclude_appointment` (each use's
// day is local to the salon of its visit).
std::vector<domain::Package> for_client(sql::Connection& c, Id client_id, Id exclude_appointment = 0);
std::optional<domain::Package> find(sql::Connection& c, Id package_id);

// The client's packages as the client file and the portal show them (sessions, used, no_shows, remaining,
// start_date…), oldest first. Reads the salon's time zone itself.
std::vector<domain::ClientPackage> list_for_client(sql::Connection& c, domain::Id client_id);

// Whether the client has a visit (not cancelled, whatever else its status, not `exclude_appointment`) with a
// line of a discovery service.
bool discovery_used(sql::Connection& c, Id client_id, Id exclude_appointment = 0);

}  // namespace creneau::store::packages
