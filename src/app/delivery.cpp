#include "app/delivery.hpp"

#include "app/senders.hpp"
#include "codec/codec.hpp"
#include "domain/messages.hpp"
#include "store/salons.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

namespace creneau::app::delivery {

namespace {

void log_line(const char* level, const std::string& msg, const store::outbox::Message& m) {
  std::fprintf(stderr, "{\"level\":\"%s\",\"msg\":%s,\"outbox_id\":%lld,\"channel\":\"%s\",\"attempt\":%d}\n", level,
               codec::json_quote(msg).c_str(), static_cast<long long>(m.id), m.channel.c_str(), m.attempts + 1);
}

}  // namespace

// How long a claim on a message lasts, in wall-clock time (it is about a process being alive, not about the jobs'
// `now`, which operators and tests may set). A transfer is cut off at half of it, so a live dispatcher always
// records its result before its claim runs out; a dead one's claim runs out after this.
// CRENEAU_DELIVERY_LEASE_SECONDS overrides the default of 2 minutes (tests use a few seconds).
std::chrono::seconds lease_duration() {
  static const auto value = [] {
    long seconds = 120;
    if (const char* env = std::getenv("CRENEAU_DELIVERY_LEASE_SECONDS"); env && *env) {
      try {
        seconds = std::stol(env);
      } catch (const std::exception&) {
      }
    }
    return std::chrono::seconds(std::clamp(seconds, 2L, 3600L));
  }();
  return value;
}

domain::Instant next_attempt(domain::Instant now, int attempts) {
  int shift = std::clamp(attempts - 1, 0, 7);
  auto wait = std::min<std::chrono::minutes>(std::chrono::minutes(1) * (1 << shift), std::chrono::hours(2));
  return now + wait;
}

Totals dispatch(store::Database& db, const Senders& senders, domain::Instant now) {
  Totals totals;
  std::vector<std::string> channels;
  for (const auto& [channel, sender] : senders)
    if (sender) channels.push_back(channel);
  if (channels.empty()) return totals;

  // The sender's name is the message's salon (salon 1 for network-wide messages such as password resets).
  auto names = db.read([](sql::Connection& c) {
    std::map<domain::Id, std::string> out;
    for (const auto& s : store::salons::list(c)) out[s.id] = s.name;
    return out;
  });

  // One message claimed at a time: a crash leaves at most the one in flight to be sent again. Bounded, so one
  // run cannot hold the jobs for ever when a queue is very long; the next run goes on.
  for (int round = 0; round < 1000; ++round) {
    auto batch = db.write([&](sql::Connection& c) {
      auto wall = domain::now();
      return store::outbox::claim(c, now, wall, wall + lease_duration(), 1, channels);
    });
    if (batch.empty()) break;
    for (const auto& m : batch) {
      Outcome outcome;
      try {
        auto sender = senders.find(m.channel);
        if (m.to.empty()) {
          outcome = {false, "no recipient"};
        } else if (sender != senders.end() && sender->second) {
          outcome = sender->second->send(m, names[m.salon_id.value_or(1)], now);
        } else {
          outcome = {false, "unknown channel " + m.channel};
        }
      } catch (const std::exception& ex) {
        outcome = {false, ex.what()};
      }
      if (outcome.ok) {
        db.write([&](sql::Connection& c) { store::outbox::mark_sent(c, m.id, now, domain::mask_link_tokens(m.body)); });
        ++totals.sent;
      } else {
        bool give_up = m.attempts + 1 >= kMaxAttempts;
        db.write([&](sql::Connection& c) {
          store::outbox::mark_attempt_failed(c, m.id, outcome.error, next_attempt(now, m.attempts + 1), give_up);
        });
        log_line(give_up ? "error" : "warn", outcome.error, m);
        ++totals.failed;
      }
    }
  }
  return totals;
}

Totals run(Context& ctx, domain::Instant now) {
  std::optional<SmtpSender> smtp;
  std::optional<SmsSender> sms;
  Senders senders;
  if (!ctx.delivery.smtp_url.empty()) senders["email"] = &smtp.emplace(parse_smtp_url(ctx.delivery.smtp_url, ctx.public_url));
  if (!ctx.delivery.sms_gateway_url.empty()) senders["sms"] = &sms.emplace(ctx.delivery.sms_gateway_url);
  return dispatch(ctx.db, senders, now);
}

std::vector<std::pair<std::string, std::int64_t>> outbox_counts(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::outbox::count_by_status(c); });
}

}  // namespace creneau::app::delivery
