#pragma once
// The application behind the transport: route table, auth guards, error → status, static web UI, request log.
#include "app/context.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "http/access.hpp"
#include "http/forwarding.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/request_log.hpp"
#include "http/router.hpp"

#include <map>
#include <optional>
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

// The route table with each route's access, as `creneau routes --json` prints it: a JSON array, one route a line,
// {"method","pattern","access":{"level"[,"salon"][,"rule"]}} (what docs/openapi.json says as x-access).
std::string route_table_json(const Router& router);

// The OpenAPI 3.1 document compiled into the binary (docs/openapi.json).
std::string_view openapi_document();

// Status of a domain error code (the contract's table).
int status_of(domain::ErrorCode code);
// {"error":{"code","message","field"}} with the message in `lang`.
Response error_response(int status, const domain::Error& e, domain::Lang lang);
// The language of a request's error messages: its Accept-Language (fr or en), else the salon's language.
domain::Lang request_lang(app::Context& ctx, const Request& req);
// The same for a request about one salon's object (an offer, an appointment): else that salon's language.
domain::Lang request_lang(app::Context& ctx, const Request& req, domain::Id salon_id);

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
// GET /metrics (loopback clients only), /api/openapi.json and /api/docs.
void add_ops_routes(Router& r, app::Context& ctx, const Metrics& metrics, const std::string& web_root);

}  // namespace creneau::http
