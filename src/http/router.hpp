#pragma once
// The route table: method + pattern ("/api/clients/{id}") → handler. Captures arrive in order.
#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace creneau::http {

using Params = std::vector<std::string>;
using Handler = std::function<Response(const Request&, const Params&)>;

class Router {
public:
  struct Route {
    std::string method;
    std::string pattern;                // as registered: what metrics, logs and the OpenAPI document name
    std::vector<std::string> segments;  // "{}" = capture
    Handler handler;
  };

  void add(std::string method, std::string pattern, Handler handler);
  // nullptr when nothing matches; `path_matched` says whether another method would have.
  const Route* match(const std::string& method, const std::string& path, Params& params, bool& path_matched) const;
  // Every route in registration order; a route's index there is stable for the process's life.
  const std::vector<Route>& routes() const { return routes_; }
  std::size_t index_of(const Route& r) const { return static_cast<std::size_t>(&r - routes_.data()); }

private:
  std::vector<Route> routes_;
};

}  // namespace creneau::http
