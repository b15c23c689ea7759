#pragma once
#include "store/sql.hpp"

#include <memory>
#include <string>

namespace creneau::sql {
// Connects to PostgreSQL (libpq) with a postgresql:// URL. Statements written with `?` placeholders are
// rewritten to $1…$n and prepared once per connection.
std::unique_ptr<Connection> connect_postgres(const std::string& url);
}  // namespace creneau::sql
