#include "app/senders.hpp"

#include "app/delivery.hpp"
#include "codec/codec.hpp"
#include "domain/text.hpp"
#include "mime/mime.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace creneau::app::delivery {

using domain::host_of;
using domain::mail_domain;
using mime::one_line;

namespace {

long transfer_timeout_ms() { return std::min<long>(30000, static_cast<long>(lease_duration().count()) * 1000 / 2); }
long connect_timeout_ms() { return std::min<long>(10000, transfer_timeout_ms() / 2); }

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
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

}  // namespace

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

SmtpSender::SmtpSender(SmtpTarget target) : target_(std::move(target)) {}

Outcome SmtpSender::send(const store::outbox::Message& m, const std::string& sender_name, domain::Instant now) {
  mime::Email e;
  e.from_name = sender_name;
  e.from_address = target_.from;
  e.to = m.to;
  e.subject = m.subject;
  e.body = m.body;
  e.idempotency_key = m.idempotency_key;
  e.message_id = m.idempotency_key + "@" + domain_of(target_.from);
  e.date = now;
  e.calendar = m.attachment;
  return send_email(target_, m.to, mime::format_email(e));
}

SmsSender::SmsSender(std::string gateway_url) : gateway_(std::move(gateway_url)) {}

Outcome SmsSender::send(const store::outbox::Message& m, const std::string& /*sender_name*/, domain::Instant /*now*/) {
  return send_sms(gateway_, m);
}

}  // namespace creneau::app::delivery
