#pragma once
// The operator's commands on a database at rest or in use: `creneau backup` and `creneau check`.
#include <iosfwd>
#include <string>

namespace creneau::store {

// Copies a live SQLite database to `to` with SQLite's online backup API: one read transaction, so the copy is
// the database as of one instant while other processes keep writing (WAL). The copy is written beside `to`,
// checked, switched to a single-file journal and renamed over `to`. Writes what it did to `report`.
// Throws for a PostgreSQL URL (use pg_dump) or any failure; `to` is then left as it was.
void backup_sqlite(const std::string& from, const std::string& to, std::ostream& report);

// Schema version and integrity of a SQLite file or PostgreSQL URL, without changing it. Writes the findings to
// `report` and answers the exit status: 0 when sound and this binary can serve it, 1 otherwise.
int check_database(const std::string& url, std::ostream& report);

}  // namespace creneau::store
