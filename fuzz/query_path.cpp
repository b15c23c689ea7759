// The request line: path and query string decoding, route matching, and the readers of query parameters
// (ids, dates, paging, availability). Input: "PATH?QUERY" as it arrives in the request target.
#include "domain/error.hpp"
#include "http/booking_io.hpp"
#include "http/json.hpp"
#include "http/router.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace creneau;

namespace {
const http::Router& routes() {
  static const http::Router r = [] {
    http::Router r;
    auto ok = [](const http::Request&, const http::Params&) { return http::Response{}; };
    for (const char* p : {"/api/clients", "/api/clients/export.csv", "/api/clients/{id}", "/api/clients/{id}/members",
                          "/api/clients/{id}/members/{member_id}", "/api/appointments/{id}/cancel",
                          "/api/portal/offers/{token}/accept", "/api/staff/{id}/time_off/{time_off_id}"})
      r.add("GET", p, http::Access::public_(), ok);
    return r;
  }();
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view target(reinterpret_cast<const char*>(data), size);
  auto q = target.find('?');
  http::Request req;
  req.method = "GET";
  req.path = http::url_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) req.query = http::parse_query(target.substr(q + 1));
  http::Params params;
  bool path_matched = false;
  if (routes().match("GET", req.path, params, path_matched)) {
    for (const auto& p : params) {
      if (p.empty() || p.find('/') != std::string::npos) std::abort();  // a capture is one non-empty segment
      try {
        http::path_id(p);
      } catch (const domain::Error&) {
      }
    }
  }
  auto attempt = [](auto&& read) {
    try {
      read();
    } catch (const domain::Error&) {
    }
  };
  attempt([&] { http::paging(req); });
  attempt([&] { http::query_int(req, "staff_id"); });
  attempt([&] { http::query_date(req, "from"); });
  attempt([&] {
    auto r = http::read_availability_request(req);
    for (auto id : r.service_ids)
      if (id <= 0) std::abort();
  });
  return 0;
}
