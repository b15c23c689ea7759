#pragma once
// Package ("forfait") accounting at booking time.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <vector>

namespace creneau::app::packages {

// Binds every line of a package_only service to a session of the client's covering package (oldest valid
// first) and checks discovery services; `services[i]` is the service of `a.lines[i]`. Throws no_package,
// package_exhausted or discovery_already_used. Lines of other services lose any package they held.
void allocate(sql::Connection& c, domain::Appointment& a, const std::vector<domain::Service>& services);

}  // namespace creneau::app::packages
