// French and English: Accept-Language, error messages from the phrase catalogue, message texts, calendar files.
#include "domain/error.hpp"
#include "domain/ics.hpp"
#include "domain/lang.hpp"
#include "domain/messages.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace creneau::domain;

TEST(AcceptLanguage, FirstPreferenceWinsWithQValues) {
  EXPECT_EQ(preferred_lang("en", Lang::fr), Lang::en);
  EXPECT_EQ(preferred_lang("fr-FR,fr;q=0.9,en;q=0.8", Lang::en), Lang::fr);
  EXPECT_EQ(preferred_lang("en-GB,fr;q=0.8", Lang::fr), Lang::en);
  EXPECT_EQ(preferred_lang("fr;q=0.5, en;q=0.9", Lang::fr), Lang::en);
  EXPECT_EQ(preferred_lang("de, fr;q=0.5", Lang::en), Lang::fr);
  EXPECT_EQ(preferred_lang("EN-us", Lang::fr), Lang::en);
  EXPECT_EQ(preferred_lang("de-DE, it", Lang::en), Lang::en);  // neither: the fallback
  EXPECT_EQ(preferred_lang("", Lang::fr), Lang::fr);
  EXPECT_EQ(preferred_lang("en;q=0", Lang::fr), Lang::fr);  // q=0: not acceptable
  EXPECT_FALSE(accepted_lang("*").has_value());
}

TEST(ErrorMessages, EveryPhraseHasBothLanguagesWithTheSamePlaceholders) {
  for (const auto& p : kPhrases) {
    EXPECT_FALSE(p.fr.empty()) << p.en;
    auto count = [](std::string_view s) {
      int n = 0;
      for (auto i = s.find("{}"); i != std::string_view::npos; i = s.find("{}", i + 2)) ++n;
      return n;
    };
    EXPECT_EQ(count(p.en), count(p.fr)) << p.en;
  }
}

TEST(ErrorMessages, RenderedInTheAskedLanguage) {
  Error e = not_found("appointment");
  EXPECT_EQ(e.message(Lang::en), "appointment not found");
  EXPECT_EQ(e.message(Lang::fr), "rendez-vous introuvable");
  EXPECT_STREQ(e.what(), "appointment not found");
  Error v = validation("to", "ask for at most 93 days at once");
  EXPECT_EQ(v.code(), ErrorCode::validation_failed);
  EXPECT_EQ(v.field(), "to");
  EXPECT_EQ(v.message(Lang::fr), "demandez au plus 93 jours à la fois");
  Error w(ErrorCode::too_late, "this slot is too soon: online bookings need {} of notice", "start", {Minutes{90}});
  EXPECT_EQ(w.message(Lang::fr), "ce créneau est trop proche : les réservations en ligne demandent un préavis de 1 h 30");
  EXPECT_EQ(w.message(Lang::en), "this slot is too soon: online bookings need 1 h 30 min of notice");
  auto moved = w.at_field("lines[0].start");
  EXPECT_EQ(moved.field(), "lines[0].start");
  EXPECT_EQ(moved.code(), ErrorCode::too_late);
  EXPECT_EQ(moved.message(Lang::fr), w.message(Lang::fr));
}

namespace {
VisitSummary visit(Lang lang) {
  VisitSummary v;
  v.lang = lang;
  v.salon = "Salon Hélène";
  v.client_first_name = "Hélène";
  v.client_last_name = "Dupont";
  v.start = {LocalDate::from_ymd(2027, 3, 2), 11 * 60, 0};
  v.lines = {{"Coupe", "Alice", 30}, {"Couleur", "Alice", 60}};
  return v;
}
}  // namespace

TEST(MessageTexts, RescheduledNamesTheOldAndTheNewTime) {
  LocalDateTime old_start{LocalDate::from_ymd(2027, 3, 1), 10 * 60, 0};
  auto fr = rescheduled_client_text(visit(Lang::fr), old_start);
  EXPECT_EQ(fr.subject, "Rendez-vous déplacé au mardi 2 mars 2027 à 11:00");
  EXPECT_NE(fr.body.find("Votre rendez-vous du lundi 1 mars 2027 à 10:00 a été déplacé."), std::string::npos) << fr.body;
  EXPECT_NE(fr.body.find("Durée totale : 1 h 30"), std::string::npos) << fr.body;
  auto en = rescheduled_client_text(visit(Lang::en), old_start);
  EXPECT_EQ(en.subject, "Appointment moved to Tuesday 2 March 2027 at 11:00");
  EXPECT_NE(en.body.find("Your appointment of Monday 1 March 2027 at 10:00 has been moved."), std::string::npos);
  auto staff = rescheduled_staff_text(visit(Lang::fr), old_start);
  EXPECT_NE(staff.body.find("Avant : lundi 1 mars 2027 à 10:00"), std::string::npos) << staff.body;
}

TEST(MessageTexts, CancellationWithoutAReasonHasNoReasonLine) {
  auto text = cancellation_client_text(visit(Lang::fr), "");
  EXPECT_EQ(text.body.find("Motif"), std::string::npos) << text.body;
  EXPECT_NE(cancellation_client_text(visit(Lang::fr), "malade").body.find("Motif : malade"), std::string::npos);
  EXPECT_NE(cancellation_client_text(visit(Lang::en), "ill").body.find("Reason: ill"), std::string::npos);
}

TEST(CalendarFile, CancellationCancelsAndMovesKeepTheUid) {
  auto e = visit_event(visit(Lang::fr), {from_epoch(1'803'000'000), from_epoch(1'803'005'400)});
  e.uid = "appointment-7@salon.example";
  e.sequence = 2;
  auto published = ics_event(e);
  EXPECT_NE(published.find("METHOD:PUBLISH\r\n"), std::string::npos);
  EXPECT_NE(published.find("STATUS:CONFIRMED\r\n"), std::string::npos);
  EXPECT_NE(published.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_NE(published.find("Coupe avec Alice (30 min)"), std::string::npos);
  e.cancelled = true;
  e.sequence = 3;
  auto cancelled = ics_event(e);
  EXPECT_NE(cancelled.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(cancelled.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(cancelled.find("UID:appointment-7@salon.example\r\n"), std::string::npos);
  EXPECT_NE(ics_event(visit_event(visit(Lang::en), e.span)).find("Coupe with Alice"), std::string::npos);
}
