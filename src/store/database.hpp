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

// How PostgreSQL writers exclude each other. `global`: every writer takes one advisory lock (as SQLite's single
// writer). `fine`: writers that lock what they decide on (write_fine + store::locks) run side by side, each
// holding the global lock in shared mode; every other writer still takes it exclusively.
enum class Locking { global, fine };

class Database {
public:
  // A file path → SQLite (created if missing); postgresql://… → PostgreSQL.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size = 4,
                                        Locking locking = Locking::fine);
  // A hot standby for reads only: no migration (it cannot write); its schema must be this server's.
  static std::unique_ptr<Database> open_read_only(const std::string& url, std::size_t pool_size = 4);
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
    return run(Mode::write, std::forward<F>(work));
  }
  // A writer that locks what its decision reads (store::locks::take) before reading it. On PostgreSQL with
  // Locking::fine it runs beside other such writers; otherwise it is write().
  template <typename F>
  auto write_fine(F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    return run(locking_ == Locking::fine ? Mode::fine : Mode::write, std::forward<F>(work));
  }
  template <typename F>
  auto read(F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    return run(Mode::read, std::forward<F>(work));
  }
  // A read of ONE statement: atomic on its own, so no BEGIN and COMMIT around it (two round trips fewer on
  // PostgreSQL, for reads made at every request: the session).
  template <typename F>
  auto read_statement(F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    return run(Mode::statement, std::forward<F>(work));
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

  enum class Mode { read, write, fine, statement };
  template <typename F>
  auto run(Mode mode, F&& work) -> decltype(work(std::declval<sql::Connection&>())) {
    const bool writing = mode != Mode::read && mode != Mode::statement;
    for (int attempt = 0;; ++attempt) {
      Lease lease(*this);
      auto& c = *lease.conn;
      auto started = std::chrono::steady_clock::now();
      try {
        if (mode == Mode::read) c.begin_read();
        else if (mode == Mode::fine) c.begin_write_fine();
        else if (mode == Mode::write) c.begin_write();
        else c.begin_statement();
        if constexpr (std::is_void_v<decltype(work(c))>) {
          work(c);
          if (mode != Mode::statement) c.commit();
          if (writing && write_observer_) write_observer_(std::chrono::steady_clock::now() - started);
          return;
        } else {
          auto result = work(c);
          if (mode != Mode::statement) c.commit();
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
  Locking locking_ = Locking::fine;
  std::function<std::unique_ptr<sql::Connection>()> connect_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
  std::size_t open_ = 0, max_open_ = 4;
  WriteObserver write_observer_;
};

// True for a postgresql:// (or postgres://) URL; anything else names an SQLite file.
bool is_postgres_url(const std::string& url);
// One plain connection to `url` with its schema left as it is (no migration): for tools that read a database
// of any version (the benchmarks measuring an older server on a copy).
std::unique_ptr<sql::Connection> connect(const std::string& url);

// The migrations compiled into this binary, numbered from 1.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace creneau::store
