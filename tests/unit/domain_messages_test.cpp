#include "domain/messages.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

TEST(MaskLinkTokens, HidesTheSecretOfEveryLinkThatActsAsTheClient) {
  std::string token(64, 'a');
  token[10] = '7';
  EXPECT_EQ(mask_link_tokens("Lien : https://salon.fr/book/reset/" + token + "\nÀ bientôt"),
            "Lien : https://salon.fr/book/reset/********\nÀ bientôt");
  EXPECT_EQ(mask_link_tokens("http://x/book/confirm/" + token + " et http://x/book/offers/" + token + "."),
            "http://x/book/confirm/******** et http://x/book/offers/********.");
  EXPECT_EQ(mask_link_tokens("/book/reset/" + token + " /book/reset/" + token),
            "/book/reset/******** /book/reset/********");
}

TEST(MaskLinkTokens, LeavesOtherTextAlone) {
  EXPECT_EQ(mask_link_tokens("Rendez-vous lundi 4 janvier à 10:00 — https://salon.fr/book"),
            "Rendez-vous lundi 4 janvier à 10:00 — https://salon.fr/book");
  EXPECT_EQ(mask_link_tokens("/book/reset/"), "/book/reset/");
  EXPECT_EQ(mask_link_tokens(""), "");
}
