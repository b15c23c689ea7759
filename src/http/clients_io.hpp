#pragma once
// JSON of client files, family members, packages and portal accounts; shared by the staff's client routes
// and the portal routes (defined in routes_clients.cpp).
#include "app/clients.hpp"
#include "http/json.hpp"
#include "store/auth.hpp"
#include "store/client_files.hpp"

namespace creneau::http {

json member_json(const store::client_files::Member& m, const domain::Zone& zone);
json members_json(const std::vector<store::client_files::Member>& members, const domain::Zone& zone);
json packages_json(const std::vector<domain::ClientPackage>& packages);
// GET /api/clients/{id}: the file with members, packages, no_shows and appointment_notes.
json detail_json(const app::clients::Detail& d, const domain::Zone& zone);
// A portal account; `pending`: its file waits in the link queue (then client_id shows null).
json account_json(const store::auth::Account& a, bool pending, const domain::Zone& zone);

}  // namespace creneau::http
