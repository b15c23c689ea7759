#pragma once
// The route table: method + pattern ("/api/clients/{id}") → handler. Captures arrive in order.
#include "http/access.hpp"
#include "http/message.hpp"

#include <concepts>
#include <functional>
#include <string>
#include <vector>

namespace creneau::http {

using Params = std::vector<std::string>;
// A handler gets the caller the route's access admitted (Access, checked by the dispatch before it runs).
using Handler = std::function<Response(const Request&, const Params&, const Caller&)>;

class Router {
public:
  struct Route {
    std::string method;
    std::string pattern;                // as registered: what metrics, logs and the OpenAPI document name
    std::vector<std::string> segments;  // "{}" = capture
    Access access;                      // who may call it, checked before `handler`
    Handler handler;
  };

  // Each route with the access it needs: r.add("GET", "/api/settings", Access::manager().at(SalonFrom::query), h).
  void add(std::string method, std::string pattern, Access access, Handler handler);
  // A handler that does not need the caller (public routes, or routes whose caller only had to be admitted).
  template <class F>
    requires std::is_invocable_r_v<Response, F&, const Request&, const Params&>
  void add(std::string method, std::string pattern, Access access, F handler) {
    add(std::move(method), std::move(pattern), access,
        Handler([h = std::move(handler)](const Request& req, const Params& p, const Caller&) { return h(req, p); }));
  }
  // nullptr when nothing matches; `path_matched` says whether another method would have.
  const Route* match(const std::string& method, const std::string& path, Params& params, bool& path_matched) const;
  // Every route in registration order; a route's index there is stable for the process's life.
  const std::vector<Route>& routes() const { return routes_; }
  std::size_t index_of(const Route& r) const { return static_cast<std::size_t>(&r - routes_.data()); }

private:
  std::vector<Route> routes_;
};

}  // namespace creneau::http
