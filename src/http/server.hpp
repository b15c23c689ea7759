#pragma once
// The HTTP transport (Boost.Beast on Asio, keep-alive, several threads). Knows nothing of routes: every
// request goes to one handler. The only translation unit that includes Beast.
#include "http/message.hpp"

#include <functional>
#include <string>

namespace creneau::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 8;
  std::size_t body_limit = 1 << 20;  // larger bodies → 413 payload_too_large
  // Open connections at most; beyond it the listener stops accepting (new ones wait in the kernel's backlog)
  // until one closes. 0: derived from the open-file limit (see default_max_connections()).
  std::size_t max_connections = 0;
};

// The open-file limit raised to its hard maximum, less room for the database, logs and outgoing mail, capped.
std::size_t default_max_connections();

using RequestHandler = std::function<Response(Request&)>;

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish and returns.
// `on_listening` runs once the socket accepts connections (with the port actually bound).
void serve(const ServerOptions& options, RequestHandler handler, const std::function<void(unsigned short)>& on_listening);

}  // namespace creneau::http
