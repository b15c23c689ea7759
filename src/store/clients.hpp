#pragma once
// Client files, their family links, and the search/sort keys kept beside them.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::clients {

using domain::Id;

Id insert(sql::Connection& c, const domain::Client& client, domain::Instant now);
void update(sql::Connection& c, const domain::Client& client);
void remove(sql::Connection& c, Id id);
std::optional<domain::Client> find(sql::Connection& c, Id id, domain::Instant now);

struct Query {
  std::string q;             // matched against "first last" and "last first", folded
  bool descending = false;   // by last name, then first name
  int limit = 50, offset = 0;
};
std::vector<domain::Client> search(sql::Connection& c, const Query& q, std::int64_t& total, domain::Instant now);

}  // namespace creneau::store::clients
