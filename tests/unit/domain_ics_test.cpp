// iCalendar output: CRLF everywhere, TEXT escaping, folding at 75 octets without cutting UTF-8, UTC times.
#include "domain/ics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace creneau::domain;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto j = text.find("\r\n", i);
    if (j == std::string::npos) {
      out.push_back(text.substr(i));
      break;
    }
    out.push_back(text.substr(i, j - i));
    i = j + 2;
  }
  return out;
}

std::string unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

IcsEvent sample() {
  Zone paris("Europe/Paris");
  IcsEvent e;
  e.uid = "appointment-42@salon.example";
  e.stamp = from_epoch(1800000000);
  auto day = LocalDate::from_ymd(2027, 3, 1);
  e.span = {paris.at(day, 10 * 60), paris.at(day, 11 * 60 + 30)};
  e.summary = "Coupe, Couleur — Salon Hélène; à bientôt";
  e.description = "Coupe avec Alice (30 min)\nCouleur avec Alice (1 h)\\fin";
  e.location = "Salon Hélène";
  return e;
}

}  // namespace

TEST(Ics, UtcTimes) {
  EXPECT_EQ(ics_utc(from_epoch(0)), "19700101T000000Z");
  Zone paris("Europe/Paris");
  EXPECT_EQ(ics_utc(paris.at(LocalDate::from_ymd(2027, 3, 1), 10 * 60)), "20270301T090000Z");  // +01:00
  EXPECT_EQ(ics_utc(paris.at(LocalDate::from_ymd(2027, 7, 5), 10 * 60)), "20270705T080000Z");  // +02:00
}

TEST(Ics, EscapesText) {
  EXPECT_EQ(ics_escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
  EXPECT_EQ(ics_escape(std::string("x\x01y")), "xy");
}

TEST(Ics, EveryLineEndsWithCrlfAndFitsIn75Octets) {
  auto e = sample();
  e.description = std::string(300, 'x') + " é è à ü " + std::string(100, 'y');
  auto text = ics_event(e);
  ASSERT_GE(text.size(), 2u);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
  for (const auto& l : lines_of(text)) EXPECT_LE(l.size(), 75u) << l;
  EXPECT_NE(unfold(text).find("DESCRIPTION:" + e.description + "\r\n"), std::string::npos);
}

TEST(Ics, FoldingNeverSplitsAUtf8Character) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 60; ++i) line += "é";  // 2 octets each
  auto folded = ics_fold(line);
  for (const auto& piece : lines_of(folded)) {
    ASSERT_FALSE(piece.empty());
    auto first = static_cast<unsigned char>(piece[piece[0] == ' ' ? 1 : 0]);
    EXPECT_NE(first & 0xC0, 0x80) << "a continuation octet starts a line";
    EXPECT_LE(piece.size(), 75u);
  }
  EXPECT_EQ(unfold(folded), line);
}

TEST(Ics, OneEventWithTheRequiredProperties) {
  auto text = unfold(ics_event(sample()));
  auto l = lines_of(text);
  ASSERT_GE(l.size(), 10u);
  EXPECT_EQ(l.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(l.back(), "END:VCALENDAR");
  auto has = [&](const std::string& want) { return std::find(l.begin(), l.end(), want) != l.end(); };
  EXPECT_TRUE(has("VERSION:2.0"));
  EXPECT_TRUE(has("BEGIN:VEVENT"));
  EXPECT_TRUE(has("END:VEVENT"));
  EXPECT_TRUE(has("UID:appointment-42@salon.example"));
  EXPECT_TRUE(has("DTSTAMP:20270115T080000Z"));
  EXPECT_TRUE(has("DTSTART:20270301T090000Z"));
  EXPECT_TRUE(has("DTEND:20270301T103000Z"));
  EXPECT_TRUE(has("SUMMARY:Coupe\\, Couleur — Salon Hélène\\; à bientôt"));
  EXPECT_TRUE(has("DESCRIPTION:Coupe avec Alice (30 min)\\nCouleur avec Alice (1 h)\\\\fin"));
  EXPECT_TRUE(has("LOCATION:Salon Hélène"));
  EXPECT_TRUE(has("STATUS:CONFIRMED"));
  EXPECT_EQ(std::count_if(l.begin(), l.end(), [](const std::string& s) { return s.rfind("PRODID:", 0) == 0; }), 1);
}

#include "domain/messages.hpp"
#include "domain/model.hpp"
#include "domain/text.hpp"

TEST(Ics, MailDomainOfThePublicAddress) {
  EXPECT_EQ(mail_domain(host_of("https://user:pw@salon.example:8443/book?x=1")), "salon.example");
  EXPECT_EQ(mail_domain(host_of("http://127.0.0.1:8080")), "localhost");
  EXPECT_EQ(host_of("http://[::1]:8080/"), "::1");
  EXPECT_EQ(mail_domain(host_of("http://[::1]:8080/")), "localhost");
  EXPECT_EQ(mail_domain(""), "localhost");
}

TEST(Ics, VisitIcsCarriesTheAppointmentsUidAndSequence) {
  Appointment a;
  a.id = 42;
  a.ics_sequence = 3;
  a.span = {from_epoch(1803891600), from_epoch(1803891600 + 3600)};
  VisitSummary v;
  v.salon = "Salon Lumière";
  v.lines = {{"Coupe", "Anne", 60}};
  auto text = unfold(visit_ics(a, v, "https://salon.example/", from_epoch(1803800000)));
  EXPECT_NE(text.find("\r\nUID:appointment-42@salon.example\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nSEQUENCE:3\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nMETHOD:PUBLISH\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTART:20270301T090000Z\r\n"), std::string::npos);
  auto cancelled = unfold(visit_ics(a, v, "https://salon.example/", from_epoch(1803800000), true));
  EXPECT_NE(cancelled.find("\r\nMETHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(cancelled.find("\r\nSTATUS:CANCELLED\r\n"), std::string::npos);
}
