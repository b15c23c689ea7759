#include "http/api.hpp"

#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/salons.hpp"
#include "codec/codec.hpp"
#include "domain/error.hpp"
#include "store/sql.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace creneau::http {

int status_of(domain::ErrorCode code) {
  using C = domain::ErrorCode;
  // No default: a new code that is not given its status here does not build (-Wswitch, -Werror).
  switch (code) {
    case C::validation_failed:
    case C::too_many_services:
    case C::resource_required:
    case C::outside_hours:
    case C::no_package:
    case C::package_exhausted:
    case C::discovery_already_used:
    case C::cannot_reschedule_group:
    case C::too_late: return 422;
    case C::not_found: return 404;
    case C::unauthorized:
    case C::unknown_identifier:
    case C::bad_credentials: return 401;
    case C::forbidden: return 403;
    case C::slot_taken:
    case C::conflict:
    case C::offer_closed: return 409;
    case C::payload_too_large: return 413;
    case C::too_many_attempts: return 429;
    case C::method_not_allowed: return 405;
    case C::internal: return 500;
  }
  return 500;  // not reached: the switch names every code
}

Response error_response(int status, const domain::Error& e, domain::Lang lang) {
  std::string body =
      "{\"error\":{\"code\":" + codec::json_quote(domain::text(e.code())) + ",\"message\":" + codec::json_quote(e.message(lang));
  if (!e.field().empty()) body += ",\"field\":" + codec::json_quote(e.field());
  body += "}}";
  return Response{status, "application/json", body, {}};
}

domain::Lang request_lang(app::Context& ctx, const Request& req) {
  if (const auto* header = req.header("accept-language"))
    if (auto lang = domain::accepted_lang(*header)) return *lang;
  // The salon the request names (salon_id or slug in the query), else salon 1: its language.
  std::optional<domain::Id> named;
  try {
    named = query_salon(req);
  } catch (const domain::Error&) {
  }
  std::optional<std::string> slug;
  if (const auto* s = req.query_param("slug"); s && !s->empty()) slug = *s;
  try {
    if (named || slug) return app::salons::settings(ctx, app::salons::find_public(ctx, named, slug).id).language;
  } catch (const std::exception&) {
    // an unknown salon: the network's first salon speaks for it
  }
  return request_lang(ctx, req, 1);
}

domain::Lang request_lang(app::Context& ctx, const Request& req, domain::Id salon_id) {
  if (const auto* header = req.header("accept-language"))
    if (auto lang = domain::accepted_lang(*header)) return *lang;
  try {
    return app::salons::settings(ctx, salon_id).language;
  } catch (const std::exception&) {
    return domain::Lang::fr;  // the database itself failed: the default language
  }
}

domain::Zone salon_zone(app::Context& ctx, domain::Id salon_id) { return app::salons::zone_of(ctx, salon_id); }

const domain::Zone& Zones::of(domain::Id salon_id) const {
  auto it = by_id.find(salon_id);
  if (it == by_id.end()) throw std::runtime_error("no zone for salon " + std::to_string(salon_id));
  return it->second;
}

Zones salon_zones(app::Context& ctx) { return Zones{app::salons::zones(ctx)}; }

std::optional<domain::Id> query_salon(const Request& req) {
  auto v = req.query_param("salon_id");
  if (!v || v->empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    auto id = std::stoll(*v, &used);
    if (used == v->size()) return id;
  } catch (const std::exception&) {
  }
  throw domain::validation("salon_id", "'salon_id' must be a salon's id");
}

domain::Id request_salon(app::Context& ctx, const app::Principal* who, const Request& req,
                         std::optional<domain::Id> named) {
  return app::salons::resolve(ctx, who, named ? named : query_salon(req));
}

std::string route_table_json(const Router& router) {
  std::string out = "[";
  const char* sep = "\n";
  for (const auto& r : router.routes()) {
    out += sep;
    sep = ",\n";
    out += "{\"method\":" + codec::json_quote(r.method) + ",\"pattern\":" + codec::json_quote(r.pattern) +
           ",\"access\":{\"level\":" + codec::json_quote(std::string(level_name(r.access.level)));
    if (r.access.salon != SalonFrom::none)
      out += ",\"salon\":" + codec::json_quote(std::string(salon_from_name(r.access.salon)));
    if (!r.access.rule.empty()) out += ",\"rule\":" + codec::json_quote(std::string(r.access.rule));
    out += "}}";
  }
  out += "\n]\n";
  return out;
}

Api::Api(app::Context& ctx, ApiOptions options) : ctx_(ctx), options_(std::move(options)) {
  router_.add("GET", "/healthz", Access::public_(), [](const Request&, const Params&) {
    return Response{200, "application/json", R"({"status":"ok"})", {}};
  });
  add_system_routes(router_, ctx_);
  add_catalogue_routes(router_, ctx_);
  add_client_routes(router_, ctx_);
  add_booking_routes(router_, ctx_);
  add_portal_routes(router_, ctx_);
  add_package_routes(router_, ctx_);
  add_waitlist_routes(router_, ctx_);
  add_salon_routes(router_, ctx_);
  add_privacy_routes(router_, ctx_);
  add_report_routes(router_, ctx_);
  add_ops_routes(router_, ctx_, metrics_, options_.web_root);
  std::vector<std::pair<std::string, std::string>> table;
  for (const auto& r : router_.routes()) table.emplace_back(r.method, r.pattern);
  metrics_.set_routes(table);
  ctx_.db.observe_writes([this](std::chrono::steady_clock::duration d) {
    metrics_.observe_db_write(std::chrono::duration_cast<std::chrono::nanoseconds>(d));
  });
}

namespace {
// Makes app::Context::link_base() answer `url` on this thread while a request is served.
struct ForwardedBase {
  explicit ForwardedBase(const std::string& url) { app::forwarded_base_url = url.empty() ? nullptr : &url; }
  ~ForwardedBase() { app::forwarded_base_url = nullptr; }
  ForwardedBase(const ForwardedBase&) = delete;
  ForwardedBase& operator=(const ForwardedBase&) = delete;
};
}  // namespace

Response Api::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  std::string base = options_.public_url_given ? std::string() : forwarded_base_url(req, options_.proxies);
  req.remote = client_address(req, options_.proxies);  // from here on, the client's address (throttles, logs)
  auto id = request_id(req);
  std::size_t route = Metrics::kUnmatched;
  Response res;
  {
    ForwardedBase forwarded(base);
    res = dispatch(req, route);
  }
  auto took = std::chrono::steady_clock::now() - started;
  metrics_.observe_request(route, req.method, res.status, std::chrono::duration_cast<std::chrono::nanoseconds>(took));
  if (options_.request_log)
    log_request(req, id, route, res.status, std::chrono::duration_cast<std::chrono::microseconds>(took).count());
  res.headers.emplace_back("X-Request-Id", std::move(id));
  return res;
}

void Api::log_request(const Request& req, std::string_view id, std::size_t route, int status, long long us) const {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char ts[64];
  std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms));
  std::string pattern = route < router_.routes().size() ? router_.routes()[route].pattern
                        : route == Metrics::kStatic      ? "static"
                                                         : "unmatched";
  std::string line = "{\"ts\":\"" + std::string(ts) + "\",\"id\":" + codec::json_quote(std::string(id)) +
                     ",\"remote\":" + codec::json_quote(req.remote) + ",\"method\":" + codec::json_quote(req.method) +
                     ",\"path\":" + codec::json_quote(req.path) + ",\"route\":" + codec::json_quote(pattern) +
                     ",\"status\":" + std::to_string(status) + ",\"us\":" + std::to_string(us) + "}\n";
  options_.request_log->write(line);
}

Response Api::dispatch(Request& req, std::size_t& route) {
  using domain::Error;
  auto fail = [&](int status, const Error& e) { return error_response(status, e, request_lang(ctx_, req)); };
  try {
    Params params;
    bool path_matched = false;
    if (const auto* r = router_.match(req.method, req.path, params, path_matched)) {
      route = router_.index_of(*r);
      auto caller = admit(ctx_, r->access, req, params);  // the route's access: 401/403 before its handler
      return r->handler(req, params, caller);
    }
    if (path_matched) return fail(405, Error(domain::ErrorCode::method_not_allowed, "this route does not take {}", {}, {req.method}));
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api")
      return fail(404, Error(domain::ErrorCode::not_found, "no such route: {} {}", {}, {req.method, req.path}));
    if (req.method == "GET" || req.method == "HEAD") {
      route = Metrics::kStatic;
      return static_file(req);
    }
    return fail(404, Error(domain::ErrorCode::not_found, "no such route"));
  } catch (const domain::Error& e) {
    return fail(status_of(e.code()), e);
  } catch (const sql::ConstraintViolation& e) {
    // The database's own guards (PostgreSQL exclusion constraints against double booking, unique keys)
    // caught what the use case's checks let through in a race.
    if (std::string_view(e.what()).find("overlap") != std::string_view::npos)
      return fail(409, Error(domain::ErrorCode::slot_taken, "this time was just taken: choose another slot"));
    return fail(409, Error(domain::ErrorCode::conflict, "this conflicts with an existing record"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "{\"level\":\"error\",\"path\":%s,\"what\":%s}\n", codec::json_quote(req.path).c_str(),
                 codec::json_quote(e.what()).c_str());
    return fail(500, Error(domain::ErrorCode::internal, "the server failed to handle this request"));
  }
}

namespace {
const char* mime_of(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}
}  // namespace

Response Api::static_file(const Request& req) const {
  domain::Error no_file(domain::ErrorCode::not_found, "no such file");
  const auto* accept = req.header("accept-language");
  auto lang = domain::preferred_lang(accept ? *accept : "", domain::Lang::fr);
  if (req.path.find("..") != std::string::npos) return error_response(404, no_file, lang);
  std::string rel = req.path;
  // The portal is one page app under /book, the back office under everything else.
  bool portal = rel == "/book" || rel.rfind("/book/", 0) == 0;
  std::string body;
  if (rel != "/" && !portal && read_file(options_.web_root + rel, body))
    return Response{200, mime_of(rel), std::move(body), {{"Cache-Control", rel.rfind("/assets/", 0) == 0 ? "max-age=31536000, immutable" : "no-cache"}}};
  if (rel.rfind("/assets/", 0) == 0) return error_response(404, no_file, lang);
  std::string page = portal ? "/book.html" : "/index.html";
  if (read_file(options_.web_root + page, body)) return Response{200, "text/html; charset=utf-8", std::move(body), {{"Cache-Control", "no-cache"}}};
  return Response{200, "text/html; charset=utf-8",
                  "<!doctype html><meta charset=utf-8><title>Creneau</title><p>Creneau is running. The web UI is not "
                  "built: run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>.</p>",
                  {}};
}

}  // namespace creneau::http
