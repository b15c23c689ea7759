#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace creneau::http {

namespace {
// Methods get a series of their own; anything else a client sends is counted as OTHER, so a stranger cannot
// grow the label set.
constexpr std::array<std::string_view, 8> kMethods{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

std::size_t method_index(std::string_view m) {
  for (std::size_t i = 0; i + 1 < kMethods.size(); ++i)
    if (kMethods[i] == m) return i;
  return kMethods.size() - 1;
}

std::string quoted_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void append_number(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  out += buf;
}
}  // namespace

void Histogram::observe(std::chrono::nanoseconds d) {
  double seconds = std::chrono::duration<double>(d).count();
  auto it = std::lower_bound(kBounds.begin(), kBounds.end(), seconds);  // le: the first bound >= seconds
  buckets_[static_cast<std::size_t>(it - kBounds.begin())].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(d.count(), 0)), std::memory_order_relaxed);
}

void Histogram::render(std::string& out, std::string_view name, std::string_view labels) const {
  std::uint64_t cumulative = 0;
  std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out.append(name).append("_bucket{").append(labels).append(sep).append("le=\"");
    if (i < kBounds.size()) append_number(out, kBounds[i]);
    else out += "+Inf";
    out.append("\"} ").append(std::to_string(cumulative)).append("\n");
  }
  std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  out.append(name).append("_sum").append(braces).append(" ");
  append_number(out, static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9);
  out.append("\n").append(name).append("_count").append(braces).append(" ").append(std::to_string(cumulative)).append("\n");
}

std::uint64_t Histogram::count() const {
  std::uint64_t n = 0;
  for (const auto& b : buckets_) n += b.load(std::memory_order_relaxed);
  return n;
}

void Metrics::set_routes(const std::vector<std::pair<std::string, std::string>>& routes) {
  routes_.clear();
  for (const auto& [method, pattern] : routes) {
    routes_.push_back(std::make_unique<Series>());
    routes_.back()->method = method;
    routes_.back()->route = pattern;
  }
}

Metrics::Metrics() {
  for (auto m : kMethods) {
    static_.push_back(std::make_unique<Series>());
    static_.back()->method = m;
    static_.back()->route = "static";
    unmatched_.push_back(std::make_unique<Series>());
    unmatched_.back()->method = m;
    unmatched_.back()->route = "unmatched";
  }
}

Metrics::Series& Metrics::series_for(std::size_t route, std::string_view method) {
  if (route == kStatic) return *static_[method_index(method)];
  if (route == kUnmatched || route >= routes_.size()) return *unmatched_[method_index(method)];
  return *routes_[route];
}

void Metrics::observe_request(std::size_t route, std::string_view method, int status, std::chrono::nanoseconds took) {
  auto& s = series_for(route, method);
  s.duration.observe(took);
  auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  if (it != kStatuses.end()) {
    s.by_status[static_cast<std::size_t>(it - kStatuses.begin())].fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::lock_guard lock(rare_mutex_);
  ++rare_statuses_[{s.method, s.route, status}];
}

std::string Metrics::render(const std::vector<std::pair<std::string, std::int64_t>>& outbox) const {
  std::string out;
  out.reserve(std::size_t{64} * 1024);
  std::vector<const Series*> all;
  for (const auto* group : {&routes_, &static_, &unmatched_})
    for (const auto& s : *group) all.push_back(s.get());

  out += "# HELP creneau_http_requests_total HTTP requests answered, by method, route pattern and status.\n"
         "# TYPE creneau_http_requests_total counter\n";
  for (const auto* s : all)
    for (std::size_t i = 0; i < kStatuses.size(); ++i)
      if (auto n = s->by_status[i].load(std::memory_order_relaxed))
        out += "creneau_http_requests_total{method=\"" + s->method + "\",route=\"" + quoted_label(s->route) +
               "\",status=\"" + std::to_string(kStatuses[i]) + "\"} " + std::to_string(n) + "\n";
  {
    std::lock_guard lock(rare_mutex_);
    for (const auto& [key, n] : rare_statuses_)
      out += "creneau_http_requests_total{method=\"" + std::get<0>(key) + "\",route=\"" + quoted_label(std::get<1>(key)) +
             "\",status=\"" + std::to_string(std::get<2>(key)) + "\"} " + std::to_string(n) + "\n";
  }

  out += "# HELP creneau_http_request_duration_seconds Time to answer a request (handler and JSON), by route pattern.\n"
         "# TYPE creneau_http_request_duration_seconds histogram\n";
  for (const auto* s : all) {
    if (s->duration.count() == 0) continue;  // routes never called stay out of the exposition
    s->duration.render(out, "creneau_http_request_duration_seconds",
                       "method=\"" + s->method + "\",route=\"" + quoted_label(s->route) + "\"");
  }

  out += "# HELP creneau_outbox_messages Messages in the outbox, by delivery status.\n"
         "# TYPE creneau_outbox_messages gauge\n";
  for (const auto& [status, n] : outbox)
    out += "creneau_outbox_messages{status=\"" + quoted_label(status) + "\"} " + std::to_string(n) + "\n";

  out += "# HELP creneau_db_write_seconds Duration of committed write transactions (BEGIN to COMMIT).\n"
         "# TYPE creneau_db_write_seconds histogram\n";
  db_write_.render(out, "creneau_db_write_seconds", "");
  return out;
}

}  // namespace creneau::http
