// Codes and states as enums: every value has a text that parses back to it, unknown text is nullopt, and the
// texts are the contract's (the JSON answers and the database columns keep them).
#include "domain/codes.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace creneau::domain;

namespace {

template <class E>
void expect_round_trip() {
  std::set<std::string_view> seen;
  for (E e : Values<E>::all) {
    auto t = text(e);
    EXPECT_FALSE(t.empty());
    EXPECT_TRUE(seen.insert(t).second) << "two values share the text " << t;
    auto back = parse<E>(t);
    ASSERT_TRUE(back.has_value()) << t;
    EXPECT_EQ(*back, e) << t;
  }
  for (std::string_view unknown : {"", "unknown", " pending", "APPROVED", "Cancelled", "approved ", "void "})
    EXPECT_FALSE(parse<E>(unknown).has_value()) << unknown;
}

template <class E>
std::vector<std::string> texts() {
  std::vector<std::string> out;
  for (E e : Values<E>::all) out.emplace_back(text(e));
  return out;
}

}  // namespace

TEST(Codes, EveryEnumRoundTrips) {
  expect_round_trip<ErrorCode>();
  expect_round_trip<AppointmentStatus>();
  expect_round_trip<Confirmation>();
  expect_round_trip<WaitlistMode>();
  expect_round_trip<Role>();
  expect_round_trip<PrincipalKind>();
  expect_round_trip<MessageStatus>();
  expect_round_trip<OfferState>();
  expect_round_trip<OfferOutcome>();
}

TEST(Codes, TextsAreTheContracts) {
  EXPECT_EQ(texts<ErrorCode>(),
            (std::vector<std::string>{"validation_failed", "not_found", "unauthorized", "forbidden", "slot_taken",
                                      "too_many_services", "resource_required", "outside_hours", "no_package",
                                      "package_exhausted", "discovery_already_used", "cannot_reschedule_group",
                                      "unknown_identifier", "bad_credentials", "too_late", "payload_too_large",
                                      "too_many_attempts", "conflict", "offer_closed", "method_not_allowed",
                                      "internal"}));
  EXPECT_EQ(texts<AppointmentStatus>(), (std::vector<std::string>{"pending", "approved", "cancelled"}));
  EXPECT_EQ(texts<Confirmation>(), (std::vector<std::string>{"approve", "request", "silent"}));
  EXPECT_EQ(texts<WaitlistMode>(), (std::vector<std::string>{"off", "manual", "automatic"}));
  EXPECT_EQ(texts<Role>(), (std::vector<std::string>{"employee", "manager", "admin"}));
  EXPECT_EQ(texts<PrincipalKind>(), (std::vector<std::string>{"staff", "portal"}));
  EXPECT_EQ(texts<MessageStatus>(), (std::vector<std::string>{"pending", "sent", "failed"}));
  EXPECT_EQ(texts<OfferState>(), (std::vector<std::string>{"open", "accepted", "void"}));
  EXPECT_EQ(texts<OfferOutcome>(), (std::vector<std::string>{"open", "accepted", "taken", "cancelled", "expired"}));
}

TEST(Codes, ParseIsExactAndPerEnum) {
  EXPECT_EQ(parse<AppointmentStatus>("cancelled"), AppointmentStatus::cancelled);
  EXPECT_EQ(parse<OfferOutcome>("cancelled"), OfferOutcome::cancelled);
  EXPECT_EQ(parse<OfferState>("void"), OfferState::voided);
  EXPECT_FALSE(parse<OfferState>("voided").has_value());  // the enumerator's name is not its text
  EXPECT_FALSE(parse<Confirmation>("approved").has_value());
  EXPECT_FALSE(parse<AppointmentStatus>("approve").has_value());
  static_assert(parse<WaitlistMode>("manual") == WaitlistMode::manual);  // usable at compile time
}

TEST(Codes, DefaultsAreTheOldStrings) {
  Appointment a;
  EXPECT_EQ(text(a.status), "approved");
  EXPECT_EQ(text(a.confirmation), "approve");
  EXPECT_FALSE(a.cancelled());
  a.status = AppointmentStatus::cancelled;
  EXPECT_TRUE(a.cancelled());
  EXPECT_EQ(text(Settings{}.waitlist.mode), "off");
}

TEST(Codes, ErrorKeepsItsCode) {
  Error e(ErrorCode::slot_taken, "this earlier slot is no longer free");
  EXPECT_EQ(e.code(), ErrorCode::slot_taken);
  EXPECT_EQ(e.at_field("start").code(), ErrorCode::slot_taken);
  EXPECT_EQ(validation("x", "name at least one column").code(), ErrorCode::validation_failed);
  EXPECT_EQ(not_found("appointment").code(), ErrorCode::not_found);
}
