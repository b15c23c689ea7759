#pragma once
// The narrow seam between the store and a database engine. The store's SQL is written once, in the subset
// SQLite and PostgreSQL share (`?` placeholders, INTEGER epoch seconds, `RETURNING id`); each driver only
// executes it. Booleans are integers 0/1 on both.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace creneau::sql {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class Row {
public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  std::int64_t integer(std::size_t i) const;  // NULL → 0
  std::string text(std::size_t i) const;      // NULL → ""
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  bool boolean(std::size_t i) const { return integer(i) != 0; }
  const Value& at(std::size_t i) const { return values_.at(i); }
  // For a driver that fills one row again and again (Connection::each): no allocation once it has grown.
  void clear() { values_.clear(); }
  void reserve(std::size_t n) { values_.reserve(n); }
  template <typename V>
  void push(V&& v) {
    values_.emplace_back(std::forward<V>(v));
  }

private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// A constraint of the database said no (unique key, exclusion constraint): the caller maps it.
struct ConstraintViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The engine asks for the whole transaction to be run again (PostgreSQL serialization failure, deadlock).
struct RetryTransaction : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Connection {
public:
  virtual ~Connection() = default;
  virtual Rows query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // The same, handing each row to `row` as it comes instead of keeping them all (long scans: a month of busy
  // spans). The Row passed is reused: read it inside the call, and run no statement on this connection there.
  virtual void each(std::string_view sql, const std::vector<Value>& params, const std::function<void(const Row&)>& row) {
    for (const auto& r : query(sql, params)) row(r);
  }
  // Runs a script of several statements (migrations), no parameters.
  virtual void script(std::string_view sql) = 0;
  // A write transaction that serialises with every other writer (BEGIN IMMEDIATE / advisory lock).
  virtual void begin_write() = 0;
  // A write transaction that runs beside other such ones and locks what it decides on with lock_keys();
  // engines with a single writer (SQLite) make it begin_write().
  virtual void begin_write_fine() { begin_write(); }
  // Inside begin_write_fine(): waits for and holds, until the end of the transaction, an exclusive lock on each
  // key, taken in increasing order (so two writers never wait on each other in a cycle). Elsewhere: nothing,
  // the transaction already excludes every writer.
  virtual void lock_keys(const std::vector<std::int64_t>& /*keys*/) {}
  // A read transaction: one consistent snapshot.
  virtual void begin_read() = 0;
  // No transaction: the one statement that follows runs on its own (Database::read_statement); nothing to commit.
  virtual void begin_statement() { wrote_ = false; }
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual std::string_view dialect() const = 0;  // "sqlite" | "postgres"
  // True until the transaction runs a statement other than a SELECT: until then everything it saw was committed
  // by others, so a server may keep what it read. Once it has written it may see its own rows, which a rollback
  // would take back.
  bool seen_only_committed() const { return !wrote_; }

protected:
  // Drivers: called with every statement run, and with wrote_ = false at each begin.
  void note_statement(std::string_view sql) {
    if (wrote_) return;
    auto start = sql.find_first_not_of(" \t\r\n");
    auto word = start == std::string_view::npos ? std::string_view() : sql.substr(start, 6);
    wrote_ = !(word.size() == 6 && (word == "SELECT" || word == "select"));
  }
  bool wrote_ = false;
};

inline std::int64_t Row::integer(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}
inline std::string Row::text(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}
inline std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

}  // namespace creneau::sql
