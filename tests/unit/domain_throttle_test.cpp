#include "domain/throttle.hpp"

#include <gtest/gtest.h>

using namespace creneau::domain;
using namespace std::chrono_literals;

namespace {
Instant at(int seconds) { return from_epoch(1'800'000'000 + seconds); }
}  // namespace

TEST(AttemptLog, RefusesBeyondTheLimitWithinTheWindow) {
  AttemptLog log(3, 100);
  EXPECT_TRUE(log.try_begin("a", at(0)));
  EXPECT_TRUE(log.try_begin("a", at(1)));
  EXPECT_TRUE(log.try_begin("a", at(2)));
  EXPECT_FALSE(log.try_begin("a", at(3)));   // counted before any password is checked: the 4th is refused
  EXPECT_TRUE(log.try_begin("b", at(3)));    // per key
  EXPECT_TRUE(log.try_begin("a", at(60)));   // the first one left the window
}

TEST(AttemptLog, ASuccessIsTakenBack) {
  AttemptLog log(2, 100);
  EXPECT_TRUE(log.try_begin("a", at(0)));
  log.take_back("a", at(0));
  EXPECT_EQ(log.keys(), 0u);
  EXPECT_TRUE(log.try_begin("a", at(1)));
  EXPECT_TRUE(log.try_begin("a", at(1)));
  EXPECT_FALSE(log.try_begin("a", at(1)));
}

TEST(AttemptLog, ExpiredKeysAreDroppedAndTheTableIsCapped) {
  AttemptLog log(10, 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(log.try_begin("k" + std::to_string(i), at(i)));
  EXPECT_EQ(log.keys(), 3u);
  EXPECT_TRUE(log.try_begin("late", at(120)));  // all three expired: dropped to make room
  EXPECT_EQ(log.keys(), 1u);
  for (int i = 0; i < 1000; ++i) log.try_begin("x" + std::to_string(i), at(121));
  EXPECT_EQ(log.keys(), 3u);  // never beyond the cap, however many keys arrive within the window
}
