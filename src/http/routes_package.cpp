// Routes of this area are registered here.
#include "http/api.hpp"
#include "http/json.hpp"

namespace creneau::http {

void add_package_routes(Router& r, app::Context& ctx) {
  (void)r;
  (void)ctx;
}

}  // namespace creneau::http
