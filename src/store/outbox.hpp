#pragma once
// The outbox: every message is written in the transaction of the change that causes it, then delivered.
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
  std::string status = "pending";
  int attempts = 0;
  std::optional<Id> appointment_id, client_id;
  domain::Instant created_at{};
  std::optional<domain::Instant> sent_at;
  domain::Instant next_attempt_at{};
  std::string last_error;
  std::string idempotency_key;
  std::string attachment;  // e.g. an iCalendar file for confirmations
};

Id enqueue(sql::Connection& c, Message& m);

struct Filter {
  std::optional<std::string> kind, status;
  std::optional<Id> appointment_id, client_id;
  int limit = 50, offset = 0;
};
std::vector<Message> list(sql::Connection& c, const Filter& f, std::int64_t& total);

// Up to `limit` messages due at `now`, oldest first.
std::vector<Message> due(sql::Connection& c, domain::Instant now, int limit);
void mark_sent(sql::Connection& c, Id id, domain::Instant at);
void mark_attempt_failed(sql::Connection& c, Id id, const std::string& error, domain::Instant next_attempt, bool give_up);

}  // namespace creneau::store::outbox
