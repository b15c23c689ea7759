#include "store/maintenance.hpp"

#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace creneau::store {

namespace {

struct Sqlite {
  sqlite3* db = nullptr;
  Sqlite(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db, 10000);
  }
  ~Sqlite() { sqlite3_close(db); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  // Every row's first column as text; throws on an SQL error.
  std::vector<std::string> column(const char* sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      auto* text = sqlite3_column_text(st, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    return out;
  }
};

int newest_known(bool postgres) {
  const auto& all = postgres ? postgres_migrations() : sqlite_migrations();
  return all.empty() ? 0 : all.back().version;
}

// Problems found in an open SQLite database (empty: sound); sets `version`.
std::vector<std::string> sqlite_problems(Sqlite& db, int& version) {
  std::vector<std::string> problems;
  try {
    auto v = db.column("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    version = v.empty() ? 0 : std::stoi(v.front());
  } catch (const std::exception& e) {
    problems.push_back(std::string("no schema version (not a Creneau database?): ") + e.what());
    return problems;
  }
  for (const auto& line : db.column("PRAGMA integrity_check(20)"))
    if (line != "ok") problems.push_back("integrity: " + line);
  auto orphans = db.column("PRAGMA foreign_key_check");
  if (!orphans.empty()) problems.push_back("foreign keys: " + std::to_string(orphans.size()) + " rows point at nothing");
  return problems;
}

std::vector<std::string> postgres_problems(const std::string& url, int& version) {
  std::vector<std::string> problems;
  auto c = sql::connect_postgres(url);
  c->begin_read();
  try {
    version = static_cast<int>(c->query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").at(0).integer(0));
  } catch (const std::exception& e) {
    c->rollback();
    problems.push_back(std::string("no schema version (not a Creneau database?): ") + e.what());
    return problems;
  }
  // PostgreSQL checks its own pages; what can be left broken is an index a failed concurrent build left invalid.
  auto invalid = c->query("SELECT COUNT(*) FROM pg_index WHERE NOT indisvalid").at(0).integer(0);
  if (invalid > 0) problems.push_back("integrity: " + std::to_string(invalid) + " invalid indexes (REINDEX them)");
  c->commit();
  return problems;
}

}  // namespace

void backup_sqlite(const std::string& from, const std::string& to, std::ostream& report) {
  namespace fs = std::filesystem;
  if (is_postgres_url(from)) throw std::runtime_error("backup copies SQLite files; back up PostgreSQL with pg_dump");
  if (!fs::is_regular_file(from)) throw std::runtime_error("no SQLite database at " + from);
  auto started = std::chrono::steady_clock::now();
  auto partial = to + ".partial";
  fs::remove(partial);
  {
    Sqlite source(from, SQLITE_OPEN_READWRITE);  // read-write only so the WAL index can be shared; nothing written
    Sqlite target(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* b = sqlite3_backup_init(target.db, "main", source.db, "main");
    if (!b) throw std::runtime_error(std::string("cannot start the backup: ") + sqlite3_errmsg(target.db));
    int rc;
    // All pages in one step: one read transaction on the source, hence one consistent instant. Writers go on
    // (WAL); BUSY only while a checkpoint or a non-WAL writer holds the file, so wait and retry.
    for (int attempt = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; ++attempt) {
      if (attempt >= 100) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      fs::remove(partial);
      throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
    }
    // The copy keeps the source's WAL flag; a backup is better as one self-contained file.
    target.column("PRAGMA journal_mode=DELETE");
    int version = 0;
    auto problems = sqlite_problems(target, version);
    if (!problems.empty()) {
      fs::remove(partial);
      throw std::runtime_error("the copy does not pass its check: " + problems.front());
    }
    auto pages = target.column("PRAGMA page_count");
    report << "backup: " << from << " -> " << to << ", schema version " << version << ", "
           << (pages.empty() ? "?" : pages.front()) << " pages, "
           << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()
           << " ms\n";
  }
  fs::rename(partial, to);
}

int check_database(const std::string& url, std::ostream& report) {
  bool postgres = is_postgres_url(url);
  int version = 0;
  std::vector<std::string> problems;
  try {
    if (postgres) {
      problems = postgres_problems(url, version);
    } else {
      if (!std::filesystem::is_regular_file(url)) throw std::runtime_error("no SQLite database at " + url);
      Sqlite db(url, SQLITE_OPEN_READONLY);
      problems = sqlite_problems(db, version);
    }
  } catch (const std::exception& e) {
    problems.emplace_back(e.what());
  }
  int newest = newest_known(postgres);
  report << "database: " << (postgres ? "postgres" : "sqlite") << "\n";
  report << "schema version: " << version << " (this binary knows up to " << newest << ")\n";
  if (version > newest)
    problems.emplace_back("the schema is newer than this binary: upgrade creneau before serving this database");
  else if (version < newest && problems.empty())
    report << "note: `creneau serve` will migrate it to version " << newest << "\n";
  for (const auto& p : problems) report << "problem: " << p << "\n";
  report << (problems.empty() ? "status: ok\n" : "status: NOT SOUND\n");
  return problems.empty() ? 0 : 1;
}

}  // namespace creneau::store
