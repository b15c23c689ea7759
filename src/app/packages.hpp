#pragma once
// Packages ("forfaits"): the types the salon sells, the packages clients hold, and the accounting at booking
// time. The rules themselves are pure (domain/packages.hpp); this layer loads what they need.
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/model.hpp"
#include "domain/packages.hpp"
#include "store/sql.hpp"

#include <optional>
#include <vector>

namespace creneau::app::packages {

using domain::Id;

// Binds every line of a package_only service to a session of the client's covering package (oldest valid
// first) and checks discovery services; `services[i]` is the service of `a.lines[i]`. Throws no_package,
// package_exhausted or discovery_already_used. Lines of other services lose any package they held. Runs
// inside the booking's write transaction, which serialises writers: two bookings never take one session.
// Days are the salon's local dates; a package of scope "salon" is spent only at the salon that sold it.
void allocate(sql::Connection& c, const Salon& salon, domain::Appointment& a, const std::vector<domain::Service>& services);
// The same, with the salon's services of `a.lines`: for a visit handed to another client unmoved.
void reallocate(sql::Connection& c, const Salon& salon, domain::Appointment& a);

// ---- package types (admin writes, staff reads) ------------------------------------------------------------
std::vector<domain::PackageType> list_types(Context& ctx);
domain::PackageType get_type(Context& ctx, Id id);
domain::PackageType create_type(Context& ctx, domain::PackageType t);
domain::PackageType update_type(Context& ctx, domain::PackageType t);
// Refused (validation_failed) once a client holds a package of this type.
void delete_type(Context& ctx, Id id);

// ---- a client's packages ----------------------------------------------------------------------------------
// `start_date` missing: today in the salon's time zone. It may be in the past.
// Sold at `salon_id` (0: the only salon of the network).
domain::ClientPackage assign(Context& ctx, Id client_id, Id type_id, std::optional<domain::LocalDate> start_date,
                             Id salon_id = 0);
std::vector<domain::ClientPackage> list_for_client(Context& ctx, Id client_id);
domain::ClientPackage get_for_client(Context& ctx, Id client_id, Id package_id);
// Refused (validation_failed) while a visit that is not cancelled holds one of its sessions.
void remove(Context& ctx, Id client_id, Id package_id);

}  // namespace creneau::app::packages
