// app::SalonCache on an in-memory SQLite database: a salon is read once and handed out again while the catalogue
// stays as it is; any catalogue write (settings, a service, a staff member's hours) is seen at the next request;
// what a transaction read after writing is never kept, so a rolled-back change cannot come back from the cache.
#include "app/salon.hpp"
#include "store/catalogue.hpp"
#include "store/database.hpp"
#include "store/salons.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

using namespace creneau;

namespace {

class SalonCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    db = store::Database::open(":memory:", 1);
    ctx = std::make_unique<app::Context>(app::Context{*db, {}, {}});
    ctx->salons = std::make_shared<app::SalonCache>();
    service_id = db->write([](sql::Connection& c) {
      domain::Service s;
      s.name = "Coupe";
      s.duration_minutes = 30;
      return store::catalogue::insert_service(c, s);
    });
    staff_id = db->write([&](sql::Connection& c) {
      domain::Staff s;
      s.first_name = "Paula";
      s.email = "paula@example.com";
      s.hours = {{1, 9 * 60, 17 * 60, 1}};
      s.salon_ids = {1};
      s.service_ids = {service_id};
      return store::catalogue::insert_staff(c, s, "", domain::from_epoch(1803891600));
    });
  }
  app::SalonRef read() {
    return db->read([&](sql::Connection& c) { return app::load_salon(*ctx, c, 1); });
  }
  void set_step(int minutes) {
    db->write([&](sql::Connection& c) {
      auto s = store::catalogue::load_settings(c, 1);
      s.booking.slot_step_minutes = minutes;
      store::catalogue::save_settings(c, s, 1);
    });
  }

  std::unique_ptr<store::Database> db;
  std::unique_ptr<app::Context> ctx;
  domain::Id service_id = 0, staff_id = 0;
};

}  // namespace

TEST_F(SalonCacheTest, ReadsOnceWhileTheCatalogueStaysTheSame) {
  auto first = read();
  auto second = read();
  EXPECT_EQ(first.get(), second.get());  // the same object: nothing read again
  ASSERT_EQ(first->frame.staff.size(), 1u);
  EXPECT_EQ(first->frame.staff[0].staff_id, staff_id);
  EXPECT_EQ(ctx->salons->size(), 1u);
}

TEST_F(SalonCacheTest, SeesEveryKindOfCatalogueWriteAtOnce) {
  auto before = read();
  set_step(30);
  auto after_settings = read();
  EXPECT_NE(before.get(), after_settings.get());
  EXPECT_EQ(after_settings->settings.booking.slot_step_minutes, 30);

  db->write([&](sql::Connection& c) {
    auto s = *store::catalogue::find_service(c, service_id);
    s.duration_minutes = 45;
    store::catalogue::update_service(c, s);
  });
  EXPECT_EQ(read()->service(service_id)->duration_minutes, 45);

  db->write([&](sql::Connection& c) {
    auto s = *store::catalogue::find_staff(c, staff_id);
    s.hours = {{2, 10 * 60, 12 * 60, 1}};
    store::catalogue::update_staff(c, s, std::nullopt);
  });
  auto staff = read()->frame.staff;
  ASSERT_EQ(staff.size(), 1u);
  ASSERT_EQ(staff[0].hours.size(), 1u);
  EXPECT_EQ(staff[0].hours[0].weekday, 2);
  EXPECT_EQ(staff[0].hours[0].start_minute, 10 * 60);
}

TEST_F(SalonCacheTest, KeepsNothingReadAfterAWriteSoARollbackLeavesNoTrace) {
  read();
  // A transaction changes the step, reads its salon (and sees its own change), then fails.
  EXPECT_THROW(db->write([&](sql::Connection& c) {
                 auto s = store::catalogue::load_settings(c, 1);
                 s.booking.slot_step_minutes = 5;
                 store::catalogue::save_settings(c, s, 1);
                 EXPECT_EQ(app::load_salon(*ctx, c, 1)->settings.booking.slot_step_minutes, 5);
                 throw std::runtime_error("rolled back");
               }),
               std::runtime_error);
  EXPECT_EQ(read()->settings.booking.slot_step_minutes, 15);
  // The next committed change gets the version the rolled-back one had on SQLite: still read afresh.
  set_step(20);
  EXPECT_EQ(read()->settings.booking.slot_step_minutes, 20);
}

TEST_F(SalonCacheTest, AWriteTransactionUsesAndFillsTheCacheBeforeItWrites) {
  auto kept = read();
  auto in_booking = db->write([&](sql::Connection& c) { return app::load_salon(*ctx, c, 1); });
  EXPECT_EQ(kept.get(), in_booking.get());
  set_step(30);
  auto first = db->write([&](sql::Connection& c) { return app::load_salon(*ctx, c, 1); });
  EXPECT_EQ(first.get(), read().get());  // read before the transaction wrote: kept
}

TEST_F(SalonCacheTest, DropsTheLeastRecentlyUsedSalonWhenFull) {
  ctx->salons = std::make_shared<app::SalonCache>(1);
  db->write([](sql::Connection& c) {
    domain::SalonProfile second;
    second.name = "Lyon";
    second.slug = "lyon";
    return store::salons::insert(c, second, domain::from_epoch(1803891600));
  });
  auto one = read();
  EXPECT_EQ(read().get(), one.get());
  auto two = db->read([&](sql::Connection& c) { return app::load_salon(*ctx, c, 2); });
  EXPECT_EQ(two->profile.name, "Lyon");
  EXPECT_EQ(ctx->salons->size(), 1u);
  EXPECT_NE(read().get(), one.get());  // salon 1 was dropped for salon 2: read again
}
