#pragma once
// The application behind the transport: route table, auth guards, error → status, static web UI, request log.
#include "app/context.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "http/forwarding.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/request_log.hpp"
#include "http/router.hpp"

#include <string>
#include <string_view>

namespace creneau::http {

struct ApiOptions {
  std::string web_root;              // the built web UI
  TrustedProxies proxies;            // peers whose X-Forwarded-* headers are believed
  bool public_url_given = false;     // --public-url set: links never follow forwarded headers
  RequestLog* request_log = nullptr;  // nullptr: no request lines
};

class Api {
public:
  Api(app::Context& ctx, ApiOptions options);
  Response handle(Request& req);
  const Router& router() const { return router_; }

private:
  // `route`: the index of the matched route, or Metrics::kStatic / kUnmatched.
  Response dispatch(Request& req, std::size_t& route);
  Response static_file(const Request& req) const;
  void log_request(const Request& req, std::string_view id, std::size_t route, int status, long long us) const;
  app::Context& ctx_;
  ApiOptions options_;
  Router router_;
  Metrics metrics_;
};

// The folder of the web UI when --web-root is not given: share/creneau/web beside the installed binary
// (../share/creneau/web from its bin/), else the source tree's web/dist (a development build).
std::string default_web_root();

// The OpenAPI 3.1 document compiled into the binary (docs/openapi.json).
std::string_view openapi_document();

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
// GET /metrics (loopback clients only), /api/openapi.json and /api/docs.
void add_ops_routes(Router& r, app::Context& ctx, const Metrics& metrics, const std::string& web_root);

}  // namespace creneau::http
