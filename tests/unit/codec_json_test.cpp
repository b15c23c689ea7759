#include "codec/codec.hpp"
#include "domain/error.hpp"

#include <gtest/gtest.h>

using namespace creneau;

TEST(JsonDepth, CountsArraysAndObjectsOutsideStrings) {
  EXPECT_TRUE(codec::json_depth_within("{}", 1));
  EXPECT_FALSE(codec::json_depth_within("{\"a\":[]}", 1));
  EXPECT_TRUE(codec::json_depth_within("{\"a\":\"[[[[{{{{\"}", 1));      // brackets in strings do not count
  EXPECT_TRUE(codec::json_depth_within("{\"a\\\"[[[[\":1}", 1));         // nor after an escaped quote
  EXPECT_TRUE(codec::json_depth_within("[[1],[2],[3]]", 2));             // siblings do not add up
  EXPECT_TRUE(codec::json_depth_within(std::string(64, '[') + std::string(64, ']')));
  EXPECT_FALSE(codec::json_depth_within(std::string(65, '[') + std::string(65, ']')));
  EXPECT_FALSE(codec::json_depth_within(std::string(200000, '[')));    // unbalanced and deep: refused, no recursion
}

TEST(SettingsPatch, TooDeepIsRefusedWithoutRecursion) {
  std::string deep = "{\"name\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  try {
    codec::settings_merge_patch(domain::Settings{}, deep);
    FAIL() << "accepted";
  } catch (const domain::Error& e) {
    EXPECT_EQ(e.code(), domain::ErrorCode::validation_failed);
  }
}

TEST(SettingsPatch, OpeningHoursNeedAWeekday) {
  for (const char* patch : {R"({"opening_hours":[{"start":"09:00","end":"19:00"}]})",
                            R"({"opening_hours":[{"weekday":null,"start":"09:00","end":"19:00"}]})",
                            R"({"opening_hours":[{"weekday":0,"start":"09:00","end":"19:00"}]})",
                            R"({"opening_hours":[{"weekday":1,"start":"19:00","end":"09:00"}]})",
                            R"({"booking":5})"}) {
    try {
      codec::settings_merge_patch(domain::Settings{}, patch);
      ADD_FAILURE() << "accepted " << patch;
    } catch (const domain::Error& e) {
      EXPECT_EQ(e.code(), domain::ErrorCode::validation_failed) << patch;
    }
  }
}

TEST(SettingsPatch, WhatIsAcceptedLoadsBack) {
  auto s = codec::settings_merge_patch(domain::Settings{},
                                       R"({"opening_hours":[{"weekday":2,"start":"09:00","end":"19:00"}]})");
  auto back = codec::settings_from_json(codec::settings_to_json(s));
  ASSERT_EQ(back.opening_hours.size(), 1u);
  EXPECT_EQ(back.opening_hours[0].weekday, 2);
}
