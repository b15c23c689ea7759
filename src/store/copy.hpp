#pragma once
// Copies a salon from one database to another (SQLite → PostgreSQL for `creneau migrate`, or any direction).
#include "store/database.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace creneau::store {

// Per table, in the order copied (parents before children): the number of rows copied.
using CopyCounts = std::vector<std::pair<std::string, std::int64_t>>;

// Copies every table of the schema (all but schema_migrations), row for row with the same ids, from `from`
// into `to`, in foreign-key order and in one write transaction on `to`: either everything is copied or
// nothing. Both must be at the same schema version, and `to` must be empty (freshly migrated: no row in any
// table, so no client, appointment, staff or settings); otherwise it throws std::runtime_error naming the
// tables that hold rows, before writing anything. Afterwards the id sequences of a PostgreSQL target
// continue after the copied ids. `progress`, when given, is called after each table with its name and count.
CopyCounts copy_database(Database& from, Database& to,
                         const std::function<void(const std::string&, std::int64_t)>& progress = {});

}  // namespace creneau::store
