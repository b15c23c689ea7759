// E-mail formatting (src/mime): what the SMTP transport sends, checked as text.
#include "mime/mime.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

using namespace creneau;

namespace {

std::string decode_base64(std::string_view in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : in) {
    if (c == '=' || c == '\r' || c == '\n') continue;
    auto at = alphabet.find(c);
    if (at == std::string::npos) ADD_FAILURE() << "not base64: " << c;
    bits = (bits << 6) | static_cast<unsigned>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

std::vector<std::string> split_crlf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, at - start));
    start = at + 2;
  }
  lines.push_back(text.substr(start));
  return lines;
}

// The decoded text of a header made of "=?UTF-8?B?…?=" words folded onto continuation lines.
std::string decode_words(const std::string& value) {
  std::string out;
  for (const auto& raw : split_crlf(value)) {
    std::string_view w = raw;
    if (!w.empty() && w.front() == ' ') w.remove_prefix(1);
    EXPECT_EQ(w.substr(0, 10), "=?UTF-8?B?");
    EXPECT_EQ(w.substr(w.size() - 2), "?=");
    EXPECT_LE(w.size(), 75u) << "an encoded word is at most 75 characters (RFC 2047)";
    out += decode_base64(w.substr(10, w.size() - 12));
  }
  return out;
}

mime::Email sample() {
  mime::Email e;
  e.from_name = "Salon Lumière";
  e.from_address = "no-reply@salon.example";
  e.to = "helene@example.org";
  e.subject = "Votre rendez-vous est confirmé";
  e.body = "Bonjour Hélène,\nÀ bientôt !\n";
  e.message_id = "key-1@salon.example";
  e.idempotency_key = "key-1";
  e.date = domain::from_epoch(1803891600);  // 2027-03-01 09:00:00 UTC
  return e;
}

// The body of the part whose headers contain `marker`, base64-decoded.
std::string part_body(const std::string& message, std::string_view marker) {
  auto at = message.find(marker);
  EXPECT_NE(at, std::string::npos) << marker;
  auto start = message.find("\r\n\r\n", at) + 4;
  auto end = message.find("\r\n--", start);
  if (end == std::string::npos) end = message.size();
  return decode_base64(message.substr(start, end - start));
}

}  // namespace

TEST(Mime, AsciiHeaderPassesUnchanged) { EXPECT_EQ(mime::encode_header("Your booking"), "Your booking"); }

TEST(Mime, FrenchAccentsBecomeAnEncodedWord) {
  EXPECT_EQ(mime::encode_header("Réservation confirmée"), "=?UTF-8?B?UsOpc2VydmF0aW9uIGNvbmZpcm3DqWU=?=");
}

TEST(Mime, LongAccentedHeaderFoldsBetweenCharacters) {
  std::string subject;
  for (int i = 0; i < 12; ++i) subject += "Créneau déplacé à ";
  auto encoded = mime::encode_header(subject);
  EXPECT_NE(encoded.find("\r\n "), std::string::npos) << "folded onto continuation lines";
  EXPECT_EQ(decode_words(encoded), subject);
  // Each word alone is whole UTF-8: no word starts with a continuation byte.
  for (const auto& line : split_crlf(encoded)) {
    auto text = decode_words(line.front() == ' ' ? line.substr(1) : line);
    ASSERT_FALSE(text.empty());
    EXPECT_NE(static_cast<unsigned char>(text.front()) & 0xC0, 0x80);
  }
}

TEST(Mime, HeaderValuesLoseLineBreaks) {
  EXPECT_EQ(mime::encode_header("Hello\r\nBcc: someone@evil.example"), "Hello  Bcc: someone@evil.example");
  EXPECT_EQ(mime::one_line("a\nb\rc"), "a b c");
}

TEST(Mime, Rfc5322Date) {
  EXPECT_EQ(mime::rfc5322_date(domain::from_epoch(1803891600)), "Mon, 01 Mar 2027 09:00:00 +0000");
  EXPECT_EQ(mime::rfc5322_date(domain::from_epoch(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(Mime, Base64WrapsAt76WithCrlf) {
  std::string bytes(200, 'x');
  auto lines = split_crlf(mime::base64(bytes));
  ASSERT_GT(lines.size(), 1u);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i].size(), 76u);
  EXPECT_EQ(mime::base64(bytes, 0).find('\r'), std::string::npos);
  EXPECT_EQ(decode_base64(mime::base64(bytes)), bytes);
}

TEST(Mime, PlainMessageHasCrlfLinesAndEncodedHeaders) {
  auto e = sample();
  auto text = mime::format_email(e);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  for (const auto& line : split_crlf(text)) EXPECT_LE(line.size(), 998u);
  EXPECT_NE(text.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find(" <no-reply@salon.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: <helene@example.org>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find("Date: Mon, 01 Mar 2027 09:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(text.find("Message-ID: <key-1@salon.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("X-Idempotency-Key: key-1\r\n"), std::string::npos);
  EXPECT_EQ(text.find("multipart"), std::string::npos);
  // The body in its canonical form: CRLF line breaks, UTF-8 kept.
  EXPECT_EQ(part_body(text, "Content-Type: text/plain; charset=UTF-8"), "Bonjour Hélène,\r\nÀ bientôt !\r\n");
}

TEST(Mime, AsciiFromNameIsQuoted) {
  auto e = sample();
  e.from_name = "Chez \"Jo\"";
  EXPECT_NE(mime::format_email(e).find("From: \"Chez \\\"Jo\\\"\" <no-reply@salon.example>\r\n"), std::string::npos);
  e.from_name.clear();
  EXPECT_NE(mime::format_email(e).find("From: <no-reply@salon.example>\r\n"), std::string::npos);
}

TEST(Mime, CalendarGoesAsAnIcsAttachment) {
  auto e = sample();
  e.calendar = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nSUMMARY:Coupe — Salon\r\nEND:VCALENDAR\r\n";
  auto text = mime::format_email(e);
  std::string boundary = "=_creneau_key_1";
  EXPECT_NE(text.find("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n--" + boundary + "\r\nContent-Type: text/plain"), std::string::npos);
  EXPECT_NE(text.find("Content-Type: text/calendar; charset=UTF-8; method=PUBLISH; name=\"rendez-vous.ics\"\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("Content-Disposition: attachment; filename=\"rendez-vous.ics\"\r\n"), std::string::npos);
  EXPECT_EQ(part_body(text, "Content-Type: text/calendar"), e.calendar);
  EXPECT_EQ(text.substr(text.size() - boundary.size() - 6), "--" + boundary + "--\r\n");
  // No line of the message starts with a dot (SMTP transparency is then never needed) nor exceeds RFC 5322's
  // 998 characters.
  for (const auto& line : split_crlf(text)) {
    EXPECT_TRUE(line.empty() || line.front() != '.');
    EXPECT_LE(line.size(), 998u) << line;
  }
}

TEST(Mime, CancellationCalendarSaysCancel) {
  auto e = sample();
  e.calendar = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSTATUS:CANCELLED\r\nEND:VCALENDAR\r\n";
  EXPECT_NE(mime::format_email(e).find("method=CANCEL;"), std::string::npos);
}
