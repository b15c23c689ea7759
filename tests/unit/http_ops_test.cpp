// The operations helpers of the HTTP layer: client address and forwarded address behind trusted proxies,
// request ids, and the metrics' text exposition.
#include "http/forwarding.hpp"
#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace creneau::http;

namespace {
Request from(std::string peer, std::initializer_list<std::pair<std::string, std::string>> headers) {
  Request r;
  r.remote = std::move(peer);
  for (const auto& [k, v] : headers) r.headers[k] = v;
  return r;
}
const TrustedProxies kProxies{{"127.0.0.1", "10.0.0.9"}};
}  // namespace

TEST(Forwarding, ClientAddressIsBelievedOnlyFromATrustedPeer) {
  EXPECT_EQ(client_address(from("203.0.113.5", {{"x-forwarded-for", "1.2.3.4"}}), kProxies), "203.0.113.5");
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", "1.2.3.4"}}), kProxies), "1.2.3.4");
  EXPECT_EQ(client_address(from("127.0.0.1", {}), kProxies), "127.0.0.1");
}

TEST(Forwarding, RightMostUntrustedHopWins) {
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", "6.6.6.6, 198.51.100.7,10.0.0.9"}}), kProxies),
            "198.51.100.7");
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", "10.0.0.9, 127.0.0.1"}}), kProxies), "10.0.0.9");
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", "2001:db8::1"}}), kProxies), "2001:db8::1");
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", "1.2.3.4, <script>"}}), kProxies), "127.0.0.1");
  EXPECT_EQ(client_address(from("127.0.0.1", {{"x-forwarded-for", ""}}), kProxies), "127.0.0.1");
}

TEST(Forwarding, BaseUrlNeedsATrustedPeerAndSaneHeaders) {
  auto https = [](std::string host) {
    return from("127.0.0.1", {{"x-forwarded-proto", "https"}, {"x-forwarded-host", std::move(host)}});
  };
  EXPECT_EQ(forwarded_base_url(https("rdv.example.com"), kProxies), "https://rdv.example.com");
  EXPECT_EQ(forwarded_base_url(https("rdv.example.com:8443, inner"), kProxies), "https://rdv.example.com:8443");
  EXPECT_EQ(forwarded_base_url(https("evil/<x>"), kProxies), "");
  EXPECT_EQ(forwarded_base_url(from("127.0.0.1", {{"x-forwarded-proto", "gopher"}, {"host", "a"}}), kProxies), "");
  EXPECT_EQ(forwarded_base_url(from("127.0.0.1", {{"x-forwarded-proto", "http"}, {"host", "a.test"}}), kProxies),
            "http://a.test");
  EXPECT_EQ(forwarded_base_url(from("8.8.8.8", {{"x-forwarded-proto", "https"}, {"host", "a.test"}}), kProxies), "");
}

TEST(Forwarding, Loopback) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.8.9.10"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback("10.0.0.1"));
  EXPECT_FALSE(is_loopback("1270::1"));
  EXPECT_FALSE(is_loopback(""));
}

TEST(Forwarding, RequestIds) {
  EXPECT_EQ(request_id(from("", {{"x-request-id", "abc-123_x.y:z"}})), "abc-123_x.y:z");
  auto made = request_id(from("", {{"x-request-id", "has space"}}));
  EXPECT_EQ(made.size(), 16u);
  EXPECT_NE(made, request_id(from("", {})));
  EXPECT_EQ(request_id(from("", {{"x-request-id", std::string(65, 'a')}})).size(), 16u);
}

TEST(Metrics, CountsAndHistogramsByRoutePattern) {
  Metrics m;
  m.set_routes({{"GET", "/api/appointments/{id}"}, {"POST", "/api/appointments"}});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) m.observe_request(0, "GET", 200, std::chrono::microseconds(700));
    });
  for (auto& t : threads) t.join();
  m.observe_request(1, "POST", 418, std::chrono::milliseconds(3));
  m.observe_request(Metrics::kUnmatched, "BREW", 404, std::chrono::microseconds(5));
  m.observe_db_write(std::chrono::milliseconds(2));
  auto text = m.render({{"pending", 2}, {"sent", 5}, {"failed", 0}});
  EXPECT_NE(text.find("creneau_http_requests_total{method=\"GET\",route=\"/api/appointments/{id}\",status=\"200\"} 4000\n"),
            std::string::npos);
  EXPECT_NE(text.find("creneau_http_requests_total{method=\"POST\",route=\"/api/appointments\",status=\"418\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("creneau_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  // 0.7 ms falls in the 0.001 bucket, not the 0.0005 one; buckets are cumulative.
  EXPECT_NE(text.find("route=\"/api/appointments/{id}\",le=\"0.0005\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/api/appointments/{id}\",le=\"0.001\"} 4000\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/api/appointments/{id}\",le=\"+Inf\"} 4000\n"), std::string::npos);
  EXPECT_NE(text.find("creneau_http_request_duration_seconds_sum{method=\"GET\",route=\"/api/appointments/{id}\"} 2.8\n"),
            std::string::npos);
  EXPECT_NE(text.find("creneau_outbox_messages{status=\"sent\"} 5\n"), std::string::npos);
  EXPECT_NE(text.find("creneau_db_write_seconds_bucket{le=\"0.0025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("creneau_db_write_seconds_count 1\n"), std::string::npos);
}
