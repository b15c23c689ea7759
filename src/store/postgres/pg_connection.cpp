#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>

namespace creneau::sql {
namespace {

// Type OIDs from pg_type (stable across PostgreSQL versions; the server headers are not needed).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

// Every writer takes this transaction-scoped advisory lock, so writes serialise across connections and
// processes like SQLite's BEGIN IMMEDIATE. Advisory locks are per database.
constexpr const char* kBeginWrite = "BEGIN; SELECT pg_advisory_xact_lock(4242)";
// --pg-locking fine: writers that lock what they decide on hold that same lock in shared mode, so they run side
// by side while any other writer (catalogue, settings, moves, jobs…) still excludes them all.
constexpr const char* kBeginWriteFine = "BEGIN; SELECT pg_advisory_xact_lock_shared(4242)";
// Keys in increasing order in one round trip: the aggregate consumes the sorted subquery row by row. The keys
// (class << 48 | id, store/locks.hpp) never meet 4242.
constexpr const char* kLockKeys =
    "SELECT COUNT(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT k FROM unnest(?::bigint[]) AS t(k) ORDER BY k) s";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// `?` → `$1…$n`, leaving string literals, quoted identifiers and comments alone.
std::string rewrite_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (ch == '\'' || ch == '"') {
      std::size_t end = sql.find(ch, i + 1);
      // A doubled quote inside the literal is just two literals back to back: the loop handles it.
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (ch == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() - 1 : end + 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (ch == '?') {
      out += '$';
      out += std::to_string(++count);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string sqlstate(const PGresult* r) {
  const char* s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  return s ? s : "";
}

// "primary message: detail" on one line, without libpq's "ERROR:  " prefix.
std::string error_text(const PGresult* r) {
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (!primary) return "";
  std::string s = primary;
  if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) s += std::string(" (") + detail + ")";
  return s;
}

std::string trimmed(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::int64_t parse_int(const char* p, std::size_t n) {
  std::int64_t v = 0;
  std::from_chars(p, p + n, v);
  return v;
}

Value cell(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* p = PQgetvalue(r, row, col);
  auto n = static_cast<std::size_t>(PQgetlength(r, row, col));
  switch (PQftype(r, col)) {
    case kInt8:
    case kInt4:
    case kInt2:
    case kOid: return parse_int(p, n);
    case kBool: return std::int64_t{p[0] == 't' ? 1 : 0};
    case kFloat4:
    case kFloat8:
    case kNumeric: return std::strtod(p, nullptr);
    default: return std::string(p, n);
  }
}

class PgConnection final : public Connection {
public:
  explicit PgConnection(const std::string& url) {
    const char* keys[] = {"dbname", "fallback_application_name", "connect_timeout", nullptr};
    const char* values[] = {url.c_str(), "creneau", "10", nullptr};
    conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      throw std::runtime_error("cannot connect to PostgreSQL " + redacted(url) + ": " + msg);
    }
    setup_session();
  }
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    Result r = execute(sql, params);
    Rows rows;
    int n = PQntuples(r.get()), cols = PQnfields(r.get());
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      Row row{{}};
      read_row(r.get(), i, cols, row);
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void each(std::string_view sql, const std::vector<Value>& params, const std::function<void(const Row&)>& each_row) override {
    Result r = execute(sql, params);
    int n = PQntuples(r.get()), cols = PQnfields(r.get());
    Row row{{}};
    for (int i = 0; i < n; ++i) {
      row.clear();
      read_row(r.get(), i, cols, row);
      each_row(row);
    }
  }

  void script(std::string_view sql) override {
    wrote_ = true;  // a script may write anything
    flush_begin();
    exec(std::string(sql));
  }

  void begin_write() override {
    begin(kBeginWrite);
    fine_ = false;
    wrote_ = false;
  }
  void begin_write_fine() override {
    begin(kBeginWriteFine);
    fine_ = true;
    wrote_ = false;
  }
  void lock_keys(const std::vector<std::int64_t>& keys) override {
    if (!fine_ || keys.empty()) return;
    std::string array = "{";
    for (std::size_t i = 0; i < keys.size(); ++i) array += (i ? "," : "") + std::to_string(keys[i]);
    query(kLockKeys, {array + "}"});
  }
  void begin_read() override {
    begin(kBeginRead);
    fine_ = false;
    wrote_ = false;
  }
  void begin_statement() override {
    ensure_open();
    fine_ = false;
    wrote_ = false;
    statement_only_ = true;
  }
  void commit() override {
    if (std::exchange(pending_begin_, nullptr)) return;  // nothing ran: no transaction was opened
    bool aborted = PQtransactionStatus(conn_) == PQTRANS_INERROR;
    Result r(PQexec(conn_, "COMMIT"));
    check(r.get(), "COMMIT");
    // COMMIT of a transaction that an error aborted is a silent ROLLBACK: never report it as a success.
    if (aborted || std::string_view(PQcmdStatus(r.get())) == "ROLLBACK")
      throw std::runtime_error("PostgreSQL: the transaction was rolled back by an earlier error" +
                               (last_error_.empty() ? std::string() : ": " + last_error_));
  }
  void rollback() override {
    pending_begin_ = nullptr;
    auto status = PQtransactionStatus(conn_);
    if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) Result(PQexec(conn_, "ROLLBACK"));
  }
  std::string_view dialect() const override { return "postgres"; }

private:
  // Runs a prepared statement (prepared on first use) and checks its result.
  Result execute(std::string_view sql, const std::vector<Value>& params) {
    note_statement(sql);
    // BEGIN and a first statement without parameters in one simple query: PostgreSQL runs them in order and
    // answers with the last one's result (the salon's catalogue version, read first by most transactions).
    if (pending_begin_ && params.empty()) return exec_first(std::exchange(pending_begin_, nullptr) + ("; " + std::string(sql)));
    flush_begin();
    const Statement& st = prepare(sql, params);
    if (params.size() != static_cast<std::size_t>(st.params))
      throw std::runtime_error("PostgreSQL: " + std::to_string(params.size()) + " parameters given for " +
                               std::to_string(st.params) + " placeholders in: " + std::string(sql));
    std::vector<std::string> text(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v)) text[i] = std::to_string(*p);
      else if (auto d = std::get_if<double>(&v)) text[i] = format_double(*d);
      else if (auto s = std::get_if<std::string>(&v)) text[i] = *s;
      else continue;  // NULL: a null pointer
      ptrs[i] = text[i].c_str();
    }
    Result r(PQexecPrepared(conn_, st.name.c_str(), st.params, ptrs.data(), nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) == PGRES_FATAL_ERROR && sqlstate(r.get()) == "26000") {
      // The server forgot our prepared statements (DISCARD ALL, a pooler in front): prepare again, and run
      // the whole transaction again since this error aborted it.
      statements_.clear();
      throw RetryTransaction("PostgreSQL: " + error_text(r.get()));
    }
    check(r.get(), sql);
    return r;
  }

  static void read_row(const PGresult* r, int i, int cols, Row& row) {
    row.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) row.push(cell(r, i, c));
  }

  struct Statement {
    std::string name;
    int params = 0;
  };

  // The URL without its password, for error messages: postgresql://user:***@host/db?password=***
  static std::string redacted(std::string url) {
    auto scheme = url.find("://");
    auto at = url.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
      auto colon = url.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) url = url.substr(0, colon + 1) + "***" + url.substr(at);
    }
    for (auto pos = url.find("password="); pos != std::string::npos; pos = url.find("password=", pos + 1)) {
      auto start = pos + 9, end = url.find('&', start);
      url.replace(start, (end == std::string::npos ? url.size() : end) - start, "***");
    }
    return url;
  }

  static std::string format_double(double d) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
  }

  void setup_session() {
    exec("SET client_min_messages = warning; SET TimeZone = 'UTC'");
  }

  // A pooled connection whose server went away (restart, network) is re-established before a transaction.
  void ensure_open() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    statements_.clear();
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error("PostgreSQL connection lost: " + trimmed(PQerrorMessage(conn_)));
    setup_session();
  }

  // Starts a transaction: the connection is checked now, the BEGIN itself leaves with the first statement.
  void begin(const char* sql) {
    statement_only_ = false;
    ensure_open();
    pending_begin_ = sql;  // sent with the transaction's first statement: one round trip less (execute())
  }

  // Runs `sql` (a simple query, no parameters) as the first thing on this connection since begin(): a connection
  // found dead then (the server restarted while it sat in the pool) is re-established once, as nothing has run.
  Result exec_first(const std::string& sql) {
    Result r(PQexec(conn_, sql.c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && PQstatus(conn_) == CONNECTION_BAD) {
      ensure_open();
      r.reset(PQexec(conn_, sql.c_str()));
    }
    check(r.get(), sql);
    return r;
  }

  // Sends a deferred BEGIN on its own (the first statement has parameters, or is a script).
  void flush_begin() {
    if (pending_begin_) exec_first(std::exchange(pending_begin_, nullptr));
  }

  void exec(const std::string& sql) {
    Result r(PQexec(conn_, sql.c_str()));
    check(r.get(), sql);
  }

  // Maps a failed result to the store's exceptions; does nothing on success.
  void check(const PGresult* r, std::string_view sql) {
    auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    std::string state = sqlstate(r);
    std::string msg = error_text(r);
    if (msg.empty()) msg = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    if (msg.empty()) msg = trimmed(PQerrorMessage(conn_));
    // A lone statement on a pooled connection the server dropped (begin() would have seen it): run it again,
    // the retry's begin_statement() reconnects.
    if (statement_only_ && PQstatus(conn_) == CONNECTION_BAD) throw RetryTransaction("PostgreSQL connection lost: " + msg);
    if (state == "25P02" && !last_error_.empty()) msg += " (first error: " + last_error_ + ")";
    else last_error_ = msg;
    if (state.rfind("23", 0) == 0) throw ConstraintViolation(msg);
    if (state == "40001" || state == "40P01") throw RetryTransaction(msg);
    throw std::runtime_error("PostgreSQL: " + msg + " [" + state + "] in: " + std::string(sql));
  }

  // Each distinct statement is prepared once per connection. Parameter types: int64 → bigint, double →
  // double precision, text and NULL → inferred by the server from the context. A parameter the server
  // cannot type (`? IS NULL` alone) is retried as text; inside a transaction that retry runs under a
  // savepoint, since a failed PREPARE would otherwise abort the caller's transaction.
  const Statement& prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    Statement st;
    std::string text = rewrite_placeholders(sql, st.params);
    st.name = "cr" + std::to_string(++counter_);
    std::vector<Oid> types(static_cast<std::size_t>(st.params), 0);
    bool inferred = false;
    for (std::size_t i = 0; i < types.size() && i < params.size(); ++i) {
      if (std::holds_alternative<std::int64_t>(params[i])) types[i] = kInt8;
      else if (std::holds_alternative<double>(params[i])) types[i] = kFloat8;
    }
    for (Oid t : types) inferred = inferred || t == 0;
    bool guarded = inferred && PQtransactionStatus(conn_) == PQTRANS_INTRANS;
    if (guarded) exec("SAVEPOINT creneau_prepare");
    for (int attempt = 0;; ++attempt) {
      Result r(PQprepare(conn_, st.name.c_str(), text.c_str(), st.params, types.empty() ? nullptr : types.data()));
      if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) break;
      int bad = 0;
      if (inferred && sqlstate(r.get()) == "42P18" && attempt < st.params) {
        // "could not determine data type of parameter $N"
        std::string msg = PQresultErrorMessage(r.get());
        if (auto pos = msg.find("parameter $"); pos != std::string::npos) bad = std::atoi(msg.c_str() + pos + 11);
      }
      if (bad >= 1 && bad <= st.params && types[static_cast<std::size_t>(bad - 1)] == 0) {
        types[static_cast<std::size_t>(bad - 1)] = kText;
        if (guarded) exec("ROLLBACK TO SAVEPOINT creneau_prepare");
        continue;
      }
      if (guarded) exec("ROLLBACK TO SAVEPOINT creneau_prepare; RELEASE SAVEPOINT creneau_prepare");
      check(r.get(), text);  // throws
    }
    if (guarded) exec("RELEASE SAVEPOINT creneau_prepare");
    return statements_.emplace(std::move(key), std::move(st)).first->second;
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, Statement> statements_;  // SQL as written → prepared statement
  std::uint64_t counter_ = 0;
  std::string last_error_;
  bool fine_ = false;  // inside begin_write_fine(): lock_keys() locks
  bool statement_only_ = false;  // after begin_statement(): no transaction open
  const char* pending_begin_ = nullptr;  // begin() not sent yet: it goes with the first statement
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace creneau::sql
