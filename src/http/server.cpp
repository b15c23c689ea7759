#include "http/server.hpp"

#include "http/api.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace creneau::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Slow or silent clients cannot hold a connection for long: a request's headers must arrive within
// kHeaderTimeout of its first byte (or of the connection), its body within kBodyTimeout, and a keep-alive
// connection waits at most kIdleTimeout for the next request.
constexpr auto kHeaderTimeout = std::chrono::seconds(10);
constexpr auto kBodyTimeout = std::chrono::seconds(30);
constexpr auto kIdleTimeout = std::chrono::seconds(30);
// After a failed accept() (e.g. EMFILE at the open-file limit), wait this long before the next one instead
// of spinning on the same error.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);

struct Shared {
  RequestHandler handler;
  std::size_t body_limit;
  std::size_t max_connections;
  std::atomic<int> in_flight{0};
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
};

class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) { shared_.connections++; }
  ~Session() { shared_.connections--; }

  void run() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.body_limit);
    // A keep-alive connection with nothing buffered waits (idle) for the first byte of its next request.
    if (served_ > 0 && buffer_.size() == 0) {
      stream_.expires_after(kIdleTimeout);
      stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return self->close_quietly();
        self->buffer_.commit(n);
        self->read_header();
      });
      return;
    }
    read_header();
  }

  void read_header() {
    stream_.expires_after(kHeaderTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t n) {
    if (ec || parser_->is_done()) return on_read(ec, n);
    stream_.expires_after(kBodyTimeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void close_quietly() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream) return close();
    if (ec == bhttp::error::body_limit) {
      // Answered before the request reaches the API: the language from Accept-Language alone (French by default).
      auto accept = parser_->get()[bhttp::field::accept_language];
      auto lang = domain::preferred_lang(std::string_view(accept.data(), accept.size()), domain::Lang::fr);
      Response r = error_response(413, domain::Error(domain::ErrorCode::payload_too_large, "the request body is larger than allowed"), lang);
      draining_ = true;  // the client is still sending: read it away after answering, so it sees the 413
      shared_.in_flight++;
      return write(to_beast(r, 11, false));
    }
    if (ec) return close_quietly();
    shared_.in_flight++;
    ++served_;
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    std::string_view target(msg.target().data(), msg.target().size());
    auto q = target.find('?');
    req.path = url_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) req.query = parse_query(target.substr(q + 1));
    req.authorization = std::string(msg[bhttp::field::authorization]);
    req.content_type = std::string(msg[bhttp::field::content_type]);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      req.headers[std::move(name)] = std::string(field.value());
    }
    req.body = std::move(msg.body());
    if (!remote_) {  // the peer of a keep-alive connection does not change: asked once
      beast::error_code ignored;
      auto endpoint = stream_.socket().remote_endpoint(ignored);
      remote_ = ignored ? "" : endpoint.address().to_string();
    }
    req.remote = *remote_;
    Response res = shared_.handler(req);
    bool keep = msg.keep_alive() && !shared_.stopping.load();
    // Still in flight until the answer is written: a graceful stop waits for it.
    write(to_beast(std::move(res), msg.version(), keep));
  }

  static bhttp::response<bhttp::string_body> to_beast(Response r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "creneau");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) res.set(k, v);
    res.keep_alive(keep_alive);
    res.body() = std::move(r.body);  // an availability answer is ~150 KB: moved, not copied
    res.prepare_payload();
    return res;
  }

  void write(bhttp::response<bhttp::string_body> res) {
    response_ = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
    bhttp::async_write(stream_, *response_,
                       beast::bind_front_handler(&Session::on_write, shared_from_this(), response_->need_eof()));
  }

  void on_write(bool close_after, beast::error_code ec, std::size_t) {
    shared_.in_flight--;
    if (ec) return;
    if (close_after) return close();
    response_.reset();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (draining_) drain();
  }

  // Discards what the client still sends (up to a bound, for a few seconds) before the socket closes; closing
  // with unread data would reset the connection and the client could lose the answer already written.
  void drain() {
    if (drained_ > (std::size_t{16} << 20)) return;
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_read_some(net::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return;
      self->drained_ += n;
      self->drain();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<bhttp::response<bhttp::string_body>> response_;
  std::optional<std::string> remote_;
  Shared& shared_;
  bool draining_ = false;
  std::size_t drained_ = 0;
  std::size_t served_ = 0;
  std::array<char, 16384> discard_{};
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
  Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Shared& shared)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), pause_(acceptor_.get_executor()), shared_(shared) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    if (!acceptor_.is_open()) return;
    // At the cap, new connections wait in the kernel's backlog until one of ours closes.
    if (shared_.connections.load() >= shared_.max_connections) return retry_after(std::chrono::milliseconds(20));
    acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void stop() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
      self->pause_.cancel();
    });
  }

private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // EMFILE, ENFILE, ENOBUFS…: the pending connection stays queued; trying again at once would fail the
      // same way, as fast as the CPU allows.
      if (!accept_error_logged_)
        std::cerr << "{\"level\":\"warn\",\"msg\":\"accept failed, backing off\",\"error\":\"" << ec.message() << "\"}\n";
      accept_error_logged_ = true;
      return retry_after(kAcceptBackoff);
    }
    accept_error_logged_ = false;
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<Session>(std::move(socket), shared_)->run();
    accept();
  }

  void retry_after(std::chrono::milliseconds delay) {
    pause_.expires_after(delay);
    pause_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->accept();
    });
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer pause_;
  Shared& shared_;
  bool accept_error_logged_ = false;
};

}  // namespace

std::size_t default_max_connections() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 512;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? std::max<rlim_t>(lim.rlim_cur, 65536) : lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  // Room for the database connections (SQLite: several files each), logs, static files and outgoing mail.
  constexpr rlim_t kReserved = 256;
  auto usable = lim.rlim_cur == RLIM_INFINITY ? rlim_t{65536} : lim.rlim_cur;
  if (usable <= kReserved + 64) return 64;
  return static_cast<std::size_t>(std::min<rlim_t>(usable - kReserved, 10000));
}

void serve(const ServerOptions& options, RequestHandler handler, const std::function<void(unsigned short)>& on_listening) {
  int threads = options.threads < 1 ? 1 : options.threads;
  net::io_context ioc{threads};
  Shared shared{std::move(handler), options.body_limit,
                options.max_connections ? options.max_connections : default_max_connections()};
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint{net::ip::make_address(options.host), options.port}, shared);
  listener->accept();
  if (on_listening) on_listening(listener->port());

  // Graceful stop: close the acceptor at once, then give in-flight requests up to 10 s to finish.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  auto deadline = std::chrono::steady_clock::now();
  std::function<void(beast::error_code)> wait_drained = [&](beast::error_code) {
    if (shared.in_flight.load() == 0 || std::chrono::steady_clock::now() > deadline) return ioc.stop();
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait(wait_drained);
  };
  signals.async_wait([&](beast::error_code, int) {
    shared.stopping = true;
    listener->stop();
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    wait_drained({});
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

}  // namespace creneau::http
