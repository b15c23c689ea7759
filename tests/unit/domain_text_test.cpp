// Text rules: accent folding for search, e-mail shape, phone numbers in E.164.
#include "domain/text.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

TEST(Fold, LowersAndDropsAccents) {
  EXPECT_EQ(fold("Hélène"), "helene");
  EXPECT_EQ(fold("ÉLODIE Müller"), "elodie muller");
  EXPECT_EQ(fold("François Çelik"), "francois celik");
  EXPECT_EQ(fold("Œuvre Æsop"), "oeuvre aesop");
  EXPECT_EQ(fold("Łukasz Dvořák"), "lukasz dvorak");
  EXPECT_EQ(fold("plain ascii 123"), "plain ascii 123");
  EXPECT_EQ(fold(""), "");
}

TEST(Fold, KeepsOtherCharactersIntact) {
  EXPECT_EQ(fold("日本"), "日本");
  EXPECT_EQ(fold("Ω-😀"), "Ω-😀");
  // A truncated sequence at the end does not read past the string.
  std::string broken = "ab\xC3";
  EXPECT_EQ(fold(broken).substr(0, 2), "ab");
}

TEST(Fold, MakesSearchAccentAndCaseInsensitive) {
  EXPECT_EQ(fold("HELENE"), fold("hélène"));
  EXPECT_EQ(fold("Noël"), fold("noel"));
}

TEST(Email, AcceptsPlausibleAddresses) {
  EXPECT_TRUE(plausible_email("helene@example.com"));
  EXPECT_TRUE(plausible_email("h.dupont+salon@mail.example.fr"));
  EXPECT_TRUE(plausible_email("a@b.co"));
}

TEST(Email, RejectsMalformedAddresses) {
  EXPECT_FALSE(plausible_email(""));
  EXPECT_FALSE(plausible_email("helene"));
  EXPECT_FALSE(plausible_email("helene@"));
  EXPECT_FALSE(plausible_email("@example.com"));
  EXPECT_FALSE(plausible_email("helene@example"));
  EXPECT_FALSE(plausible_email("helene@.com"));
  EXPECT_FALSE(plausible_email("helene@example.com."));
  EXPECT_FALSE(plausible_email("hel@ene@example.com"));
  EXPECT_FALSE(plausible_email("hel ene@example.com"));
  EXPECT_FALSE(plausible_email("a@b.com, c@d.com"));
  EXPECT_FALSE(plausible_email("<a@b.com>"));
  EXPECT_FALSE(plausible_email(std::string(250, 'a') + "@b.com"));
}

TEST(Phone, FrenchWritingsAreOneNumber) {
  for (const char* raw : {"06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "+33612345678", "06.12.34.56.78",
                          "06-12-34-56-78", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78"})
    EXPECT_EQ(normalize_phone(raw), "+33612345678") << raw;
}

TEST(Phone, OtherCountries) {
  EXPECT_EQ(normalize_phone("+32 470 12 34 56"), "+32470123456");
  EXPECT_EQ(normalize_phone("0470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(normalize_phone("079 123 45 67", "CH"), "+41791234567");
  EXPECT_EQ(normalize_phone("+1 (212) 555-0100"), "+12125550100");
}

TEST(Phone, RejectsWhatIsNotANumber) {
  EXPECT_EQ(normalize_phone(""), std::nullopt);
  EXPECT_EQ(normalize_phone("not a phone"), std::nullopt);
  EXPECT_EQ(normalize_phone("06 12 34 56"), std::nullopt);        // too short for France
  EXPECT_EQ(normalize_phone("06 12 34 56 78 90"), std::nullopt);  // too long for France
  EXPECT_EQ(normalize_phone("+33"), std::nullopt);
  EXPECT_EQ(normalize_phone("06 12 34 56 7a"), std::nullopt);
  EXPECT_EQ(normalize_phone("06+12345678"), std::nullopt);
}
