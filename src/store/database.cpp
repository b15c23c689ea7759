#include "store/database.hpp"

#include "store/postgres/pg_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

#include <stdexcept>

namespace creneau::store {

bool is_postgres_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::unique_ptr<sql::Connection> connect(const std::string& url) {
  return is_postgres_url(url) ? sql::connect_postgres(url) : sql::connect_sqlite(url);
}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size, Locking locking) {
  std::unique_ptr<Database> db(new Database());
  db->url_ = url;
  db->max_open_ = pool_size == 0 ? 1 : pool_size;
  db->locking_ = locking;
  db->dialect_ = is_postgres_url(url) ? "postgres" : "sqlite";
  if (db->dialect_ == "sqlite") db->locking_ = Locking::global;  // one writer at a time whatever is asked
  db->connect_ = [url] { return connect(url); };
  db->migrate();
  return db;
}

std::unique_ptr<Database> Database::open_read_only(const std::string& url, std::size_t pool_size) {
  if (!is_postgres_url(url)) throw std::runtime_error("a read replica is a postgresql:// URL");
  std::unique_ptr<Database> db(new Database());
  db->url_ = url;
  db->max_open_ = pool_size == 0 ? 1 : pool_size;
  db->dialect_ = "postgres";
  db->connect_ = [url] { return sql::connect_postgres(url); };
  const auto& migrations = postgres_migrations();
  int newest = migrations.empty() ? 0 : migrations.back().version;
  int current = db->read([](sql::Connection& c) {
    return static_cast<int>(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").at(0).integer(0));
  });
  if (current != newest)
    throw std::runtime_error("the read replica's schema is version " + std::to_string(current) + ", this server's " +
                             std::to_string(newest) + ": let the replica catch up with its primary");
  db->schema_version_ = current;
  return db;
}

Database::~Database() = default;

std::unique_ptr<sql::Connection> Database::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (open_ < max_open_) {
      ++open_;
      lock.unlock();
      try {
        return connect_();
      } catch (...) {
        lock.lock();
        --open_;
        throw;
      }
    }
    available_.wait(lock);
  }
}

void Database::release(std::unique_ptr<sql::Connection> c) {
  if (!c) return;
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

void Database::truncate_log() noexcept {
  if (dialect_ != "sqlite") return;
  try {
    Lease lease(*this);
    lease.conn->query("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    // The next checkpoint copies the pages anyway; the zeroed versions win.
  }
}

void Database::migrate() {
  const auto& migrations = dialect_ == "postgres" ? postgres_migrations() : sqlite_migrations();
  int newest = migrations.empty() ? 0 : migrations.back().version;
  write([&](sql::Connection& c) {
    c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    auto rows = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    int current = static_cast<int>(rows.at(0).integer(0));
    if (current > newest)
      throw std::runtime_error("the database schema (version " + std::to_string(current) +
                               ") is newer than this server (version " + std::to_string(newest) +
                               "): upgrade creneau");
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      c.script(m.sql);
      c.query("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
              {static_cast<std::int64_t>(m.version), std::string(m.name)});
    }
  });
  schema_version_ = newest;
}

}  // namespace creneau::store
