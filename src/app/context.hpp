#pragma once
// What every use case needs: the database, the clock (tests and jobs may pin it) and the public address.
#include "domain/model.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace creneau::app {

// Where messages leave the building: --smtp and --sms-gateway.
struct DeliveryConfig {
  std::string smtp_url;         // smtp://[user:pass@]host:port, smtps:// for TLS; empty = e-mail not sent
  std::string sms_gateway_url;  // HTTP endpoint taking POST {"to","body"}; empty = SMS not sent
};

// The address of the request being served on this thread as a trusted reverse proxy saw it (its
// X-Forwarded-Proto and X-Forwarded-Host), set by the HTTP layer only when --public-url is not given.
inline thread_local const std::string* forwarded_base_url = nullptr;

class SalonCache;  // app/salon.hpp

struct Context {
  store::Database& db;
  std::string public_url = "http://127.0.0.1:8080";
  // Where links in messages point: --public-url when given, else the proxied address of the current request,
  // else http://HOST:PORT of the listener.
  std::string link_base() const { return forwarded_base_url ? *forwarded_base_url : public_url; }
  DeliveryConfig delivery;
  std::function<domain::Instant()> clock = [] { return domain::now(); };
  domain::Instant now() const { return clock(); }
  // This context with its clock stopped at `at` (a job working for a given moment).
  Context pinned_at(domain::Instant at) const {
    Context pinned = *this;
    pinned.clock = [at] { return at; };
    return pinned;
  }
  // --db-read: a hot standby that answers availability, agenda and list reads (a little behind the primary:
  // what they show free may be taken, and the booking then answers 409). Null: everything reads `db`.
  store::Database* read_db = nullptr;
  store::Database& reads() const { return read_db ? *read_db : db; }
  // Salons kept between requests (app/salon.hpp), for the primary and the standby alike: both number the
  // catalogue's versions the same way. Null: every transaction reads its salon in full.
  std::shared_ptr<SalonCache> salons = nullptr;
};

// Who is asking: a staff member (role admin/manager/employee) or a portal account.
struct Principal {
  domain::PrincipalKind kind = domain::PrincipalKind::portal;
  domain::Id id = 0;
  domain::Role role = domain::Role::employee;  // staff only
  std::string name;
  std::vector<domain::Id> salon_ids;  // staff: the salons they work at, sorted (an admin: none listed, works at all)
  bool is_admin() const { return kind == domain::PrincipalKind::staff && role == domain::Role::admin; }
  // Admin rights: everywhere for an admin, at their salons for a manager.
  bool is_manager() const { return kind == domain::PrincipalKind::staff && role != domain::Role::employee; }
  // An admin works at every salon (of a thousand: not listed, so that authenticating reads no salon list).
  bool works_at(domain::Id salon_id) const {
    return is_admin() ||
           (kind == domain::PrincipalKind::staff && std::find(salon_ids.begin(), salon_ids.end(), salon_id) != salon_ids.end());
  }
  bool manages(domain::Id salon_id) const { return is_manager() && works_at(salon_id); }
  domain::Actor actor() const { return {kind == domain::PrincipalKind::staff ? "staff" : "client", id, name}; }
};

}  // namespace creneau::app
