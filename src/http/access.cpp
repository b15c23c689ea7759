#include "http/access.hpp"

#include "app/auth.hpp"
#include "app/salons.hpp"
#include "domain/error.hpp"
#include "http/api.hpp"
#include "http/json.hpp"

#include <stdexcept>

namespace creneau::http {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::public_: return "public";
    case Level::client: return "client";
    case Level::employee: return "employee";
    case Level::manager: return "manager";
    case Level::admin: return "admin";
  }
  return "public";
}

std::string_view salon_from_name(SalonFrom from) {
  switch (from) {
    case SalonFrom::none: return "";
    case SalonFrom::path: return "path";
    case SalonFrom::query: return "query";
    case SalonFrom::query_if_named: return "query_if_named";
    case SalonFrom::body: return "body";
  }
  return "";
}

domain::Id Caller::salon_id() const {
  if (!salon) throw std::logic_error("this route's access names no salon");
  return *salon;
}

const app::Principal& Caller::who() const {
  if (!principal) throw std::logic_error("a public route has no caller");
  return *principal;
}

void forbidden(domain::Text message) { throw domain::Error(domain::ErrorCode::forbidden, message); }

void check_level(Level level, const app::Principal& who) {
  using domain::PrincipalKind;
  switch (level) {
    case Level::public_:
      return;
    case Level::client:
      if (who.kind != PrincipalKind::portal) forbidden("this route is for client accounts");
      return;
    case Level::employee:
    case Level::manager:
    case Level::admin:
      if (who.kind != PrincipalKind::staff) forbidden("this route is for the salon's staff");
      if (level == Level::manager && !who.is_manager()) forbidden("this route is for administrators");
      if (level == Level::admin && !who.is_admin()) forbidden("this route is for administrators");
      return;
  }
}

void check_salon(Level level, SalonFrom from, const app::Principal& who, domain::Id salon_id) {
  if (from == SalonFrom::none || who.kind != domain::PrincipalKind::staff) return;
  // The salon's own guards, so a route and the app answer a salon they may not act at with one message.
  if (from == SalonFrom::path && level == Level::manager) app::salons::require_manages(who, salon_id);
  else app::salons::require_works_at(who, salon_id);
}

app::Principal authenticate_as(app::Context& ctx, const Request& req, Level level) {
  auto who = app::auth::authenticate(ctx, req.authorization);
  check_level(level, who);
  return who;
}

namespace {
// The salon a scoped request is for, checked; nullopt when it names none and need not (query_if_named), or
// when its body is malformed (the handler answers that first, as before any check).
std::optional<domain::Id> scoped_salon(app::Context& ctx, const Access& access, const Request& req,
                                       const std::vector<std::string>& captures, const app::Principal& who) {
  switch (access.salon) {
    case SalonFrom::none:
      return std::nullopt;
    case SalonFrom::path: {
      auto id = app::salons::get(ctx, path_id(captures.at(0))).id;  // unknown → 404 before any 403
      check_salon(access.level, access.salon, who, id);
      return id;
    }
    case SalonFrom::query_if_named:
      if (!query_salon(req)) return std::nullopt;
      [[fallthrough]];
    case SalonFrom::query:
    case SalonFrom::body: {
      std::optional<domain::Id> named;
      if (access.salon == SalonFrom::body || req.method != "GET") {
        json j;
        try {
          j = parse_object(req);
        } catch (const domain::Error&) {
          return std::nullopt;
        }
        if (access.salon == SalonFrom::body) named = opt_int(j, "salon_id");
      }
      if (!named) named = query_salon(req);
      // A salon a non-admin works at exists (the session just listed it): no transaction to check it again.
      if (named && !who.is_admin() && who.works_at(*named)) return *named;
      auto id = app::salons::resolve(ctx, &who, named);  // 422 unknown or ambiguous, 403 another salon
      check_salon(access.level, access.salon, who, id);
      return id;
    }
  }
  return std::nullopt;
}
}  // namespace

Caller admit(app::Context& ctx, const Access& access, const Request& req, const std::vector<std::string>& captures) {
  Caller c;
  if (access.level == Level::public_) return c;
  c.principal = authenticate_as(ctx, req, access.level);
  c.salon = scoped_salon(ctx, access, req, captures, *c.principal);
  return c;
}

}  // namespace creneau::http
