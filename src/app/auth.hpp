#pragma once
// Passwords (Argon2id through libsodium), random bearer tokens kept only as hashes, and staff log-in.
#include "app/context.hpp"
#include "domain/model.hpp"

#include <optional>
#include <string>

namespace creneau::app::auth {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// verify_password against `hash`, or, when there is no account (nullptr), against a dummy hash of the same cost
// (always false): a log-in with an unknown identifier takes as long as one with a wrong password.
bool verify_password_or_dummy(const std::string* hash, const std::string& password);
std::string new_token();                        // 256 random bits, hex
std::string token_hash(const std::string& token);  // SHA-256 hex: what the database keeps

// Minimum length and the like; throws validation_failed on `field`.
void check_password_strength(const std::string& password, const std::string& field = "password");

struct StaffLogin {
  std::string token;
  domain::Staff staff;
};
StaffLogin login_staff(Context& ctx, const std::string& email, const std::string& password,
                       const std::string& address = {});

// Resolves `Authorization: Bearer …`; throws unauthorized for a missing, unknown or expired token.
Principal authenticate(Context& ctx, const std::string& authorization_header);
void logout(Context& ctx, const std::string& authorization_header);
std::string start_session(sql::Connection& c, domain::PrincipalKind kind, domain::Id subject, domain::Instant now);

// The first admin, from CRENEAU_ADMIN_EMAIL / CRENEAU_ADMIN_PASSWORD, when the database has no staff yet.
void ensure_first_admin(Context& ctx);

// Log-in identifiers (e-mail addresses, phone numbers) longer than this are refused (validation_failed on
// `field`) before anything is hashed, looked up or remembered: an e-mail address is at most 320 characters.
constexpr std::size_t kMaxIdentifierLength = 320;
void check_identifier_length(const std::string& identifier, const char* field);

// Log-in throttling per identifier: at most kMaxAttemptsPerMinute unsuccessful attempts a minute, then 429
// too_many_attempts. An attempt is counted when it begins, before the password is checked, so parallel
// attempts cannot all pass the check before the first failure is recorded; a successful one is then taken back.
// Entries older than a minute expire; the table holds at most kMaxThrottled identifiers (the stalest go first).
constexpr int kMaxAttemptsPerMinute = 10;
constexpr std::size_t kMaxThrottled = 10000;
// A salon's front desk and its clients on the shop's Wi-Fi share one address: looser than per identifier.
constexpr int kMaxAttemptsPerAddressPerMinute = 60;
// `address` (the client's, as the HTTP layer resolved it behind a trusted proxy) has a looser limit of its own,
// kMaxAttemptsPerAddressPerMinute, so that one address cannot try many identifiers; empty: not counted.
void begin_login_attempt(const std::string& identifier, domain::Instant now, const std::string& address = {});
void login_succeeded(const std::string& identifier, domain::Instant now, const std::string& address = {});
// Identifiers the throttle currently remembers (tests and diagnostics).
std::size_t throttled_identifiers();

}  // namespace creneau::app::auth
