#pragma once
// Access declared per route: who may call it (public, a portal client, staff by role) and, for a salon-scoped
// route, where the salon it is about is named. The API dispatch checks it once, before the handler, and hands
// the handler the authenticated caller (and the salon it checked).
#include "app/context.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"
#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace creneau::http {

// Who may call a route: nobody in particular, a portal client, or staff of at least that role.
enum class Level { public_, client, employee, manager, admin };

// Where a salon-scoped route names its salon.
enum class SalonFrom {
  none,            // not salon-scoped (or only through an object it loads: see Access::rule)
  path,            // the first capture ("/api/salons/{id}"): unknown → 404, then the caller must work there
  query,           // ?salon_id=, else the only salon that fits (app::salons::resolve)
  query_if_named,  // ?salon_id= when given (else the handler lists the salons the caller may see)
  body,            // the body's salon_id, else ?salon_id=, else the only salon that fits
};

struct Access {
  Level level = Level::public_;
  SalonFrom salon = SalonFrom::none;
  // A finer rule the handler applies on top (it depends on the request's other members or on the object it
  // loads); empty when the level and the salon say everything. Printed with the route table.
  std::string_view rule;

  static constexpr Access public_() { return {Level::public_, SalonFrom::none, {}}; }
  static constexpr Access client() { return {Level::client, SalonFrom::none, {}}; }
  static constexpr Access employee() { return {Level::employee, SalonFrom::none, {}}; }
  static constexpr Access manager() { return {Level::manager, SalonFrom::none, {}}; }
  static constexpr Access admin() { return {Level::admin, SalonFrom::none, {}}; }
  constexpr Access at(SalonFrom from) const { return {level, from, rule}; }
  constexpr Access refined(std::string_view what) const { return {level, salon, what}; }
};

std::string_view level_name(Level level);
std::string_view salon_from_name(SalonFrom from);

// What a handler receives: the caller (kind none on a public route) and the salon the access check resolved
// (salon-scoped routes only).
struct Caller {
  std::optional<app::Principal> principal;  // none on a public route
  std::optional<domain::Id> salon;
  const app::Principal& who() const;
  // The checked salon; a handler of a salon-scoped route reads it after parsing its body.
  domain::Id salon_id() const;
};

// The single place where a route's access turns into 403 forbidden. Pure: no token, no database.
// Throws domain::Error forbidden when `who` (authenticated) may not call a route of `level`.
void check_level(Level level, const app::Principal& who);
// Throws forbidden unless `who` may act at `salon_id` for a route of `level` (`path`: the manager's message
// for a manager-level route, as the salon's own routes answer).
void check_salon(Level level, SalonFrom from, const app::Principal& who, domain::Id salon_id);
// The forbidden error with `message` (the one constructor call of this file's throws).
[[noreturn]] void forbidden(domain::Text message);

// Authenticates the request's bearer token (401 without a valid one) and checks `level`. For the few rules
// that raise a route's level on a condition of the request (see Access::rule).
app::Principal authenticate_as(app::Context& ctx, const Request& req, Level level);

// The dispatch's check: authenticate and check the level (not on public routes), then the salon scope.
// `captures`: the route's path captures.
Caller admit(app::Context& ctx, const Access& access, const Request& req, const std::vector<std::string>& captures);

}  // namespace creneau::http
