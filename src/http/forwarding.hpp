#pragma once
// What a request says about itself through a reverse proxy (X-Forwarded-For / -Proto / -Host), believed only
// when the socket's peer is one of the configured trusted proxies; and the request id of the log lines.
#include "http/message.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace creneau::http {

struct TrustedProxies {
  std::vector<std::string> addresses;  // exact peer addresses, e.g. 127.0.0.1 or ::1
  bool trusts(std::string_view peer) const;
};

// The client's address: the peer itself, or, when the peer is trusted, the right-most address of
// X-Forwarded-For that is not a trusted proxy (left-hand entries are whatever the client claimed); the
// left-most when every hop is trusted.
std::string client_address(const Request& req, const TrustedProxies& proxies);

// "https://salon.example" as the trusted proxy received the request (X-Forwarded-Proto, then X-Forwarded-Host
// or Host); empty when the peer is not trusted or the headers are missing or malformed.
std::string forwarded_base_url(const Request& req, const TrustedProxies& proxies);

bool is_loopback(std::string_view address);

// The incoming X-Request-Id when it is 1–64 characters of [A-Za-z0-9._:-], else a new random one.
std::string request_id(const Request& req);

}  // namespace creneau::http
