#pragma once
// E-mail messages as text (RFC 5322 + MIME), pure: no network, no clock. UTF-8 headers as RFC 2047 encoded
// words, parts in base64 (so no line is ever longer than 76 characters and no dot-stuffing concern reaches the
// body: SMTP's transparency is libcurl's job), CRLF line ends throughout.
#include "domain/time.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace creneau::mime {

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
std::string encode_header(std::string_view text);
// "Mon, 01 Mar 2027 09:00:00 +0000"
std::string rfc5322_date(domain::Instant t);
// Base64 in lines of `line_length` characters, CRLF-separated (0: one line).
std::string base64(std::string_view in, std::size_t line_length = 76);
// Header values never carry a line break (no header injection through a name or an address): CR and LF → space.
std::string one_line(std::string_view s);

}  // namespace creneau::mime
