#pragma once
// Opens the right engine for a --db argument, brings its schema up to date, and hands out connections
// from a small pool inside read or write transactions.
#include "store/sql.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace creneau::store {

class Database {
public:
  // A file path → SQLite (created if missing); postgresql://… → PostgreSQL.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size = 4);
  ~Database();

  std::string_view dialect() const { return dialect_; }

  // SQLite: copies the write-ahead log into the database file and truncates it, so data overwritten by the
  // last transactions (an erasure) lingers in no file. Best effort (a reader may hold the log); PostgreSQL:
  // nothing (old row versions go with VACUUM, the operator's job).
  void truncate_log() noexcept;
  int schema_version() const { return schema_version_; }

  // Runs `work` in one transaction that serialises with other writers; retried when the engine asks.
  // An exception inside rolls everything back and propagates.
  template <typename F>
  auto write(F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    return run(true, std::forward<F>(work));
  }
  template <typename F>
  auto read(F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    return run(false, std::forward<F>(work));
  }

  // Called after each committed write transaction with how long it took (BEGIN to COMMIT, the attempt that
  // succeeded). Set once before serving: it is read without a lock.
  using WriteObserver = std::function<void(std::chrono::steady_clock::duration)>;
  void observe_writes(WriteObserver observer) { write_observer_ = std::move(observer); }

private:
  Database() = default;
  std::unique_ptr<sql::Connection> acquire();
  void release(std::unique_ptr<sql::Connection> c);
  void migrate();

  template <typename F>
  auto run(bool writing, F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    for (int attempt = 0;; ++attempt) {
      Lease lease(*this);
      auto& c = *lease.conn;
      auto started = std::chrono::steady_clock::now();
      try {
        writing ? c.begin_write() : c.begin_read();
        if constexpr (std::is_void_v<decltype(work(c))>) {
          work(c);
          c.commit();
          if (writing && write_observer_) write_observer_(std::chrono::steady_clock::now() - started);
          return;
        } else {
          auto result = work(c);
          c.commit();
          if (writing && write_observer_) write_observer_(std::chrono::steady_clock::now() - started);
          return result;
        }
      } catch (const sql::RetryTransaction&) {
        c.rollback();
        if (attempt >= 8) throw;
      } catch (...) {
        c.rollback();
        throw;
      }
    }
  }

  struct Lease {
    explicit Lease(Database& d) : db(d), conn(d.acquire()) {}
    ~Lease() { db.release(std::move(conn)); }
    Database& db;
    std::unique_ptr<sql::Connection> conn;
  };

  std::string url_;
  std::string dialect_;
  int schema_version_ = 0;
  std::function<std::unique_ptr<sql::Connection>()> connect_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
  std::size_t open_ = 0, max_open_ = 4;
  WriteObserver write_observer_;
};

// The migrations compiled into this binary, numbered from 1.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace creneau::store
