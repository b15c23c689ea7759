#pragma once
// Prometheus metrics kept in fixed arrays of atomics: recording a request is a few relaxed increments, no lock
// and no allocation. Rendering (a scrape) walks them and writes the text exposition format.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <tuple>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace creneau::http {

class Histogram {
public:
  static constexpr std::array<double, 14> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,    0.25,  0.5,    1,     2.5,   5,     10};
  void observe(std::chrono::nanoseconds d);
  // `name{labels,le="…"} n` lines, then _sum and _count; `labels` is empty or `a="b",c="d"`.
  void render(std::string& out, std::string_view name, std::string_view labels) const;
  std::uint64_t count() const;

private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};  // last: above every bound (+Inf)
  std::atomic<std::uint64_t> sum_ns_{0};
};

class Metrics {
public:
  // Series for the static web files and unmatched paths; routes come with set_routes().
  Metrics();
  // One series family per route of the table (method, pattern), by index. Called once, before serving.
  void set_routes(const std::vector<std::pair<std::string, std::string>>& routes);

  static constexpr std::size_t kStatic = static_cast<std::size_t>(-1);     // the web UI's files
  static constexpr std::size_t kUnmatched = static_cast<std::size_t>(-2);  // 404 / 405 outside the table
  void observe_request(std::size_t route, std::string_view method, int status, std::chrono::nanoseconds took);
  void observe_db_write(std::chrono::nanoseconds took) { db_write_.observe(took); }

  // The whole exposition; `outbox` is the count of messages by status, read by the caller at scrape time.
  std::string render(const std::vector<std::pair<std::string, std::int64_t>>& outbox) const;

private:
  // The statuses this server answers, each with its own counter; any other goes to a locked map.
  static constexpr std::array<int, 19> kStatuses{200, 201, 202, 204, 206, 301, 302, 304, 400, 401,
                                                 403, 404, 405, 409, 413, 422, 429, 500, 503};
  struct Series {
    std::string method, route;
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    Histogram duration;
  };
  Series& series_for(std::size_t route, std::string_view method);

  std::vector<std::unique_ptr<Series>> routes_;
  std::vector<std::unique_ptr<Series>> static_, unmatched_;  // one per method name below
  Histogram db_write_;
  mutable std::mutex rare_mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> rare_statuses_;
};

}  // namespace creneau::http
