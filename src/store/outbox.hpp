#pragma once
// The outbox: every message is written in the transaction of the change that causes it, then delivered.
// Delivery claims a message with a lease (a short write), sends it outside any transaction, then records the
// result (another short write). A lease that runs out (the process died mid-send) makes the message due again:
// at-least-once, with the idempotency key travelling in the headers so a receiver can drop a repeat.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::outbox {

using domain::Id;

struct Message {
  Id id = 0;
  std::string kind, channel, to, subject, body;
  domain::MessageStatus status = domain::MessageStatus::pending;
  int attempts = 0;
  std::optional<Id> appointment_id, client_id;
  domain::Instant created_at{};
  std::optional<domain::Instant> sent_at;
  domain::Instant next_attempt_at{};
  std::string last_error;
  std::string idempotency_key;  // unique per message; a random one when left empty
  std::string attachment;       // e.g. an iCalendar file for confirmations
  domain::Instant lease_until{};  // claimed by a dispatcher until then (0: not claimed)
  std::optional<Id> salon_id;     // the salon it speaks for; left empty: the appointment's (none: network-wide)
};

// Writes `m` as pending, due at once (next_attempt_at = created_at). Sets m.id and m.idempotency_key.
Id enqueue(sql::Connection& c, Message& m);

struct Filter {
  std::optional<std::string> kind;
  std::optional<domain::MessageStatus> status;
  std::optional<Id> appointment_id, client_id, salon_id;
  std::optional<std::vector<Id>> salon_ids;  // any of these salons (a manager's)
  bool network_wide_too = false;             // with salon_ids: also the messages of no salon (password resets…)
  int limit = 50, offset = 0;
};
std::vector<Message> list(sql::Connection& c, const Filter& f, std::int64_t& total);

// How many messages each status holds (pending, sent, failed; absent statuses answer 0), for /metrics.
std::vector<std::pair<std::string, std::int64_t>> count_by_status(sql::Connection& c);

// Up to `limit` messages due at `due_at` (pending, next attempt reached) and not claimed at `wall_now` (no lease
// running then), oldest first. `channels` empty: every channel. Leases are wall-clock time (process liveness);
// `due_at` is the jobs' time, which operators and tests may set.
std::vector<Message> due(sql::Connection& c, domain::Instant due_at, domain::Instant wall_now, int limit,
                         const std::vector<std::string>& channels = {});
// Claims the messages `due` returns until `lease_until`; answers those claimed. Call inside a write.
std::vector<Message> claim(sql::Connection& c, domain::Instant due_at, domain::Instant wall_now,
                           domain::Instant lease_until, int limit, const std::vector<std::string>& channels);
// Results of one attempt; both release the lease. They change nothing if the message is no longer pending.
// `body_at_rest`: what the outbox keeps of the body from now on (links that act as the client masked).
void mark_sent(sql::Connection& c, Id id, domain::Instant at, const std::string& body_at_rest);
void mark_attempt_failed(sql::Connection& c, Id id, const std::string& error, domain::Instant next_attempt,
                         bool give_up);

std::optional<Message> find(sql::Connection& c, Id id);
// A failed message made pending again, due at `now`, with its attempts and error cleared (the same key: it is the
// same message, sent again).
void requeue(sql::Connection& c, Id id, domain::Instant now);

// Reminders: approved or pending appointments starting in (now, until] whose reminder was not written for their
// current start (appointments.reminder_for), soonest first.
std::vector<Id> due_reminders(sql::Connection& c, domain::Instant now, domain::Instant until, int limit, Id salon_id);
// Records that the reminder of appointment `id` was written for its start `start`.
void mark_reminded(sql::Connection& c, Id id, domain::Instant start);

}  // namespace creneau::store::outbox
