#include "domain/model.hpp"

namespace creneau::domain {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::employee: return "employee";
    case Role::manager: return "manager";
    case Role::admin: return "admin";
  }
  return "employee";
}

std::optional<Role> role_named(std::string_view text) {
  for (auto r : {Role::employee, Role::manager, Role::admin})
    if (role_name(r) == text) return r;
  return std::nullopt;
}

std::string_view principal_kind_name(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::staff: return "staff";
    case PrincipalKind::portal: return "portal";
  }
  return "portal";
}

std::optional<PrincipalKind> principal_kind_named(std::string_view text) {
  for (auto k : {PrincipalKind::staff, PrincipalKind::portal})
    if (principal_kind_name(k) == text) return k;
  return std::nullopt;
}

}  // namespace creneau::domain
