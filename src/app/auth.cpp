#include "app/auth.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "domain/throttle.hpp"
#include "store/auth.hpp"
#include "store/catalogue.hpp"

#include <sodium.h>

#include <cstdlib>
#include <deque>
#include <mutex>

namespace creneau::app::auth {

using domain::Error;

namespace {
struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  }
};
void init() { static SodiumInit once; }

std::string hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

constexpr auto kSessionLifetime = std::chrono::hours(24 * 30);
}  // namespace

std::string hash_password(const std::string& password) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  init();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

bool verify_password_or_dummy(const std::string* hash, const std::string& password) {
  if (hash) return verify_password(*hash, password);
  // Made once, from a random password nobody knows, with the same parameters as every stored hash.
  static const std::string dummy = hash_password(new_token());
  verify_password(dummy, password);
  return false;
}

std::string new_token() {
  init();
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return hex(buf, sizeof buf);
}

std::string token_hash(const std::string& token) {
  init();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex(out, sizeof out);
}

void check_password_strength(const std::string& password, const std::string& field) {
  if (password.size() < 8) throw domain::validation(field, "the password must have at least 8 characters");
  if (password.size() > 256) throw domain::validation(field, "the password is too long");
}

std::string start_session(sql::Connection& c, domain::PrincipalKind kind, domain::Id subject, domain::Instant now) {
  auto token = new_token();
  store::auth::insert_session(c, token_hash(token), {kind, subject, now + kSessionLifetime});
  return token;
}

void check_identifier_length(const std::string& identifier, const char* field) {
  if (identifier.size() > kMaxIdentifierLength)
    throw domain::validation(field, "this is longer than any e-mail address or phone number (at most {} characters)",
                             {std::to_string(kMaxIdentifierLength)});
}

namespace {
// Attempts of the last minute per folded identifier, bounded: identifiers are at most kMaxIdentifierLength
// long, each keeps at most kMaxAttemptsPerMinute instants, and at most kMaxThrottled identifiers are kept.
struct Attempts {
  std::mutex mutex;
  domain::AttemptLog by_identifier{kMaxAttemptsPerMinute, kMaxThrottled};
  domain::AttemptLog by_address{kMaxAttemptsPerAddressPerMinute, kMaxThrottled};

  void begin(const std::string& identifier, domain::Instant now, const std::string& address) {
    std::lock_guard lock(mutex);
    if (!address.empty() && !by_address.try_begin(address, now))
      throw Error(domain::ErrorCode::too_many_attempts, "too many failed log-ins from your address: wait a minute and try again");
    if (!by_identifier.try_begin(domain::fold(identifier), now)) {
      if (!address.empty()) by_address.take_back(address, now);  // refused before any password was tried
      throw Error(domain::ErrorCode::too_many_attempts, "too many failed log-ins for this identifier: wait a minute and try again");
    }
  }
  void succeeded(const std::string& identifier, domain::Instant now, const std::string& address) {
    std::lock_guard lock(mutex);
    by_identifier.take_back(domain::fold(identifier), now);
    if (!address.empty()) by_address.take_back(address, now);
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return by_identifier.keys() + by_address.keys();
  }
};

Attempts& attempts() {
  static Attempts a;
  return a;
}
}  // namespace

void begin_login_attempt(const std::string& identifier, domain::Instant now, const std::string& address) {
  attempts().begin(identifier, now, address);
}
void login_succeeded(const std::string& identifier, domain::Instant now, const std::string& address) {
  attempts().succeeded(identifier, now, address);
}
std::size_t throttled_identifiers() { return attempts().size(); }

StaffLogin login_staff(Context& ctx, const std::string& email, const std::string& password,
                       const std::string& address) {
  check_identifier_length(email, "email");
  auto started = ctx.now();
  begin_login_attempt(email, started, address);
  auto record = ctx.db.read([&](sql::Connection& c) { return store::catalogue::find_staff_by_email(c, email); });
  if (!verify_password_or_dummy(record ? &record->password_hash : nullptr, password))
    throw Error(domain::ErrorCode::bad_credentials, "wrong e-mail or password");
  auto token = ctx.db.write([&](sql::Connection& c) { return start_session(c, domain::PrincipalKind::staff, record->staff.id, ctx.now()); });
  login_succeeded(email, started, address);
  return {token, record->staff};
}

namespace {
std::string bearer(const std::string& header) {
  constexpr std::string_view prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
  return header.substr(prefix.size());
}
}  // namespace

Principal authenticate(Context& ctx, const std::string& header) {
  auto token = bearer(header);
  if (token.empty()) throw Error(domain::ErrorCode::unauthorized, "log in first: this route needs a bearer token");
  auto hash = token_hash(token);
  auto holder = ctx.db.read_statement([&](sql::Connection& c) { return store::auth::find_session_holder(c, hash); });
  if (!holder || holder->session.expires_at <= ctx.now())
    throw Error(domain::ErrorCode::unauthorized, "the session has expired or does not exist");
  const auto& s = holder->session;
  Principal p{s.kind, s.subject_id, {}, {}, {}};
  if (s.kind == domain::PrincipalKind::staff) {
    if (!holder->staff || !holder->staff->active) throw Error(domain::ErrorCode::unauthorized, "this staff account no longer exists");
    p.role = holder->staff->role;
    p.name = holder->staff->display_name();
    p.salon_ids = std::move(holder->staff->salon_ids);  // none for an admin, who works everywhere (Principal::works_at)
  } else {
    if (!holder->account_name) throw Error(domain::ErrorCode::unauthorized, "this account no longer exists");
    p.name = *holder->account_name;
  }
  return p;
}

void logout(Context& ctx, const std::string& header) {
  auto token = bearer(header);
  ctx.db.write([&](sql::Connection& c) { store::auth::delete_session(c, token_hash(token)); });
}

void ensure_first_admin(Context& ctx) {
  const char* email = std::getenv("CRENEAU_ADMIN_EMAIL");
  const char* password = std::getenv("CRENEAU_ADMIN_PASSWORD");
  if (!email || !password || !*email || !*password) return;
  // Only a database without any admin gets one; checked first so a restart costs no password hash.
  auto has_admin = [&](sql::Connection& c) {
    return store::catalogue::find_staff_by_email(c, email) ||
           c.query("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1").at(0).integer(0) > 0;
  };
  if (ctx.db.read(has_admin)) return;
  auto hash = hash_password(password);
  ctx.db.write([&](sql::Connection& c) {
    if (has_admin(c)) return;  // another server of the network made it meanwhile
    domain::Staff admin;
    admin.first_name = "Admin";
    admin.email = email;
    admin.role = domain::Role::admin;
    admin.salon_ids = {1};
    store::catalogue::insert_staff(c, admin, hash, ctx.now());
  });
}

}  // namespace creneau::app::auth
