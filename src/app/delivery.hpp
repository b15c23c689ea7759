#pragma once
// The dispatcher: sends what the outbox holds, through one Sender per channel (app/senders.hpp: e-mail over
// SMTP, SMS as an HTTP POST to the gateway; tests inject their own). Never any network I/O inside a
// transaction: claim one due message with a lease (one short write; the lease is wall-clock time,
// CRENEAU_DELIVERY_LEASE_SECONDS, 2 minutes by default), send it (cut off at half the lease), record the result
// (another short write). Two dispatchers (threads or processes on one database) never hold one message at once;
// a message whose lease ran out (the process died mid-send) is due again, so none is lost, and the idempotency
// key travels as Message-ID / X-Idempotency-Key (e-mail) and Idempotency-Key (SMS) so the receiver can drop
// that rare repeat. A failed attempt is retried with a back-off, and given up after kMaxAttempts.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "store/outbox.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace creneau::app::delivery {

// After this many failed attempts a message is `failed` (kept, visible in the outbox).
constexpr int kMaxAttempts = 8;

// Back-off after `attempts` failed attempts (1, 2, …): 1 min, 2 min, 4 min … capped at 2 hours.
domain::Instant next_attempt(domain::Instant now, int attempts);

// How long a claim on a message lasts (wall-clock time); a transport cuts a transfer off at half of it.
std::chrono::seconds lease_duration();

struct Totals {
  int sent = 0;
  int failed = 0;  // attempts that failed (the message retried later or, after kMaxAttempts, failed)
};

// What one attempt gave.
struct Outcome {
  bool ok = false;
  std::string error;
};

// One channel's transport. Called outside any transaction; an exception counts as a failed attempt.
class Sender {
public:
  virtual ~Sender() = default;
  // `sender_name`: the salon the message speaks for (the From name of an e-mail); `now`: the jobs' time.
  virtual Outcome send(const store::outbox::Message& m, const std::string& sender_name, domain::Instant now) = 0;
};

// The transports by channel ("email", "sms"). A channel without one keeps its messages pending.
using Senders = std::map<std::string, Sender*>;

// Delivers every message due at `now` on the channels `senders` cover.
Totals dispatch(store::Database& db, const Senders& senders, domain::Instant now);

// The same with the transports configured (--smtp, --sms-gateway).
Totals run(Context& ctx, domain::Instant now);

// How many outbox messages each status holds (pending, sent, failed), for monitoring.
std::vector<std::pair<std::string, std::int64_t>> outbox_counts(Context& ctx);

}  // namespace creneau::app::delivery
