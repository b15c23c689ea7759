#pragma once
// What net_bench and reports_bench need to drive the real server: the process (spawn, port, RSS), a keep-alive HTTP/1.1 client,
// percentiles. (http_bench.cpp has its own older copy of the same ideas.)
#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace creneau::bench {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what);
inline double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  std::vector<double> v;
  void add(double x) { v.push_back(x); }
  double pct(double p);
  std::string line();
};

extern const char* const kAdminEmail;
extern const char* const kAdminPassword;

struct ServerProcess {
  pid_t pid = -1;
  unsigned short port = 0;
  double healthy_ms = 0;  // spawn → first 200 on /healthz
  // `bin serve ARGS --listen 127.0.0.1:0`, with CRENEAU_ADMIN_* (the bench's admin) when `admin_env`.
  void start(const std::string& bin, const std::vector<std::string>& args, bool admin_env = true);
  void stop();
  std::pair<double, double> rss() const;  // MiB now, at peak
  ~ServerProcess() { stop(); }
};

class HttpClient {
public:
  HttpClient(unsigned short port, std::string token = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  struct Answer {
    int status = 0;
    std::string body;
  };
  Answer get(const std::string& target);
  Answer post(const std::string& target, const nlohmann::json& body);
  Answer patch(const std::string& target, const nlohmann::json& body);
  // Any method by name ("GET", "PUT"…); an empty body is sent without a content type.
  Answer call(const std::string& method, const std::string& target, const std::string& body = {});
  void set_token(std::string token);

private:
  struct Impl;
  Impl* impl_;
};

std::string login(unsigned short port);

}  // namespace creneau::bench
