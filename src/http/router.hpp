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
  void add(std::string method, std::string pattern, Handler handler);
  // nullptr when nothing matches; `path_matched` says whether another method would have.
  const Handler* match(const std::string& method, const std::string& path, Params& params, bool& path_matched) const;

private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{}" = capture
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace creneau::http
