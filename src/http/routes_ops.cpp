// Operations: Prometheus metrics, the OpenAPI document and its readable page.
#include "app/delivery.hpp"
#include "domain/error.hpp"
#include "http/api.hpp"
#include "http/forwarding.hpp"

#include <fstream>
#include <sstream>

namespace creneau::http {

void add_ops_routes(Router& r, app::Context& ctx, const Metrics& metrics, const std::string& web_root) {
  // Loopback only: metrics name routes and volumes nobody outside the machine needs. Behind a trusted proxy the
  // client's own address decides, so a proxied request from outside is refused too.
  r.add("GET", "/metrics", Access::public_().refined("loopback clients only (else 403)"), [&ctx, &metrics](const Request& req, const Params&) {
    if (!is_loopback(req.remote)) forbidden("metrics are served to loopback clients only");
    return Response{200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(app::delivery::outbox_counts(ctx)),
                    {{"Cache-Control", "no-store"}}};
  });

  r.add("GET", "/api/openapi.json", Access::public_(), [](const Request&, const Params&) {
    return Response{200, "application/json", std::string(openapi_document()), {{"Cache-Control", "no-cache"}}};
  });

  r.add("GET", "/api/docs", Access::public_(), [web_root](const Request&, const Params&) {
    std::ifstream in(web_root + "/api-docs/index.html", std::ios::binary);
    if (!in) throw domain::Error(domain::ErrorCode::not_found, "the API reference page is not built: run npm run build in web/");
    std::ostringstream page;
    page << in.rdbuf();
    return Response{200, "text/html; charset=utf-8", page.str(), {{"Cache-Control", "no-cache"}}};
  });
}

}  // namespace creneau::http
