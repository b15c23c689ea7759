// PostgreSQL storage: migrations, the driver's type mapping and errors, the exclusion constraints against
// double booking, and copying a SQLite salon into PostgreSQL.
//
//   url=$(tools/pg-throwaway.sh); CRENEAU_TEST_PG_URL=$url ctest -L postgres; tools/pg-throwaway.sh stop "$url"
//
// Each test creates its own database (the role needs CREATEDB) so tests never see each other's rows.
#include "store/copy.hpp"
#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

using creneau::store::Database;
namespace sql = creneau::sql;

std::string pg_url() {
  const char* url = std::getenv("CRENEAU_TEST_PG_URL");
  return url ? url : "";
}

// postgresql://user@host:port/db?x → postgresql://user@host:port/NAME?x
std::string with_database(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return url + "/" + name;
  auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

class PostgresStore : public ::testing::Test {
protected:
  void SetUp() override {
    base_ = pg_url();
    if (base_.empty()) GTEST_SKIP() << "CRENEAU_TEST_PG_URL is not set (see tools/pg-throwaway.sh)";
    static std::atomic<int> serial{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    name_ = "creneau_t_" + std::to_string(::getpid()) + "_" + std::to_string(serial++) + "_" +
            std::string(info->name()).substr(0, 30);
    for (auto& ch : name_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto admin = sql::connect_postgres(base_);
    admin->script("CREATE DATABASE " + name_);
    url_ = with_database(base_, name_);
  }
  void TearDown() override {
    if (name_.empty()) return;
    // A server process this role may not signal (an autovacuum worker just started on the new database) can
    // still hold it for a moment: try again briefly before calling the clean-up failed.
    std::string last_error;
    for (int attempt = 0; attempt < 20; ++attempt) {
      try {
        auto admin = sql::connect_postgres(base_);
        admin->script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        return;
      } catch (const std::exception& e) {
        last_error = e.what();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    ADD_FAILURE() << "dropping " << name_ << ": " << last_error;
  }

  // A minimal salon: one staff member, one service, one resource, one client. Returns their ids.
  struct Ids {
    std::int64_t staff, service, resource, client;
  };
  static Ids seed(Database& db) {
    return db.write([](sql::Connection& c) {
      Ids ids{};
      ids.staff = c.query("INSERT INTO staff (first_name, email, created_at) VALUES (?, ?, ?) RETURNING id",
                          {std::string("Ana"), std::string("ana@example.org"), std::int64_t{1700000000}})
                      .at(0)
                      .integer(0);
      ids.service = c.query("INSERT INTO services (name, duration_minutes) VALUES (?, ?) RETURNING id",
                            {std::string("Coupe"), std::int64_t{30}})
                        .at(0)
                        .integer(0);
      ids.resource =
          c.query("INSERT INTO resources (name) VALUES (?) RETURNING id", {std::string("Fauteuil")}).at(0).integer(0);
      ids.client = c.query("INSERT INTO clients (first_name, last_name, email, created_at) VALUES (?, ?, ?, ?) "
                           "RETURNING id",
                           {std::string("Zoé"), std::string("Durand"), std::string("zoe@example.org"),
                            std::int64_t{1700000000}})
                       .at(0)
                       .integer(0);
      return ids;
    });
  }
  static std::int64_t appointment(sql::Connection& c, std::int64_t client, std::int64_t start, std::int64_t end) {
    return c
        .query("INSERT INTO appointments (client_id, status, start_at, end_at, rule_slot_step, rule_min_notice, "
               "rule_max_advance, rule_cancel_notice, created_at, created_by_type, updated_at, updated_by_type) "
               "VALUES (?, 'approved', ?, ?, 15, 0, 90, 0, ?, 'staff', ?, 'staff') RETURNING id",
               {client, start, end, start, start})
        .at(0)
        .integer(0);
  }
  static void line(sql::Connection& c, std::int64_t appt, const Ids& ids, std::int64_t start, std::int64_t end,
                   sql::Value resource = nullptr, std::int64_t capacity = 1) {
    c.query("INSERT INTO appointment_lines (appointment_id, position, service_id, staff_id, resource_id, start_at, "
            "end_at, duration_minutes, group_capacity) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
            {appt, ids.service, ids.staff, resource, start, end, (end - start) / 60, capacity});
  }

  std::string base_, name_, url_;
};

TEST_F(PostgresStore, MigratesAndRefusesANewerSchema) {
  auto db = Database::open(url_);
  EXPECT_EQ(db->dialect(), "postgres");
  EXPECT_GE(db->schema_version(), 1);
  auto versions = db->read([](sql::Connection& c) {
    return c.query("SELECT version, name FROM schema_migrations ORDER BY version");
  });
  // Every migration compiled in, once; numbers may leave gaps (they are reserved per branch).
  ASSERT_EQ(versions.size(), creneau::store::postgres_migrations().size());
  EXPECT_EQ(versions.back().integer(0), db->schema_version());
  EXPECT_EQ(versions.at(0).integer(0), 1);
  EXPECT_EQ(versions.at(0).text(1), "001_init");
  auto tables = db->read([](sql::Connection& c) {
    return c.query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()").at(0).integer(0);
  });
  EXPECT_GE(tables, 20);
  auto extension = db->read([](sql::Connection& c) {
    return c.query("SELECT COUNT(*) FROM pg_extension WHERE extname = 'btree_gist'").at(0).integer(0);
  });
  EXPECT_EQ(extension, 1);
  db.reset();

  // Opening again applies nothing; a database newer than the binary is refused.
  auto again = Database::open(url_);
  EXPECT_EQ(again->read([](sql::Connection& c) {
    return c.query("SELECT COUNT(*) FROM schema_migrations").at(0).integer(0);
  }), static_cast<std::int64_t>(creneau::store::postgres_migrations().size()));
  again->write([](sql::Connection& c) {
    c.query("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", {std::int64_t{999}, std::string("future")});
  });
  again.reset();
  try {
    Database::open(url_);
    FAIL() << "opened a database newer than the binary";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresStore, MapsTypesAndParameters) {
  auto db = Database::open(url_);
  auto row = db->read([](sql::Connection& c) {
    return c.query("SELECT ?::bigint, 2::int, 3::smallint, true, 1.5::float8, 2.25::numeric, 'x?y', NULL, ?, "
                   "COUNT(*) FROM staff WHERE ? IS NULL",
                   {std::int64_t{9007199254740993}, std::string("it's"), nullptr})
        .at(0);
  });
  EXPECT_EQ(std::get<std::int64_t>(row.at(0)), 9007199254740993);
  EXPECT_EQ(std::get<std::int64_t>(row.at(1)), 2);
  EXPECT_EQ(std::get<std::int64_t>(row.at(2)), 3);
  EXPECT_EQ(std::get<std::int64_t>(row.at(3)), 1);
  EXPECT_DOUBLE_EQ(std::get<double>(row.at(4)), 1.5);
  EXPECT_DOUBLE_EQ(std::get<double>(row.at(5)), 2.25);
  EXPECT_EQ(std::get<std::string>(row.at(6)), "x?y");
  EXPECT_TRUE(row.is_null(7));
  EXPECT_EQ(row.text(8), "it's");
  EXPECT_EQ(row.integer(9), 0);

  // The same statement again, now with a value where the first call had NULL (prepared once, reused).
  auto n = db->read([](sql::Connection& c) {
    c.query("SELECT COUNT(*) FROM staff WHERE (? IS NULL OR id = ?)", {nullptr, nullptr});
    return c.query("SELECT COUNT(*) FROM staff WHERE (? IS NULL OR id = ?)", {std::int64_t{1}, std::int64_t{1}})
        .at(0)
        .integer(0);
  });
  EXPECT_EQ(n, 0);

  // A read transaction is read-only; an SQL error is a runtime_error and leaves the pool usable.
  EXPECT_THROW(db->read([](sql::Connection& c) { c.query("DELETE FROM staff"); }), std::runtime_error);
  EXPECT_THROW(db->write([](sql::Connection& c) { c.query("SELECT nope FROM staff"); }), std::runtime_error);
  EXPECT_EQ(db->read([](sql::Connection& c) { return c.query("SELECT 41 + ?", {std::int64_t{1}}).at(0).integer(0); }),
            42);
}

TEST_F(PostgresStore, InsertsWithReturningAndMapsUniqueViolations) {
  auto db = Database::open(url_);
  auto ids = seed(*db);
  EXPECT_GT(ids.staff, 0);
  EXPECT_GT(ids.client, 0);
  auto second = db->write([](sql::Connection& c) {
    return c.query("INSERT INTO staff (first_name, email, created_at) VALUES (?, ?, ?) RETURNING id",
                   {std::string("Bea"), std::string("bea@example.org"), std::int64_t{1}})
        .at(0)
        .integer(0);
  });
  EXPECT_EQ(second, ids.staff + 1);
  auto client = db->read([&](sql::Connection& c) {
    return c.query("SELECT first_name, birth_date, last_birthday_year FROM clients WHERE id = ?", {ids.client}).at(0);
  });
  EXPECT_EQ(client.text(0), "Zoé");
  EXPECT_TRUE(client.is_null(1));
  EXPECT_EQ(std::get<std::int64_t>(client.at(2)), 0);

  EXPECT_THROW(db->write([](sql::Connection& c) {
    c.query("INSERT INTO staff (first_name, email, created_at) VALUES (?, ?, ?)",
            {std::string("Dup"), std::string("ana@example.org"), std::int64_t{1}});
  }), sql::ConstraintViolation);
  // The failed transaction left nothing behind.
  EXPECT_EQ(db->read([](sql::Connection& c) { return c.query("SELECT COUNT(*) FROM staff").at(0).integer(0); }), 2);
}

TEST_F(PostgresStore, ExclusionConstraintsForbidDoubleBooking) {
  auto db = Database::open(url_);
  auto ids = seed(*db);
  const std::int64_t t = 1800000000;  // 2027-01-15
  db->write([&](sql::Connection& c) {
    auto a = appointment(c, ids.client, t, t + 3600);
    line(c, a, ids, t, t + 3600, ids.resource);
  });
  // Same staff, overlapping → refused by the database.
  EXPECT_THROW(db->write([&](sql::Connection& c) {
    auto b = appointment(c, ids.client, t + 1800, t + 5400);
    line(c, b, ids, t + 1800, t + 5400);
  }), sql::ConstraintViolation);
  // Back to back is fine (ranges are half-open).
  EXPECT_NO_THROW(db->write([&](sql::Connection& c) {
    auto b = appointment(c, ids.client, t + 3600, t + 5400);
    line(c, b, ids, t + 3600, t + 5400);
  }));
  // Another staff member but the same resource at the same time → refused.
  auto other = db->write([](sql::Connection& c) {
    return c.query("INSERT INTO staff (first_name, email, created_at) VALUES ('Bea', 'bea@example.org', 1) "
                   "RETURNING id").at(0).integer(0);
  });
  Ids other_ids = ids;
  other_ids.staff = other;
  EXPECT_THROW(db->write([&](sql::Connection& c) {
    auto b = appointment(c, ids.client, t, t + 3600);
    line(c, b, other_ids, t, t + 3600, ids.resource);
  }), sql::ConstraintViolation);
  // Once the first appointment's lines are inactive (cancelled), its slot can be taken again.
  db->write([&](sql::Connection& c) {
    c.query("UPDATE appointment_lines SET active = 0 WHERE start_at = ? AND staff_id = ?", {t, ids.staff});
  });
  EXPECT_NO_THROW(db->write([&](sql::Connection& c) {
    auto b = appointment(c, ids.client, t, t + 3600);
    line(c, b, other_ids, t, t + 3600, ids.resource);
  }));
  // Group lines (capacity > 1) may share a slot: the application counts them.
  EXPECT_NO_THROW(db->write([&](sql::Connection& c) {
    for (int i = 0; i < 3; ++i) {
      auto g = appointment(c, ids.client, t + 7200, t + 10800);
      line(c, g, ids, t + 7200, t + 10800, nullptr, 4);
    }
  }));
}

TEST_F(PostgresStore, WritersSerialise) {
  auto db = Database::open(url_, 8);
  auto ids = seed(*db);
  // Eight threads race for the same slot with a check-then-insert, like the booking code: the advisory lock
  // makes the check and the insert atomic, so exactly one wins without any constraint error.
  const std::int64_t t = 1800003600;
  std::atomic<int> won{0}, lost{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      try {
        bool ok = db->write([&](sql::Connection& c) {
          auto busy = c.query("SELECT COUNT(*) FROM appointment_lines WHERE staff_id = ? AND active = 1 "
                              "AND start_at < ? AND end_at > ?",
                              {ids.staff, t + 3600, t})
                          .at(0)
                          .integer(0);
          if (busy) return false;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          auto a = appointment(c, ids.client, t, t + 3600);
          line(c, a, ids, t, t + 3600);
          return true;
        });
        (ok ? won : lost)++;
      } catch (const std::exception&) {
        failed++;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 7);
  EXPECT_EQ(failed.load(), 0);
}

// Fine locking (issue 17): writers locking different keys overlap in time; writers locking one key take turns,
// and the same check-then-insert race still has exactly one winner; a plain write() waits for all of them.
TEST_F(PostgresStore, FineWritersOverlapUnlessTheyShareAKey) {
  auto db = Database::open(url_, 8, creneau::store::Locking::fine);
  auto ids = seed(*db);
  using Clock = std::chrono::steady_clock;
  auto hold = [&](std::int64_t key) {
    db->write_fine([&](sql::Connection& c) {
      c.lock_keys({key, key + 1});
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
    });
  };
  auto timed = [&](std::int64_t a, std::int64_t b) {
    auto t0 = Clock::now();
    std::thread x(hold, a), y(hold, b);
    x.join();
    y.join();
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  };
  EXPECT_LT(timed(1'000'000, 2'000'000), 750);  // side by side (~400 ms)
  EXPECT_GE(timed(1'000'000, 1'000'001), 790);  // key 1,000,001 shared: one after the other (~800 ms)

  const std::int64_t t = 1800007200;
  std::atomic<int> won{0}, lost{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      try {
        bool ok = db->write_fine([&](sql::Connection& c) {
          c.lock_keys({(std::int64_t{3} << 48) | ids.staff});
          auto busy = c.query("SELECT COUNT(*) FROM appointment_lines WHERE staff_id = ? AND active = 1 "
                              "AND start_at < ? AND end_at > ?",
                              {ids.staff, t + 3600, t})
                          .at(0)
                          .integer(0);
          if (busy) return false;
          auto a = appointment(c, ids.client, t, t + 3600);
          line(c, a, ids, t, t + 3600);
          return true;
        });
        (ok ? won : lost)++;
      } catch (const std::exception&) {
        failed++;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 7);
  EXPECT_EQ(failed.load(), 0);

  std::thread fine(hold, 5'000'000);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto t0 = Clock::now();
  db->write([](sql::Connection& c) { c.query("SELECT 1"); });
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count(), 200);
  fine.join();
}

TEST_F(PostgresStore, CopiesASqliteSalon) {
  auto dir = std::filesystem::temp_directory_path() / ("creneau-copy-" + name_);
  std::filesystem::create_directories(dir);
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() { std::filesystem::remove_all(p); }
  } cleanup{dir};

  auto lite = Database::open((dir / "salon.db").string());
  ASSERT_EQ(lite->dialect(), "sqlite");
  auto ids = seed(*lite);
  const std::int64_t t = 1800000000;
  lite->write([&](sql::Connection& c) {
    c.query("INSERT INTO settings (id, body) VALUES (1, ?)", {std::string(R"({"name":"Salon Zoé"})")});
    c.query("INSERT INTO staff_hours (staff_id, weekday, start_minute, end_minute) VALUES (?, 1, 540, 1140)",
            {ids.staff});
    c.query("INSERT INTO service_resources (service_id, resource_id) VALUES (?, ?)", {ids.service, ids.resource});
    c.query("INSERT INTO staff_services (staff_id, service_id) VALUES (?, ?)", {ids.staff, ids.service});
    for (int i = 0; i < 1500; ++i) {  // more than one page, several INSERT batches
      auto a = appointment(c, ids.client, t + i * 3600, t + i * 3600 + 1800);
      sql::Value resource;  // NULL on even lines
      if (i % 2) resource = ids.resource;
      line(c, a, ids, t + i * 3600, t + i * 3600 + 1800, resource);
    }
    c.query("UPDATE appointments SET notes = ?, confirm_token = NULL WHERE id = 7", {std::string("l'été, \"x\" ?")});
    c.query("DELETE FROM appointments WHERE id = 5");  // a gap in the ids must survive
  });

  auto pg = Database::open(url_);
  auto counts = creneau::store::copy_database(*lite, *pg);
  std::map<std::string, std::int64_t> by_table(counts.begin(), counts.end());
  EXPECT_EQ(by_table["staff"], 1);
  EXPECT_EQ(by_table["clients"], 1);
  EXPECT_EQ(by_table["settings"], 1);
  EXPECT_EQ(by_table["staff_hours"], 1);
  EXPECT_EQ(by_table["appointments"], 1499);
  EXPECT_EQ(by_table["appointment_lines"], 1499);
  EXPECT_EQ(by_table["outbox"], 0);
  EXPECT_EQ(by_table.count("schema_migrations"), 0u);
  // Parents come before children.
  auto pos = [&](const std::string& table) {
    return std::find_if(counts.begin(), counts.end(), [&](auto& p) { return p.first == table; }) - counts.begin();
  };
  EXPECT_LT(pos("clients"), pos("appointments"));
  EXPECT_LT(pos("appointments"), pos("appointment_lines"));
  EXPECT_LT(pos("client_packages"), pos("appointment_lines"));

  // Every table holds the same number of rows on both sides, and a sample matches field for field.
  for (const auto& [table, n] : counts) {
    auto q = "SELECT COUNT(*) FROM " + table;
    EXPECT_EQ(pg->read([&](sql::Connection& c) { return c.query(q).at(0).integer(0); }), n) << table;
    EXPECT_EQ(lite->read([&](sql::Connection& c) { return c.query(q).at(0).integer(0); }), n) << table;
  }
  const std::string sample = "SELECT id, client_id, status, start_at, end_at, notes, confirm_token, created_by_type "
                             "FROM appointments WHERE id IN (1, 7, 1500) ORDER BY id";
  auto a = lite->read([&](sql::Connection& c) { return c.query(sample); });
  auto b = pg->read([&](sql::Connection& c) { return c.query(sample); });
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (std::size_t r = 0; r < a.size(); ++r)
    for (std::size_t k = 0; k < a[r].size(); ++k) EXPECT_EQ(a[r].at(k), b[r].at(k)) << "row " << r << " col " << k;
  EXPECT_EQ(b[1].text(5), "l'été, \"x\" ?");

  // New ids continue after the copied ones; the copied lines still forbid double booking.
  pg->write([&](sql::Connection& c) {
    EXPECT_EQ(appointment(c, ids.client, t - 7200, t - 3600), 1501);
    EXPECT_EQ(c.query("INSERT INTO staff (first_name, email, created_at) VALUES ('Bea', 'bea@example.org', 1) "
                      "RETURNING id").at(0).integer(0), ids.staff + 1);
  });
  EXPECT_THROW(pg->write([&](sql::Connection& c) {
    auto x = appointment(c, ids.client, t, t + 600);
    line(c, x, ids, t, t + 600);
  }), sql::ConstraintViolation);

  // A second copy into the now non-empty database is refused and changes nothing.
  try {
    creneau::store::copy_database(*lite, *pg);
    FAIL() << "copied into a non-empty database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not empty"), std::string::npos) << e.what();
  }
  EXPECT_EQ(pg->read([](sql::Connection& c) { return c.query("SELECT COUNT(*) FROM appointments").at(0).integer(0); }),
            1500);

  // And back: PostgreSQL → a fresh SQLite file carries the same counts.
  auto back = Database::open((dir / "back.db").string());
  auto back_counts = creneau::store::copy_database(*pg, *back);
  std::map<std::string, std::int64_t> back_by(back_counts.begin(), back_counts.end());
  EXPECT_EQ(back_by["appointments"], 1500);
  EXPECT_EQ(back_by["staff"], 2);
  EXPECT_EQ(back_by.size(), by_table.size());
}

}  // namespace
