#include "domain/csv.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;

TEST(Csv, PlainFieldsStayBare) {
  EXPECT_EQ(csv::field("Dupont"), "Dupont");
  EXPECT_EQ(csv::field(""), "");
  EXPECT_EQ(csv::field("Hélène"), "Hélène");  // UTF-8 bytes pass through
  EXPECT_EQ(csv::field("a;b", ','), "a;b");    // another delimiter is not special
}

TEST(Csv, QuotesDelimiterQuoteAndLineBreaks) {
  EXPECT_EQ(csv::field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv::field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv::field("a\tb", '\t'), "\"a\tb\"");
  EXPECT_EQ(csv::field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv::field("line 1\nline 2"), "\"line 1\nline 2\"");
  EXPECT_EQ(csv::field("cr\rhere"), "\"cr\rhere\"");
}

TEST(Csv, RecordsEndWithCrlf) {
  EXPECT_EQ(csv::record({"id", "note"}), "id,note\r\n");
  EXPECT_EQ(csv::record({"1", "a,b", ""}, ';'), "1;a,b;\r\n");
  EXPECT_EQ(csv::record({"1", "x;y"}, ';'), "1;\"x;y\"\r\n");
}

TEST(Csv, DelimiterNames) {
  EXPECT_EQ(csv::delimiter_named(","), ',');
  EXPECT_EQ(csv::delimiter_named(";"), ';');
  EXPECT_EQ(csv::delimiter_named("tab"), '\t');
  EXPECT_EQ(csv::delimiter_named("\t"), '\t');
  EXPECT_FALSE(csv::delimiter_named("|"));
  EXPECT_FALSE(csv::delimiter_named(""));
}

TEST(Csv, SplitsColumnNames) {
  EXPECT_EQ(csv::split_names("a,b, c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(csv::split_names("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(csv::split_names("a"), (std::vector<std::string>{"a"}));
}

// OWASP "CSV injection": what a spreadsheet would run as a formula is kept as text by a leading '.
TEST(Csv, FormulasAreNeutralised) {
  EXPECT_EQ(csv::field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv::field("=1+1"), "'=1+1");
  EXPECT_EQ(csv::field("+1+1"), "'+1+1");
  EXPECT_EQ(csv::field("-2+3"), "'-2+3");
  EXPECT_EQ(csv::field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv::field("\tcmd"), "'\tcmd");
  EXPECT_EQ(csv::field("\tcmd", '\t'), "\"'\tcmd\"");
  EXPECT_EQ(csv::field("\rcmd"), "\"'\rcmd\"");
  EXPECT_EQ(csv::field("+"), "'+");
  EXPECT_EQ(csv::record({"=x", "ok"}, ';'), "'=x;ok\r\n");
}

TEST(Csv, PlainValuesAndPhoneNumbersStayAsTheyAre) {
  EXPECT_EQ(csv::field("+33612345678"), "+33612345678");  // E.164: '+' and digits, no formula
  EXPECT_EQ(csv::field("a=b"), "a=b");                    // only the first character matters
  EXPECT_EQ(csv::field("O'Brien"), "O'Brien");
  EXPECT_FALSE(csv::looks_like_formula(""));
  EXPECT_TRUE(csv::looks_like_formula("+33 6"));  // a space makes it something else than E.164
}
