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
