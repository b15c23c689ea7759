// The error → status table: every code has its status (the switch has no default, so a new code without one
// does not build), and the error body keeps the contract's code text.
#include "domain/codes.hpp"
#include "domain/error.hpp"
#include "http/api.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace creneau;
using domain::ErrorCode;

TEST(HttpErrors, EveryCodeHasItsStatus) {
  const std::map<std::string, int> contract{
      {"validation_failed", 422}, {"not_found", 404},          {"unauthorized", 401},
      {"forbidden", 403},         {"slot_taken", 409},         {"too_many_services", 422},
      {"resource_required", 422}, {"outside_hours", 422},      {"no_package", 422},
      {"package_exhausted", 422}, {"discovery_already_used", 422}, {"cannot_reschedule_group", 422},
      {"unknown_identifier", 401}, {"bad_credentials", 401},   {"too_late", 422},
      {"payload_too_large", 413}, {"too_many_attempts", 429},  {"conflict", 409},
      {"offer_closed", 409},      {"method_not_allowed", 405}, {"internal", 500}};
  EXPECT_EQ(contract.size(), domain::Values<ErrorCode>::all.size());
  for (ErrorCode c : domain::Values<ErrorCode>::all) {
    auto it = contract.find(std::string(domain::text(c)));
    ASSERT_NE(it, contract.end()) << domain::text(c);
    EXPECT_EQ(http::status_of(c), it->second) << domain::text(c);
  }
}

TEST(HttpErrors, BodyCarriesTheCodeText) {
  auto r = http::error_response(http::status_of(ErrorCode::bad_credentials),
                                domain::Error(ErrorCode::bad_credentials, "wrong password: your account was not deleted",
                                              "password"),
                                domain::Lang::en);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find(R"("code":"bad_credentials")"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("field":"password")"), std::string::npos) << r.body;
}
