#include "app/jobs.hpp"

#include <cstdio>

namespace creneau::app::jobs {

Report run(Context& ctx, domain::Instant now) {
  (void)ctx;
  (void)now;
  Report r;
  return r;
}

void Scheduler::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        run(ctx_, ctx_.now());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"jobs failed\",\"what\":\"%s\"}\n", e.what());
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
