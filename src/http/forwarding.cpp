#include "http/forwarding.hpp"

#include <algorithm>
#include <random>

namespace creneau::http {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool looks_like_ip(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
  });
}

bool looks_like_host(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
           c == ':' || c == '[' || c == ']';
  });
}

// The first value of a comma-separated header (a proxy chain appends; the first hop's view comes first).
std::string_view first_value(std::string_view v) { return trim(v.substr(0, v.find(','))); }
}  // namespace

bool TrustedProxies::trusts(std::string_view peer) const {
  return std::find(addresses.begin(), addresses.end(), peer) != addresses.end();
}

std::string client_address(const Request& req, const TrustedProxies& proxies) {
  if (!proxies.trusts(req.remote)) return req.remote;
  const auto* xff = req.header("x-forwarded-for");
  if (!xff) return req.remote;
  std::string_view rest(*xff), entry;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (!looks_like_ip(entry)) return req.remote;  // a mangled chain: believe only the socket
    if (!proxies.trusts(entry)) return std::string(entry);
  }
  return entry.empty() ? req.remote : std::string(entry);  // every hop is ours: the first one asked
}

std::string forwarded_base_url(const Request& req, const TrustedProxies& proxies) {
  if (!proxies.trusts(req.remote)) return {};
  const auto* proto = req.header("x-forwarded-proto");
  if (!proto) return {};
  auto scheme = first_value(*proto);
  if (scheme != "https" && scheme != "http") return {};
  const auto* host = req.header("x-forwarded-host");
  if (!host) host = req.header("host");
  if (!host) return {};
  auto name = first_value(*host);
  if (!looks_like_host(name)) return {};
  return std::string(scheme) + "://" + std::string(name);
}

bool is_loopback(std::string_view a) {
  return a == "::1" || a.rfind("127.", 0) == 0 || a.rfind("::ffff:127.", 0) == 0;
}

std::string request_id(const Request& req) {
  if (const auto* given = req.header("x-request-id"); given && !given->empty() && given->size() <= 64 &&
      std::all_of(given->begin(), given->end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
               c == ':' || c == '-';
      }))
    return *given;
  // Not a secret, only a name for a log line: a per-thread generator is enough.
  thread_local std::mt19937_64 gen{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::string id(16, '0');
  auto v = gen();
  for (auto& c : id) {
    c = hex[v & 15];
    v >>= 4;
  }
  return id;
}

}  // namespace creneau::http
