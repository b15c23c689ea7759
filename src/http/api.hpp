#pragma once
// The application behind the transport: route table, auth guards, error → status, static web UI, request log.
#include "app/context.hpp"
#include "domain/time.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

#include <map>
#include <optional>
#include <string>

namespace creneau::http {

class Api {
public:
  Api(app::Context& ctx, std::string web_root);
  Response handle(Request& req);

private:
  Response dispatch(Request& req);
  Response static_file(const Request& req) const;
  app::Context& ctx_;
  std::string web_root_;
  Router router_;
};

// Status of a domain error code (the contract's table).
int status_of(const std::string& code);
Response error_response(int status, const std::string& code, const std::string& message, const std::string& field = {});

// Guards: resolve the bearer token and check its kind and role (401 without a valid token, 403 when the
// token is of the wrong kind or role).
app::Principal require_staff(app::Context& ctx, const Request& req);
app::Principal require_admin(app::Context& ctx, const Request& req);
// An admin, or a manager (admin rights at their salons: the route checks which salon).
app::Principal require_manager(app::Context& ctx, const Request& req);
app::Principal require_portal(app::Context& ctx, const Request& req);

// A salon's time zone (salon 1, the only one of a single-salon deployment, when not named): how instants are
// read and written in bodies.
domain::Zone salon_zone(app::Context& ctx, domain::Id salon_id = 1);

// Every salon's zone, read once per request: items of several salons are each written in their own.
struct Zones {
  std::map<domain::Id, domain::Zone> by_id;
  const domain::Zone& of(domain::Id salon_id) const;
};
Zones salon_zones(app::Context& ctx);

// The `salon_id` query parameter (malformed → 422 on salon_id).
std::optional<domain::Id> query_salon(const Request& req);
// The salon a salon-scoped request is for: `named` (a create's body member) or the query parameter, else the
// only one that fits (app::salons::resolve). 422 on salon_id when unknown or ambiguous; 403 when a staff caller
// does not work there.
domain::Id request_salon(app::Context& ctx, const app::Principal* who, const Request& req,
                         std::optional<domain::Id> named = std::nullopt);

// Each area registers its routes.
void add_catalogue_routes(Router& r, app::Context& ctx);
void add_booking_routes(Router& r, app::Context& ctx);
void add_client_routes(Router& r, app::Context& ctx);
void add_system_routes(Router& r, app::Context& ctx);
void add_portal_routes(Router& r, app::Context& ctx);
void add_package_routes(Router& r, app::Context& ctx);
void add_waitlist_routes(Router& r, app::Context& ctx);
void add_salon_routes(Router& r, app::Context& ctx);
void add_privacy_routes(Router& r, app::Context& ctx);
void add_report_routes(Router& r, app::Context& ctx);

}  // namespace creneau::http
