#pragma once
// The dispatcher: sends what the outbox holds. E-mail over SMTP (libcurl), SMS as an HTTP POST of JSON
// {"to","body"} to the gateway. Never any network I/O inside a transaction: claim one due message with a lease
// (one short write; the lease is wall-clock time, CRENEAU_DELIVERY_LEASE_SECONDS, 2 minutes by default), send it
// (cut off at half the lease), record the result (another short write). Two dispatchers (threads or processes on
// one database) never hold one message at once; a message whose lease ran out (the process died mid-send) is due
// again, so none is lost, and the idempotency key travels as Message-ID / X-Idempotency-Key (e-mail) and
// Idempotency-Key (SMS) so the receiver can drop that rare repeat.
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/messages.hpp"
#include "domain/model.hpp"
#include "store/outbox.hpp"

#include <string>
#include <string_view>

namespace creneau::app::delivery {

// After this many failed attempts a message is `failed` (kept, visible in the outbox).
constexpr int kMaxAttempts = 8;

// Back-off after `attempts` failed attempts (1, 2, …): 1 min, 2 min, 4 min … capped at 2 hours.
domain::Instant next_attempt(domain::Instant now, int attempts);

struct Totals {
  int sent = 0;
  int failed = 0;  // attempts that failed (the message retried later or, after kMaxAttempts, failed)
};
// Delivers every message due at `now` on the channels configured (--smtp, --sms-gateway). A channel without
// a transport keeps its messages pending.
Totals run(Context& ctx, domain::Instant now);

// The iCalendar attachment of a message about appointment `a` (summary `v`): its UID, its ics_sequence, and
// STATUS:CANCELLED / METHOD:CANCEL when `cancelled`.
std::string visit_ics(const Context& ctx, const domain::Appointment& a, const domain::VisitSummary& v,
                      domain::Instant now, bool cancelled = false);

// How many outbox messages each status holds (pending, sent, failed), for monitoring.
std::vector<std::pair<std::string, std::int64_t>> outbox_counts(Context& ctx);

// ---- building blocks, exposed for tests ----

struct Email {
  std::string from_name, from_address, to;
  std::string subject, body;
  std::string message_id;   // without angle brackets: "key@domain"
  std::string idempotency_key;
  domain::Instant date{};
  std::string calendar;     // .ics text; empty = no attachment
};
// A complete RFC 5322 message with CRLF line ends: MIME, UTF-8 headers as RFC 2047 encoded words, base64 parts.
std::string format_email(const Email& e);
// RFC 2047 "B" encoded words for a header value when it is not plain ASCII, folded when long.
std::string encode_header(std::string_view utf8);
// "Mon, 01 Mar 2027 09:00:00 +0000"
std::string rfc5322_date(domain::Instant t);
std::string base64(std::string_view bytes, std::size_t line_length = 76);

struct SmtpTarget {
  std::string url;           // what libcurl gets: smtp[s]://[user:pass@]host:port[/domain]
  bool starttls = false;     // require STARTTLS on smtp://
  bool insecure = false;     // do not verify the server certificate (development only)
  std::string from;          // sender address
};
// --smtp smtp://[user:pass@]host:port[?from=addr&starttls=1&insecure=1]; smtps:// for TLS from the start,
// smtp+starttls:// as a shorthand. Without from=: CRENEAU_MAIL_FROM, else no-reply@<public host>.
SmtpTarget parse_smtp_url(const std::string& url, const std::string& public_url);

}  // namespace creneau::app::delivery
