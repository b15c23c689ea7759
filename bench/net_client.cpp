#include "net_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

extern char** environ;

namespace creneau::bench {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

const char* const kAdminEmail = "admin@bench.local";
const char* const kAdminPassword = "bench-admin-pass-1";

void die(const std::string& what) {
  std::fprintf(stderr, "net_bench: %s\n", what.c_str());
  std::exit(2);
}

double Stats::pct(double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string Stats::line() {
  char buf[160];
  std::snprintf(buf, sizeof buf, "p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  (n=%zu)", pct(50), pct(90), pct(99), v.size());
  return buf;
}

struct HttpClient::Impl {
  asio::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;
  unsigned short port = 0;
  std::string token;
  void connect() {
    beast::error_code ec;
    socket.close(ec);
    socket = tcp::socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
    socket.set_option(tcp::no_delay(true));
    buffer.clear();
  }
  Answer call(bhttp::verb method, const std::string& target, const std::string& body) {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    for (int attempt = 0;; ++attempt) {
      try {
        bhttp::write(socket, req);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(256u << 20);
        bhttp::read(socket, buffer, parser);
        auto res = parser.release();
        Answer a{static_cast<int>(res.result_int()), std::move(res.body())};
        if (!res.keep_alive()) connect();
        return a;
      } catch (const std::exception&) {
        if (attempt >= 1) throw;
        connect();  // the server closed an idle connection: once more on a fresh one
      }
    }
  }
};

HttpClient::HttpClient(unsigned short port, std::string token) : impl_(new Impl) {
  impl_->port = port;
  impl_->token = std::move(token);
  impl_->connect();
}
HttpClient::~HttpClient() { delete impl_; }
HttpClient::Answer HttpClient::get(const std::string& target) { return impl_->call(bhttp::verb::get, target, {}); }
HttpClient::Answer HttpClient::post(const std::string& target, const nlohmann::json& body) {
  return impl_->call(bhttp::verb::post, target, body.dump());
}
HttpClient::Answer HttpClient::patch(const std::string& target, const nlohmann::json& body) {
  return impl_->call(bhttp::verb::patch, target, body.dump());
}
HttpClient::Answer HttpClient::call(const std::string& method, const std::string& target, const std::string& body) {
  auto verb = bhttp::string_to_verb(method);
  if (verb == bhttp::verb::unknown) die("unknown HTTP method " + method);
  return impl_->call(verb, target, body);
}
void HttpClient::set_token(std::string token) { impl_->token = std::move(token); }

std::string login(unsigned short port) {
  HttpClient c(port);
  auto a = c.post("/api/auth/login", {{"email", kAdminEmail}, {"password", kAdminPassword}});
  if (a.status != 200) die("login: HTTP " + std::to_string(a.status) + " " + a.body);
  return nlohmann::json::parse(a.body)["token"].get<std::string>();
}

void ServerProcess::start(const std::string& bin, const std::vector<std::string>& args, bool admin_env) {
  namespace fs = std::filesystem;
  std::string log = (fs::temp_directory_path() / ("net_bench-" + std::to_string(getpid()) + ".log")).string();
  std::vector<std::string> argv_s{bin, "serve"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  argv_s.insert(argv_s.end(), {"--listen", "127.0.0.1:0"});
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "CRENEAU_ADMIN_", 14) != 0) env_s.emplace_back(*e);
  if (admin_env) {
    env_s.push_back(std::string("CRENEAU_ADMIN_EMAIL=") + kAdminEmail);
    env_s.push_back(std::string("CRENEAU_ADMIN_PASSWORD=") + kAdminPassword);
  }
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  auto t0 = Clock::now();
  if (posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), envp.data()) != 0) die("cannot start " + bin);
  posix_spawn_file_actions_destroy(&fa);
  port = 0;
  while (port == 0) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      die("creneau exited during start-up; log " + log);
    }
    if (ms(Clock::now() - t0) > 60000) die("creneau did not start within 60 s; log " + log);
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto at = text.find("\"msg\":\"listening\"");
    auto u = at == std::string::npos ? at : text.find("http://127.0.0.1:", at);
    if (u != std::string::npos) port = static_cast<unsigned short>(std::stoi(text.substr(u + 17)));
    else std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  HttpClient probe(port);
  while (probe.get("/healthz").status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  healthy_ms = ms(Clock::now() - t0);
}

void ServerProcess::stop() {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 1500; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  pid = -1;
}

std::pair<double, double> ServerProcess::rss() const {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  double now = 0, peak = 0;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) now = std::stod(line.substr(6)) / 1024.0;
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stod(line.substr(6)) / 1024.0;
  }
  return {now, peak};
}

}  // namespace creneau::bench
