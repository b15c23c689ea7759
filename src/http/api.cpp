#include "http/api.hpp"

#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/salons.hpp"
#include "codec/codec.hpp"
#include "domain/error.hpp"
#include "store/sql.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace creneau::http {

int status_of(const std::string& code) {
  static const std::pair<const char*, int> table[] = {
      {"validation_failed", 422},  {"not_found", 404},           {"unauthorized", 401},
      {"forbidden", 403},          {"slot_taken", 409},          {"too_many_services", 422},
      {"resource_required", 422},  {"outside_hours", 422},       {"no_package", 422},
      {"package_exhausted", 422},  {"discovery_already_used", 422}, {"cannot_reschedule_group", 422},
      {"unknown_identifier", 401}, {"bad_credentials", 401},     {"too_late", 422},
      {"payload_too_large", 413},  {"too_many_attempts", 429},   {"conflict", 409},
      {"offer_closed", 409},       {"method_not_allowed", 405}};
  for (const auto& [c, s] : table)
    if (code == c) return s;
  return 400;
}

Response error_response(int status, const std::string& code, const std::string& message, const std::string& field) {
  std::string body = "{\"error\":{\"code\":" + codec::json_quote(code) + ",\"message\":" + codec::json_quote(message);
  if (!field.empty()) body += ",\"field\":" + codec::json_quote(field);
  body += "}}";
  return Response{status, "application/json", body, {}};
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

app::Principal require_staff(app::Context& ctx, const Request& req) {
  auto p = app::auth::authenticate(ctx, req.authorization);
  if (p.kind != "staff") throw domain::Error("forbidden", "this route is for the salon's staff");
  return p;
}

app::Principal require_admin(app::Context& ctx, const Request& req) {
  auto p = require_staff(ctx, req);
  if (!p.is_admin()) throw domain::Error("forbidden", "this route is for administrators");
  return p;
}

app::Principal require_manager(app::Context& ctx, const Request& req) {
  auto p = require_staff(ctx, req);
  if (!p.is_manager()) throw domain::Error("forbidden", "this route is for administrators");
  return p;
}

app::Principal require_portal(app::Context& ctx, const Request& req) {
  auto p = app::auth::authenticate(ctx, req.authorization);
  if (p.kind != "portal") throw domain::Error("forbidden", "this route is for client accounts");
  return p;
}

Api::Api(app::Context& ctx, std::string web_root) : ctx_(ctx), web_root_(std::move(web_root)) {
  router_.add("GET", "/healthz", [](const Request&, const Params&) {
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
}

Response Api::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  Response res = dispatch(req);
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  // One structured line per request.
  std::fprintf(stderr, "{\"method\":%s,\"path\":%s,\"status\":%d,\"us\":%lld}\n", codec::json_quote(req.method).c_str(),
               codec::json_quote(req.path).c_str(), res.status, static_cast<long long>(us));
  return res;
}

Response Api::dispatch(Request& req) {
  try {
    Params params;
    bool path_matched = false;
    if (const auto* handler = router_.match(req.method, req.path, params, path_matched)) return (*handler)(req, params);
    if (path_matched) return error_response(405, "method_not_allowed", "this route does not take " + req.method);
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api")
      return error_response(404, "not_found", "no such route: " + req.method + " " + req.path);
    if (req.method == "GET" || req.method == "HEAD") return static_file(req);
    return error_response(404, "not_found", "no such route");
  } catch (const domain::Error& e) {
    return error_response(status_of(e.code()), e.code(), e.what(), e.field());
  } catch (const sql::ConstraintViolation& e) {
    // The database's own guards (PostgreSQL exclusion constraints against double booking, unique keys)
    // caught what the use case's checks let through in a race.
    if (std::string_view(e.what()).find("overlap") != std::string_view::npos)
      return error_response(409, "slot_taken", "this time was just taken: choose another slot");
    return error_response(409, "conflict", "this conflicts with an existing record");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "{\"level\":\"error\",\"path\":%s,\"what\":%s}\n", codec::json_quote(req.path).c_str(),
                 codec::json_quote(e.what()).c_str());
    return error_response(500, "internal", "the server failed to handle this request");
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
  if (req.path.find("..") != std::string::npos) return error_response(404, "not_found", "no such file");
  std::string rel = req.path;
  // The portal is one page app under /book, the back office under everything else.
  bool portal = rel == "/book" || rel.rfind("/book/", 0) == 0;
  std::string body;
  if (rel != "/" && !portal && read_file(web_root_ + rel, body))
    return Response{200, mime_of(rel), std::move(body), {{"Cache-Control", rel.rfind("/assets/", 0) == 0 ? "max-age=31536000, immutable" : "no-cache"}}};
  if (rel.rfind("/assets/", 0) == 0) return error_response(404, "not_found", "no such file");
  std::string page = portal ? "/book.html" : "/index.html";
  if (read_file(web_root_ + page, body)) return Response{200, "text/html; charset=utf-8", std::move(body), {{"Cache-Control", "no-cache"}}};
  return Response{200, "text/html; charset=utf-8",
                  "<!doctype html><meta charset=utf-8><title>Creneau</title><p>Creneau is running. The web UI is not "
                  "built: run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>.</p>",
                  {}};
}

}  // namespace creneau::http
