#pragma once
// Periodic jobs: reminders, birthday messages, outbox delivery. The server runs them every minute;
// POST /api/jobs/run runs them as of a given instant (operators, tests).
#include "app/context.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace creneau::app::jobs {

struct Report {
  int reminders = 0;  // reminder messages enqueued
  int birthdays = 0;  // birthday messages enqueued
  int sent = 0;       // messages delivered
  int failed = 0;     // delivery attempts that failed
  int erased = 0;     // client files erased by the retention rule
};

// Reminders, then birthdays, then delivery, as of `now`; one run at a time per process. With `daily`, the daily
// job too: the retention rule (files kept longer than the network's retention_years are erased).
Report run(Context& ctx, domain::Instant now, bool daily = true);

// Reminder messages for approved or pending appointments starting within settings.reminder_hours of `now`:
// one per appointment (every service, the total duration), written once for its current start, so a moved
// appointment is reminded of its new time only and a cancelled one not at all. Returns how many.
int enqueue_reminders(Context& ctx, domain::Instant now);

class Scheduler {
public:
  explicit Scheduler(Context& ctx) : ctx_(ctx) {}
  ~Scheduler() { stop(); }
  void start();
  void stop();

private:
  Context& ctx_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::int64_t last_daily_ = -1;  // the UTC day the daily job last ran
};

}  // namespace creneau::app::jobs
