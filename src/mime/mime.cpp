#include "mime/mime.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

namespace creneau::mime {

namespace {

bool ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

// Header values never carry a line break (no header injection through a name or an address).
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
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

}  // namespace creneau::mime
