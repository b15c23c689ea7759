#pragma once
// The transports of the dispatcher (app/delivery.hpp), over libcurl: e-mail over SMTP (the message formatted by
// mime/mime.hpp), SMS as an HTTP POST of JSON {"to","body"} to the gateway. Each transfer is cut off at half
// the dispatcher's lease.
#include "app/delivery.hpp"

#include <string>

namespace creneau::app::delivery {

struct SmtpTarget {
  std::string url;           // what libcurl gets: smtp[s]://[user:pass@]host:port[/domain]
  bool starttls = false;     // require STARTTLS on smtp://
  bool insecure = false;     // do not verify the server certificate (development only)
  std::string from;          // sender address
};
// --smtp smtp://[user:pass@]host:port[?from=addr&starttls=1&insecure=1]; smtps:// for TLS from the start,
// smtp+starttls:// as a shorthand. Without from=: CRENEAU_MAIL_FROM, else no-reply@<public host>.
SmtpTarget parse_smtp_url(const std::string& url, const std::string& public_url);

// E-mail: the salon's name as the From name, the target's address; Message-ID <key@from's domain>, the
// message's attachment as a text/calendar part.
class SmtpSender final : public Sender {
public:
  explicit SmtpSender(SmtpTarget target);
  Outcome send(const store::outbox::Message& m, const std::string& sender_name, domain::Instant now) override;

private:
  SmtpTarget target_;
};

// SMS: POST {"to","body"} with Idempotency-Key; any 2xx is sent.
class SmsSender final : public Sender {
public:
  explicit SmsSender(std::string gateway_url);
  Outcome send(const store::outbox::Message& m, const std::string& sender_name, domain::Instant now) override;

private:
  std::string gateway_;
};

}  // namespace creneau::app::delivery
