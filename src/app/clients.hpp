#pragma once
// Client files as the front desk keeps them.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "store/clients.hpp"

#include <vector>

namespace creneau::app::clients {

using domain::Id;

domain::Client create(Context& ctx, domain::Client client);
domain::Client update(Context& ctx, const domain::Client& client);
domain::Client get(Context& ctx, Id id);
// Deleting a client cancels their future appointments (with the usual notices) and deletes the file.
void remove(Context& ctx, Id id, const Principal& by);
void remove_in(sql::Connection& c, Context& ctx, Id id, const Principal& by);

struct Page {
  std::int64_t total = 0;
  std::vector<domain::Client> items;
};
Page search(Context& ctx, const store::clients::Query& q);

// Checks and normalises a client file in place (required names, e-mail shape, phone in E.164).
void normalize(domain::Client& c, const std::string& country);

}  // namespace creneau::app::clients
