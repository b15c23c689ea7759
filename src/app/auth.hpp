#pragma once
// Passwords (Argon2id through libsodium), random bearer tokens kept only as hashes, and staff log-in.
#include "app/context.hpp"
#include "domain/model.hpp"

#include <optional>
#include <string>

namespace creneau::app::auth {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
std::string new_token();                        // 256 random bits, hex
std::string token_hash(const std::string& token);  // SHA-256 hex: what the database keeps

// Minimum length and the like; throws validation_failed on `field`.
void check_password_strength(const std::string& password, const std::string& field = "password");

struct StaffLogin {
  std::string token;
  domain::Staff staff;
};
StaffLogin login_staff(Context& ctx, const std::string& email, const std::string& password);

// Resolves `Authorization: Bearer …`; throws unauthorized for a missing, unknown or expired token.
Principal authenticate(Context& ctx, const std::string& authorization_header);
void logout(Context& ctx, const std::string& authorization_header);
std::string start_session(sql::Connection& c, const std::string& kind, domain::Id subject, domain::Instant now);

// The first admin, from CRENEAU_ADMIN_EMAIL / CRENEAU_ADMIN_PASSWORD, when the database has no staff yet.
void ensure_first_admin(Context& ctx);

// Log-in throttling per identifier: after too many failures within a minute, 429 too_many_attempts.
void check_login_allowed(const std::string& identifier, domain::Instant now);
void record_login_failure(const std::string& identifier, domain::Instant now);

}  // namespace creneau::app::auth
