// The unsubscribe lines every marketing message ends with, in the salon's language.
#include "domain/messages.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

TEST(Unsubscribe, French) {
  auto text = unsubscribe_footer("https://salon.example/book/unsubscribe/abc", Lang::fr);
  EXPECT_NE(text.find("Désinscription : https://salon.example/book/unsubscribe/abc\n"), std::string::npos);
}

TEST(Unsubscribe, EnglishOnRequest) {
  auto text = unsubscribe_footer("https://salon.example/book/unsubscribe/abc", Lang::en);
  EXPECT_NE(text.find("Unsubscribe: https://salon.example/book/unsubscribe/abc\n"), std::string::npos);
  EXPECT_EQ(text.find("Désinscription"), std::string::npos);
}

TEST(Unsubscribe, StandsApartFromTheMessage) {
  // A separator line, so mail readers and people see it is not part of the wishes.
  EXPECT_EQ(unsubscribe_footer("x", Lang::fr).rfind("\n--\n", 0), 0u);
}
