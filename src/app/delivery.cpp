#include "app/delivery.hpp"

#include "codec/codec.hpp"

#include "domain/ics.hpp"
#include "domain/messages.hpp"
#include "store/catalogue.hpp"
#include "store/salons.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace creneau::app::delivery {

namespace {

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
long transfer_timeout_ms() { return std::min<long>(30000, static_cast<long>(lease_duration().count()) * 1000 / 2); }
long connect_timeout_ms() { return std::min<long>(10000, transfer_timeout_ms() / 2); }

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Outcome {
  bool ok = false;
  std::string error;
};

// Header values never carry a line break (no header injection through a name or an address).
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

bool ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  auto authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

// A host name usable as the domain of an address; an IP address or nothing gives "localhost".
std::string mail_domain(const std::string& host) {
  bool letters = false;
  for (char c : host) letters = letters || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return letters && host.find(':') == std::string::npos ? host : "localhost";
}


struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, u->data->size() - u->pos);
  std::copy_n(u->data->data() + u->pos, n, buffer);
  u->pos += n;
  return n;
}

std::size_t keep_some(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() < 300) out->append(data, std::min(size * count, 300 - out->size()));
  return size * count;
}

struct Curl {
  CURL* h;
  Curl() : h(curl_easy_init()) {}
  ~Curl() {
    if (h) curl_easy_cleanup(h);
  }
  Curl(const Curl&) = delete;
  Curl& operator=(const Curl&) = delete;
};

struct Slist {
  curl_slist* list = nullptr;
  ~Slist() { curl_slist_free_all(list); }
  void add(const std::string& s) { list = curl_slist_append(list, s.c_str()); }
};

Outcome send_email(const SmtpTarget& target, const std::string& to, const std::string& message) {
  curl_init_once();
  Curl curl;
  if (!curl.h) return {false, "libcurl failed to start"};
  char error[CURL_ERROR_SIZE] = {0};
  Upload upload{&message};
  Slist recipients;
  recipients.add("<" + one_line(to) + ">");
  std::string from = "<" + one_line(target.from) + ">";
  curl_easy_setopt(curl.h, CURLOPT_URL, target.url.c_str());
  curl_easy_setopt(curl.h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.h, CURLOPT_MAIL_RCPT, recipients.list);
  curl_easy_setopt(curl.h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.h, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms());
  curl_easy_setopt(curl.h, CURLOPT_TIMEOUT_MS, transfer_timeout_ms());
  if (target.starttls) curl_easy_setopt(curl.h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (target.insecure) {
    curl_easy_setopt(curl.h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl.h, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  auto rc = curl_easy_perform(curl.h);
  if (rc == CURLE_OK) return {true, {}};
  return {false, std::string("SMTP: ") + (error[0] ? error : curl_easy_strerror(rc))};
}

Outcome send_sms(const std::string& gateway, const store::outbox::Message& m) {
  curl_init_once();
  Curl curl;
  if (!curl.h) return {false, "libcurl failed to start"};
  char error[CURL_ERROR_SIZE] = {0};
  std::string body = "{\"to\":" + codec::json_quote(m.to) + ",\"body\":" + codec::json_quote(m.body) + "}";
  std::string reply;
  Slist headers;
  headers.add("Content-Type: application/json; charset=utf-8");
  headers.add("Idempotency-Key: " + one_line(m.idempotency_key));
  headers.add("X-Idempotency-Key: " + one_line(m.idempotency_key));
  curl_easy_setopt(curl.h, CURLOPT_URL, gateway.c_str());
  curl_easy_setopt(curl.h, CURLOPT_POST, 1L);
  curl_easy_setopt(curl.h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.h, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl.h, CURLOPT_WRITEFUNCTION, keep_some);
  curl_easy_setopt(curl.h, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(curl.h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.h, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms());
  curl_easy_setopt(curl.h, CURLOPT_TIMEOUT_MS, transfer_timeout_ms());
  auto rc = curl_easy_perform(curl.h);
  if (rc != CURLE_OK) return {false, std::string("SMS gateway: ") + (error[0] ? error : curl_easy_strerror(rc))};
  long status = 0;
  curl_easy_getinfo(curl.h, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, {}};
  return {false, "SMS gateway: HTTP " + std::to_string(status) + (reply.empty() ? "" : ": " + one_line(reply))};
}

void log_line(const char* level, const std::string& msg, const store::outbox::Message& m) {
  std::fprintf(stderr, "{\"level\":\"%s\",\"msg\":%s,\"outbox_id\":%lld,\"channel\":\"%s\",\"attempt\":%d}\n", level,
               codec::json_quote(msg).c_str(), static_cast<long long>(m.id), m.channel.c_str(), m.attempts + 1);
}

}  // namespace

domain::Instant next_attempt(domain::Instant now, int attempts) {
  int shift = std::clamp(attempts - 1, 0, 7);
  auto wait = std::min<std::chrono::minutes>(std::chrono::minutes(1) * (1 << shift), std::chrono::hours(2));
  return now + wait;
}

// libsodium does the encoding; MIME wants lines of at most 76 characters, CRLF-separated (0: one line).
std::string base64(std::string_view in, std::size_t line_length) {
  std::string flat(sodium_base64_encoded_len(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(flat.data(), flat.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  flat.pop_back();  // the terminating NUL
  if (line_length == 0) return flat;
  std::string out;
  out.reserve(flat.size() + flat.size() / line_length * 2);
  for (std::size_t i = 0; i < flat.size(); i += line_length) {
    if (i) out += "\r\n";
    out.append(flat, i, line_length);
  }
  return out;
}

std::string encode_header(std::string_view text) {
  std::string clean = one_line(text);
  if (ascii(clean) && clean.size() <= 900) return clean;
  // Encoded words of at most 45 octets of text (60 base64 characters, 72 with the markers), cut between
  // UTF-8 characters, folded onto continuation lines.
  std::string out;
  std::size_t i = 0;
  while (i < clean.size()) {
    std::size_t end = std::min(clean.size(), i + 45);
    while (end < clean.size() && end > i && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(i, end - i), 0) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(domain::Instant t) {
  static const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto secs = domain::to_epoch(t);
  auto day_count = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  auto rest = secs - day_count * 86400;
  domain::LocalDate d{static_cast<std::int32_t>(day_count)};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", days[d.weekday() - 1], d.day(),
                months[d.month() - 1], d.year(), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

std::string format_email(const Email& e) {
  std::string from_name = one_line(e.from_name);
  std::string h;
  if (from_name.empty()) {
    h += "From: <" + one_line(e.from_address) + ">\r\n";
  } else if (ascii(from_name)) {
    std::string quoted;
    for (char c : from_name) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      quoted.push_back(c);
    }
    h += "From: \"" + quoted + "\" <" + one_line(e.from_address) + ">\r\n";
  } else {
    h += "From: " + encode_header(from_name) + " <" + one_line(e.from_address) + ">\r\n";
  }
  h += "To: <" + one_line(e.to) + ">\r\n";
  h += "Subject: " + encode_header(e.subject) + "\r\n";
  h += "Date: " + rfc5322_date(e.date) + "\r\n";
  h += "Message-ID: <" + one_line(e.message_id) + ">\r\n";
  h += "X-Idempotency-Key: " + one_line(e.idempotency_key) + "\r\n";
  h += "Auto-Submitted: auto-generated\r\n";
  h += "MIME-Version: 1.0\r\n";
  // Text is encoded in its canonical form: CRLF line breaks (RFC 2045 §6.8).
  std::string canonical;
  canonical.reserve(e.body.size() + e.body.size() / 40);
  for (std::size_t i = 0; i < e.body.size(); ++i) {
    if (e.body[i] == '\n' && (i == 0 || e.body[i - 1] != '\r')) canonical.push_back('\r');
    canonical.push_back(e.body[i]);
  }
  std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64(canonical) + "\r\n";
  if (e.calendar.empty()) return h + text_part;
  // "=_" cannot occur in base64, so the boundary never appears inside a part.
  std::string boundary = "=_creneau_";
  for (char c : e.idempotency_key)
    boundary.push_back((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
  boundary = boundary.substr(0, 60);
  h += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  h += "This is a multi-part message in MIME format.\r\n";
  h += "--" + boundary + "\r\n" + text_part;
  h += "--" + boundary + "\r\n";
  // The part's method repeats the calendar's own METHOD line (PUBLISH, or CANCEL for a cancellation).
  std::string method = e.calendar.find("\r\nMETHOD:CANCEL\r\n") != std::string::npos ? "CANCEL" : "PUBLISH";
  h += "Content-Type: text/calendar; charset=UTF-8; method=" + method + "; name=\"rendez-vous.ics\"\r\n";
  h += "Content-Disposition: attachment; filename=\"rendez-vous.ics\"\r\n";
  h += "Content-Transfer-Encoding: base64\r\n\r\n";
  h += base64(e.calendar) + "\r\n";
  h += "--" + boundary + "--\r\n";
  return h;
}

SmtpTarget parse_smtp_url(const std::string& url, const std::string& public_url) {
  SmtpTarget t;
  std::string base = url, query;
  if (auto q = url.find('?'); q != std::string::npos) {
    base = url.substr(0, q);
    query = url.substr(q + 1);
  }
  if (base.rfind("smtp+starttls://", 0) == 0) {
    base = "smtp://" + base.substr(16);
    t.starttls = true;
  }
  for (std::size_t i = 0; i < query.size();) {
    auto amp = query.find('&', i);
    auto pair = query.substr(i, amp == std::string::npos ? std::string::npos : amp - i);
    auto eq = pair.find('=');
    auto key = pair.substr(0, eq);
    auto value = eq == std::string::npos ? std::string("1") : pair.substr(eq + 1);
    bool on = value == "1" || value == "true" || value == "yes" || value == "required";
    if (key == "from") {
      std::string decoded;
      for (std::size_t k = 0; k < value.size(); ++k) {
        if (value[k] == '%' && k + 2 < value.size()) {
          decoded.push_back(static_cast<char>(std::stoi(value.substr(k + 1, 2), nullptr, 16)));
          k += 2;
        } else {
          decoded.push_back(value[k]);
        }
      }
      t.from = decoded;
    } else if (key == "starttls" || key == "tls") {
      t.starttls = on;
    } else if (key == "insecure") {
      t.insecure = on;
    }
    if (amp == std::string::npos) break;
    i = amp + 1;
  }
  t.url = base;
  if (t.from.empty()) {
    if (const char* env = std::getenv("CRENEAU_MAIL_FROM"); env && *env) t.from = env;
  }
  if (t.from.empty()) t.from = "no-reply@" + mail_domain(host_of(public_url));
  return t;
}

std::string visit_ics(const Context& ctx, const domain::Appointment& a, const domain::VisitSummary& v,
                      domain::Instant now, bool cancelled) {
  auto e = domain::visit_event(v, a.span);
  // One UID per appointment for its whole life; each later version carries a higher SEQUENCE (a.ics_sequence,
  // bumped by every move and by the cancellation), so calendars update or remove the event they hold.
  e.uid = "appointment-" + std::to_string(a.id) + "@" + mail_domain(host_of(ctx.public_url));
  e.stamp = now;
  e.sequence = a.ics_sequence;
  e.cancelled = cancelled;
  return domain::ics_event(e);
}

Totals run(Context& ctx, domain::Instant now) {
  Totals totals;
  std::vector<std::string> channels;
  if (!ctx.delivery.smtp_url.empty()) channels.push_back("email");
  if (!ctx.delivery.sms_gateway_url.empty()) channels.push_back("sms");
  if (channels.empty()) return totals;

  // The sender's name is the message's salon (salon 1 for network-wide messages such as password resets).
  auto names = ctx.db.read([](sql::Connection& c) {
    std::map<domain::Id, std::string> out;
    for (const auto& s : store::salons::list(c)) out[s.id] = s.name;
    return out;
  });
  SmtpTarget smtp;
  if (!ctx.delivery.smtp_url.empty()) smtp = parse_smtp_url(ctx.delivery.smtp_url, ctx.public_url);

  // One message claimed at a time: a crash leaves at most the one in flight to be sent again. Bounded, so one
  // run cannot hold the jobs for ever when a queue is very long; the next run goes on.
  for (int round = 0; round < 1000; ++round) {
    auto batch = ctx.db.write([&](sql::Connection& c) {
      auto wall = domain::now();
      return store::outbox::claim(c, now, wall, wall + lease_duration(), 1, channels);
    });
    if (batch.empty()) break;
    for (const auto& m : batch) {
      Outcome outcome;
      try {
        if (m.to.empty()) {
          outcome = {false, "no recipient"};
        } else if (m.channel == "email") {
          Email e;
          e.from_name = names[m.salon_id.value_or(1)];
          e.from_address = smtp.from;
          e.to = m.to;
          e.subject = m.subject;
          e.body = m.body;
          e.idempotency_key = m.idempotency_key;
          e.message_id = m.idempotency_key + "@" + domain_of(smtp.from);
          e.date = now;
          e.calendar = m.attachment;
          outcome = send_email(smtp, m.to, format_email(e));
        } else if (m.channel == "sms") {
          outcome = send_sms(ctx.delivery.sms_gateway_url, m);
        } else {
          outcome = {false, "unknown channel " + m.channel};
        }
      } catch (const std::exception& ex) {
        outcome = {false, ex.what()};
      }
      if (outcome.ok) {
        ctx.db.write([&](sql::Connection& c) { store::outbox::mark_sent(c, m.id, now, domain::mask_link_tokens(m.body)); });
        ++totals.sent;
      } else {
        bool give_up = m.attempts + 1 >= kMaxAttempts;
        ctx.db.write([&](sql::Connection& c) {
          store::outbox::mark_attempt_failed(c, m.id, outcome.error, next_attempt(now, m.attempts + 1), give_up);
        });
        log_line(give_up ? "error" : "warn", outcome.error, m);
        ++totals.failed;
      }
    }
  }
  return totals;
}

std::vector<std::pair<std::string, std::int64_t>> outbox_counts(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::outbox::count_by_status(c); });
}

}  // namespace creneau::app::delivery
