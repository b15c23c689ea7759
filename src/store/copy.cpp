#include "store/copy.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace creneau::store {
namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

bool postgres(const sql::Connection& c) { return c.dialect() == "postgres"; }

// The application's tables, in creation order (the schema_migrations bookkeeping table excluded).
std::vector<std::string> tables(sql::Connection& c) {
  auto rows = postgres(c)
      ? c.query("SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
                "AND c.relkind = 'r' AND c.relname <> 'schema_migrations' ORDER BY c.oid")
      : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name <> 'schema_migrations' ORDER BY rowid");
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.text(0));
  return out;
}

// child table → the tables it references.
std::map<std::string, std::set<std::string>> references(sql::Connection& c) {
  auto rows = postgres(c)
      ? c.query("SELECT child.relname, parent.relname FROM pg_constraint k "
                "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
                "WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace")
      : c.query("SELECT m.name, f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                "WHERE m.type = 'table'");
  std::map<std::string, std::set<std::string>> out;
  for (const auto& r : rows) out[r.text(0)].insert(r.text(1));
  return out;
}

std::vector<std::string> columns(sql::Connection& c, const std::string& table) {
  auto rows = postgres(c)
      ? c.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? ORDER BY ordinal_position",
                {table})
      : c.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table});
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.text(0));
  return out;
}

// Parents before children; among tables free to go, creation order.
std::vector<std::string> foreign_key_order(const std::vector<std::string>& all,
                                           std::map<std::string, std::set<std::string>> refs) {
  std::vector<std::string> order, left = all;
  std::set<std::string> placed;
  while (!left.empty()) {
    auto next = std::find_if(left.begin(), left.end(), [&](const std::string& t) {
      for (const auto& parent : refs[t])
        if (parent != t && !placed.count(parent)) return false;
      return true;
    });
    if (next == left.end())
      throw std::runtime_error("copy: the foreign keys between the tables form a cycle (at " + left.front() + ")");
    order.push_back(*next);
    placed.insert(*next);
    left.erase(next);
  }
  return order;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quoted(n);
  return out;
}

std::string insert_sql(const std::string& table, const std::vector<std::string>& cols, std::size_t rows) {
  std::string one = "(";
  for (std::size_t i = 0; i < cols.size(); ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string sql = "INSERT INTO " + quoted(table) + " (" + join(cols) + ") VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
  return sql;
}

constexpr std::int64_t kPage = 1000;

// Tables the migrations seed with one row (id 1).
bool seeded(const std::string& table) { return table == "salons" || table == "network" || table == "catalogue_version"; }

}  // namespace

CopyCounts copy_database(Database& from, Database& to,
                         const std::function<void(const std::string&, std::int64_t)>& progress) {
  if (&from == &to) throw std::runtime_error("copy: the source and the target are the same database");
  if (from.schema_version() != to.schema_version())
    throw std::runtime_error("copy: the source schema (version " + std::to_string(from.schema_version()) +
                             ") differs from the target's (version " + std::to_string(to.schema_version()) + ")");

  return to.write([&](sql::Connection& target) {
    return from.read([&](sql::Connection& source) {
      auto names = tables(source);
      // Both sides' foreign keys: a dialect may declare one the other cannot (SQLite cannot add a column with
      // REFERENCES and a default, PostgreSQL can).
      auto refs = references(source);
      for (auto& [child, parents] : references(target)) refs[child].insert(parents.begin(), parents.end());
      auto order = foreign_key_order(names, refs);

      // Same tables and columns on both sides; an empty target.
      auto target_tables = tables(target);
      std::set<std::string> target_set(target_tables.begin(), target_tables.end());
      std::string problems, non_empty;
      std::map<std::string, std::vector<std::string>> cols;
      for (const auto& t : order) {
        if (!target_set.count(t)) {
          problems += " table " + t + " is missing in the target;";
          continue;
        }
        target_set.erase(t);
        auto src = columns(source, t), dst = columns(target, t);
        auto a = src, b = dst;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b) problems += " table " + t + " has columns (" + join(src) + ") in the source but (" + join(dst) +
                                ") in the target;";
        cols[t] = std::move(src);
        auto n = target.query("SELECT COUNT(*) FROM " + quoted(t)).at(0).integer(0);
        // The one row the migrations make in every new database (salon 1, the network's own row) is not data:
        // the source's replaces it.
        if (seeded(t) && n == 1 && target.query("SELECT COUNT(*) FROM " + quoted(t) + " WHERE id = 1").at(0).integer(0) == 1)
          n = 0;
        if (n > 0) non_empty += (non_empty.empty() ? "" : ", ") + t + ": " + std::to_string(n);
      }
      for (const auto& t : target_set) problems += " table " + t + " exists only in the target;";
      if (!problems.empty()) throw std::runtime_error("copy: the two schemas differ:" + problems);
      if (!non_empty.empty())
        throw std::runtime_error("copy: the target database is not empty (" + non_empty +
                                 "); copy into a freshly created database");

      for (const auto& t : order)
        if (seeded(t)) target.query("DELETE FROM " + quoted(t));  // the seeded row (checked above); nothing refers to it yet

      CopyCounts counts;
      for (const auto& t : order) {
        const auto& c = cols[t];
        bool has_id = std::find(c.begin(), c.end(), "id") != c.end();
        // Pages in a stable order: by id (keyset) when the table has one, else by every column.
        std::string select = "SELECT " + join(c) + " FROM " + quoted(t);
        if (has_id) {
          select += " WHERE \"id\" > ? ORDER BY \"id\" LIMIT ?";
        } else {
          select += " ORDER BY ";
          for (std::size_t i = 0; i < c.size(); ++i) select += (i ? ", " : "") + std::to_string(i + 1);
          select += " LIMIT ? OFFSET ?";
        }
        // Several rows per INSERT, under SQLite's historical 999-parameter limit.
        std::size_t batch = std::clamp<std::size_t>(999 / std::max<std::size_t>(c.size(), 1), 1, 100);
        std::int64_t copied = 0, last_id = 0;
        for (;;) {
          auto rows = has_id ? source.query(select, {last_id, kPage}) : source.query(select, {kPage, copied});
          for (std::size_t i = 0; i < rows.size(); i += batch) {
            std::size_t n = std::min(batch, rows.size() - i);
            std::vector<sql::Value> params;
            params.reserve(n * c.size());
            for (std::size_t r = i; r < i + n; ++r)
              for (std::size_t k = 0; k < c.size(); ++k) params.push_back(rows[r].at(k));
            target.query(insert_sql(t, c, n), params);
          }
          copied += static_cast<std::int64_t>(rows.size());
          if (has_id && !rows.empty()) {
            auto idx = static_cast<std::size_t>(std::find(c.begin(), c.end(), "id") - c.begin());
            last_id = rows.back().integer(idx);
          }
          if (static_cast<std::int64_t>(rows.size()) < kPage) break;
        }
        if (has_id && postgres(target))
          target.query("SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(\"id\"), 1), MAX(\"id\") IS NOT NULL) "
                       "FROM " + quoted(t),
                       {quoted(t)});
        counts.emplace_back(t, copied);
        if (progress) progress(t, copied);
      }
      return counts;
    });
  });
}

}  // namespace creneau::store
