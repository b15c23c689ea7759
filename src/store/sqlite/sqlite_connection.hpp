#pragma once
#include "store/sql.hpp"

#include <memory>
#include <string>

namespace creneau::sql {
// Opens (creating if missing) an SQLite file in WAL mode with foreign keys on and a busy timeout.
std::unique_ptr<Connection> connect_sqlite(const std::string& path);
}  // namespace creneau::sql
