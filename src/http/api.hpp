#pragma once
// The application behind the transport: route table, auth guards, error → status, static web UI, request log.
#include "app/context.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

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
// {"error":{"code","message","field"}} with the message in `lang`.
Response error_response(int status, const domain::Error& e, domain::Lang lang);
// The language of a request's error messages: its Accept-Language (fr or en), else the salon's language.
domain::Lang request_lang(app::Context& ctx, const Request& req);

// Guards: resolve the bearer token and check its kind and role (401 without a valid token, 403 when the
// token is of the wrong kind or role).
app::Principal require_staff(app::Context& ctx, const Request& req);
app::Principal require_admin(app::Context& ctx, const Request& req);
app::Principal require_portal(app::Context& ctx, const Request& req);
// Admin rights over client files (their export): an admin, or a manager once salon networks bring that role.
// The one place that says who that is.
app::Principal require_manager(app::Context& ctx, const Request& req);

// The salon's time zone, from the settings: how instants are read and written in bodies.
domain::Zone salon_zone(app::Context& ctx);

// Each area registers its routes.
void add_catalogue_routes(Router& r, app::Context& ctx);
void add_booking_routes(Router& r, app::Context& ctx);
void add_client_routes(Router& r, app::Context& ctx);
void add_system_routes(Router& r, app::Context& ctx);
void add_portal_routes(Router& r, app::Context& ctx);
void add_package_routes(Router& r, app::Context& ctx);
void add_waitlist_routes(Router& r, app::Context& ctx);
void add_privacy_routes(Router& r, app::Context& ctx);

}  // namespace creneau::http
