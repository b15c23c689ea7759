#include "app/jobs.hpp"

#include "app/clients.hpp"
#include "app/delivery.hpp"
#include "app/notify.hpp"
#include "app/privacy.hpp"
#include "app/salon.hpp"
#include "codec/codec.hpp"
#include "domain/messages.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/outbox.hpp"
#include "store/salons.hpp"

#include <cstdio>

namespace creneau::app::jobs {

namespace {

// One run at a time in this process (the scheduler and POST /api/jobs/run): a message claimed here is always
// released before the next run looks, so only a crash leaves a lease to expire.
std::mutex& run_mutex() {
  static std::mutex m;
  return m;
}

void log_failure(const char* job, const std::exception& e) {
  std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"job failed\",\"job\":\"%s\",\"what\":%s}\n", job,
               codec::json_quote(e.what()).c_str());
}

constexpr int kReminderBatch = 200;

int enqueue_reminders_at(Context& ctx, domain::Instant now, domain::Id salon_id) {
  int total = 0;
  for (;;) {
    int batch = ctx.db.write([&](sql::Connection& c) {
      const auto salon_ref = load_salon(ctx, c, salon_id);
      const Salon& salon = *salon_ref;
      const auto& settings = salon.settings;
      if (settings.reminder_hours <= 0) return 0;
      auto until = now + std::chrono::hours(settings.reminder_hours);
      auto ids = store::outbox::due_reminders(c, now, until, kReminderBatch, salon_id);
      for (auto id : ids) {
        auto a = store::appointments::find(c, id);
        if (!a) continue;
        auto client = store::clients::find(c, a->client_id, now);
        // One reminder per appointment, whatever its number of lines: by e-mail, by SMS when there is no e-mail.
        bool sms = client && client->email.empty();
        auto summary = notify::summarize(c, *a, salon);
        notify::to_client(c, now, "reminder", a->client_id, domain::reminder_text(summary), a->id, sms);
        store::outbox::mark_reminded(c, id, a->span.start);
      }
      return static_cast<int>(ids.size());
    });
    total += batch;
    if (batch < kReminderBatch) break;
  }
  return total;
}

}  // namespace

// Salon by salon: each has its own reminder delay.
int enqueue_reminders(Context& ctx, domain::Instant now) {
  int total = 0;
  auto salon_ids = ctx.db.read([](sql::Connection& c) {
    std::vector<domain::Id> ids;
    for (const auto& s : store::salons::list(c)) ids.push_back(s.id);
    return ids;
  });
  for (auto salon_id : salon_ids) total += enqueue_reminders_at(ctx, now, salon_id);
  return total;
}

Report run(Context& ctx, domain::Instant now, bool daily) {
  std::lock_guard lock(run_mutex());
  Report r;
  if (daily) {
    try {
      r.erased = privacy::erase_expired(ctx, now);
    } catch (const std::exception& e) {
      log_failure("retention", e);
    }
  }
  try {
    r.reminders = enqueue_reminders(ctx, now);
  } catch (const std::exception& e) {
    log_failure("reminders", e);
  }
  try {
    r.birthdays = clients::enqueue_birthdays(ctx, now);
  } catch (const std::exception& e) {
    log_failure("birthdays", e);
  }
  try {
    auto t = delivery::run(ctx, now);
    r.sent = t.sent;
    r.failed = t.failed;
  } catch (const std::exception& e) {
    log_failure("delivery", e);
  }
  return r;
}

void Scheduler::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        // Every minute; the daily job once per day (the first run of the day).
        auto now = ctx_.now();
        auto day = domain::to_epoch(now) / 86400;
        run(ctx_, now, day != last_daily_);
        last_daily_ = day;
      } catch (const std::exception& e) {
        log_failure("all", e);
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace creneau::app::jobs
