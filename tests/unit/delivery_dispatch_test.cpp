// The outbox dispatcher (app/delivery) with a fake transport on an in-memory SQLite database: a message sent,
// a failed attempt retried after its back-off, a message given up after kMaxAttempts, a channel left pending.
#include "app/delivery.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace creneau;
using app::delivery::Outcome;

namespace {

class FakeSender final : public app::delivery::Sender {
public:
  Outcome send(const store::outbox::Message& m, const std::string& sender_name, domain::Instant now) override {
    sent.push_back(m);
    names.push_back(sender_name);
    times.push_back(now);
    if (throws) throw std::runtime_error("boom");
    return ok ? Outcome{true, {}} : Outcome{false, "mailbox unavailable"};
  }
  bool ok = true, throws = false;
  std::vector<store::outbox::Message> sent;
  std::vector<std::string> names;
  std::vector<domain::Instant> times;
};

class Dispatch : public ::testing::Test {
protected:
  void SetUp() override { db = store::Database::open(":memory:", 1); }

  domain::Id enqueue(const std::string& channel, const std::string& to, const std::string& body = "Bonjour") {
    store::outbox::Message m;
    m.kind = "test";
    m.channel = channel;
    m.to = to;
    m.subject = "Sujet";
    m.body = body;
    m.attachment = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    m.created_at = t0;
    return db->write([&](sql::Connection& c) { return store::outbox::enqueue(c, m); });
  }
  store::outbox::Message find(domain::Id id) {
    return *db->read([&](sql::Connection& c) { return store::outbox::find(c, id); });
  }

  std::unique_ptr<store::Database> db;
  domain::Instant t0 = domain::from_epoch(1803891600);  // 2027-03-01 09:00 UTC
  FakeSender fake;
  app::delivery::Senders senders{{"email", &fake}};
};

}  // namespace

TEST_F(Dispatch, SendsWhatIsDueAndMarksItSent) {
  auto id = enqueue("email", "client@example.org", "Lien : https://salon.example/book/reset/5ec7e7123abc");
  auto totals = app::delivery::dispatch(*db, senders, t0);
  EXPECT_EQ(totals.sent, 1);
  EXPECT_EQ(totals.failed, 0);
  ASSERT_EQ(fake.sent.size(), 1u);
  EXPECT_EQ(fake.sent[0].to, "client@example.org");
  EXPECT_EQ(fake.sent[0].attachment, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_EQ(fake.times[0], t0);
  auto m = find(id);
  EXPECT_EQ(m.status, creneau::domain::MessageStatus::sent);
  EXPECT_EQ(m.body.find("5ec7e7123abc"), std::string::npos) << "the link's secret is masked once sent";
  // Nothing left to do.
  EXPECT_EQ(app::delivery::dispatch(*db, senders, t0).sent, 0);
  EXPECT_EQ(fake.sent.size(), 1u);
}

TEST_F(Dispatch, FailedAttemptIsRetriedAfterItsBackOff) {
  auto id = enqueue("email", "client@example.org");
  fake.ok = false;
  auto totals = app::delivery::dispatch(*db, senders, t0);
  EXPECT_EQ(totals.sent, 0);
  EXPECT_EQ(totals.failed, 1);
  auto m = find(id);
  EXPECT_EQ(m.status, creneau::domain::MessageStatus::pending);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.last_error, "mailbox unavailable");
  EXPECT_EQ(m.next_attempt_at, app::delivery::next_attempt(t0, 1));
  // Not due again before its back-off.
  EXPECT_EQ(app::delivery::dispatch(*db, senders, t0 + std::chrono::seconds(30)).failed, 0);
  EXPECT_EQ(fake.sent.size(), 1u);
  // Due again after it; this time it goes.
  fake.ok = true;
  EXPECT_EQ(app::delivery::dispatch(*db, senders, m.next_attempt_at).sent, 1);
  EXPECT_EQ(find(id).status, creneau::domain::MessageStatus::sent);
}

TEST_F(Dispatch, GivesUpAfterMaxAttempts) {
  auto id = enqueue("email", "client@example.org");
  fake.throws = true;  // an exception is a failed attempt too
  auto now = t0;
  for (int attempt = 1; attempt <= app::delivery::kMaxAttempts; ++attempt) {
    EXPECT_EQ(app::delivery::dispatch(*db, senders, now).failed, 1) << "attempt " << attempt;
    now = app::delivery::next_attempt(now, attempt);
  }
  auto m = find(id);
  EXPECT_EQ(m.status, creneau::domain::MessageStatus::failed);
  EXPECT_EQ(m.attempts, app::delivery::kMaxAttempts);
  EXPECT_EQ(m.last_error, "boom");
  EXPECT_EQ(app::delivery::dispatch(*db, senders, now + std::chrono::hours(24)).failed, 0);
  EXPECT_EQ(fake.sent.size(), static_cast<std::size_t>(app::delivery::kMaxAttempts));
}

TEST_F(Dispatch, NoRecipientFailsWithoutCallingTheTransport) {
  auto id = enqueue("email", "");
  EXPECT_EQ(app::delivery::dispatch(*db, senders, t0).failed, 1);
  EXPECT_TRUE(fake.sent.empty());
  EXPECT_EQ(find(id).last_error, "no recipient");
}

TEST_F(Dispatch, ChannelWithoutTransportStaysPending) {
  auto sms = enqueue("sms", "+33612345678");
  auto email = enqueue("email", "client@example.org");
  EXPECT_EQ(app::delivery::dispatch(*db, senders, t0).sent, 1);
  EXPECT_EQ(find(sms).status, creneau::domain::MessageStatus::pending);
  EXPECT_EQ(find(sms).attempts, 0);
  EXPECT_EQ(find(email).status, creneau::domain::MessageStatus::sent);
  // No transport at all: nothing is claimed.
  EXPECT_EQ(app::delivery::dispatch(*db, {}, t0).sent, 0);
}
