#include "app/portal.hpp"

#include "app/audit.hpp"
#include "app/auth.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/rules.hpp"
#include "domain/text.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/locks.hpp"
#include "store/outbox.hpp"
#include "store/packages.hpp"

#include <algorithm>
#include <cctype>

namespace creneau::app::portal {

using domain::Error;
using domain::validation;

namespace {

constexpr auto kResetLifetime = std::chrono::hours(1);
// Beyond this many live reset links, a request sends nothing more (quietly: the answer is always 202).
constexpr std::int64_t kMaxLiveResets = 5;

std::string trim(std::string s) {
  auto blank = [](unsigned char ch) { return std::isspace(ch) != 0; };
  while (!s.empty() && blank(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && blank(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// What a log-in identifier is: an e-mail address (it has an @) or a phone number, normalised.
struct Identifier {
  std::optional<std::string> email, phone;
  std::string key;  // what throttling counts failures against
};
Identifier read_identifier(const std::string& raw, const std::string& country) {
  Identifier id;
  auto text = trim(raw);
  if (text.find('@') != std::string::npos) {
    id.email = lower(text);
    id.key = *id.email;
  } else if (auto phone = domain::normalize_phone(text, country)) {
    id.phone = *phone;
    id.key = *phone;
  } else {
    id.key = lower(text);
  }
  return id;
}

std::optional<store::auth::Account> find_by(sql::Connection& c, const Identifier& id) {
  if (id.email) return store::auth::find_account_by_email(c, *id.email);
  if (id.phone) return store::auth::find_account_by_phone(c, *id.phone);
  return std::nullopt;
}

std::string country_of(Context& ctx) {
  return ctx.db.read([](sql::Connection& c) { return store::catalogue::load_settings(c).country; });
}

store::auth::Account load_account(sql::Connection& c, Id id) {
  auto a = store::auth::find_account(c, id);
  if (!a) throw domain::not_found("account");
  return *a;
}

// The client files an account acts for: its own file (provisional or not) and its file's family members.
std::vector<Id> family(sql::Connection& c, const store::auth::Account& a, domain::Instant now) {
  std::vector<Id> ids;
  if (!a.client_id) return ids;
  ids.push_back(*a.client_id);
  for (const auto& m : store::client_files::members(c, *a.client_id, now)) ids.push_back(m.client.id);
  return ids;
}

bool in_family(const std::vector<Id>& ids, Id client_id) {
  return std::find(ids.begin(), ids.end(), client_id) != ids.end();
}

booking::Origin online(const Principal& who) { return {who.actor(), true, who.id}; }

// The appointment, if it belongs to the account's family; not_found otherwise (no hint it exists).
domain::Appointment owned(Context& ctx, const Principal& who, Id id) {
  return ctx.db.read([&](sql::Connection& c) {
    auto account = load_account(c, who.id);
    auto a = store::appointments::find(c, id);
    if (!a || !in_family(family(c, account, ctx.now()), a->client_id)) throw domain::not_found("appointment");
    return *a;
  });
}

domain::Arg audience_words(const std::string& audience) {
  if (audience == "child") return domain::Text("children under 12");
  if (audience == "teen") return domain::Text("teenagers from 12 to 17");
  if (audience == "adult") return domain::Text("adults (18 and over)");
  return audience;
}

// Every service of the visit must suit the person it is for, as old as they will be that day.
void check_audience(sql::Connection& c, const domain::Client& person, const booking::BookRequest& r) {
  auto settings = store::catalogue::load_settings(c, r.salon_id ? r.salon_id : 1);
  auto day = domain::Zone(settings.timezone).local(r.start).date;
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    auto service = store::catalogue::find_service(c, r.lines[i].service_id);
    if (!service) continue;  // booking says "no such service"
    if (domain::audience_fits(service->audience, person.birth_date, day)) continue;
    throw validation("lines[" + std::to_string(i) + "].service_id",
                     "\"{}\" is a service for {}, and {} will be {} that day: choose a service that suits them",
                     {service->name, audience_words(service->audience), person.first_name + " " + person.last_name,
                      std::to_string(domain::age_on(*person.birth_date, day))});
  }
}

// A file made from the account, for its first booking: provisional until the front desk looks at it.
Id provisional_file(sql::Connection& c, const store::auth::Account& a, domain::Instant now) {
  domain::Client client;
  client.first_name = a.first_name;
  client.last_name = a.last_name;
  client.email = a.email.value_or("");
  client.phone = a.phone.value_or("");
  auto id = store::clients::insert(c, client, now, true);
  store::auth::set_account_client(c, a.id, id);
  return id;
}

}  // namespace

Session register_account(Context& ctx, Registration r) {
  r.first_name = trim(r.first_name);
  r.last_name = trim(r.last_name);
  r.email = lower(trim(r.email));
  r.phone = trim(r.phone);
  if (r.first_name.empty()) throw validation("first_name", "the first name is required");
  if (r.last_name.empty()) throw validation("last_name", "the last name is required");
  if (r.email.empty() && r.phone.empty())
    throw validation("email", "give an e-mail address or a mobile number (or both): you will log in with it");
  if (!r.email.empty() && !domain::plausible_email(r.email))
    throw validation("email", "this is not a valid e-mail address");
  auto country = country_of(ctx);
  if (!r.phone.empty()) {
    auto phone = domain::normalize_phone(r.phone, country);
    if (!phone) throw validation("phone", "this is not a phone number");
    r.phone = *phone;
  }
  auth::check_password_strength(r.password);
  store::auth::Account a;
  if (!r.email.empty()) a.email = r.email;
  if (!r.phone.empty()) a.phone = r.phone;
  a.first_name = r.first_name;
  a.last_name = r.last_name;
  a.password_hash = auth::hash_password(r.password);  // slow: outside the transaction
  a.created_at = ctx.now();
  auto taken_email = [] {
    return validation("email", "an account already uses this e-mail address: log in, or reset the password");
  };
  auto taken_phone = [] {
    return validation("phone", "an account already uses this mobile number: log in, or reset the password");
  };
  try {
    return ctx.db.write([&](sql::Connection& c) {
      if (a.email && store::auth::find_account_by_email(c, *a.email)) throw taken_email();
      if (a.phone && store::auth::find_account_by_phone(c, *a.phone)) throw taken_phone();
      a.id = store::auth::insert_account(c, a);
      return Session{auth::start_session(c, domain::PrincipalKind::portal, a.id, ctx.now()), a};
    });
  } catch (const sql::ConstraintViolation&) {
    // Another registration with the same identifier won the race.
    throw a.email ? taken_email() : taken_phone();
  }
}

Session login(Context& ctx, const std::string& identifier, const std::string& password, const std::string& address) {
  if (trim(identifier).empty())
    throw validation("identifier", "'identifier' is required: your e-mail address or mobile number");
  auth::check_identifier_length(identifier, "identifier");
  auto id = read_identifier(identifier, country_of(ctx));
  auto started = ctx.now();
  auth::begin_login_attempt(id.key, started, address);
  auto account = ctx.db.read([&](sql::Connection& c) { return find_by(c, id); });
  // Hashed either way, so that an unknown identifier costs the same time as a wrong password.
  bool password_ok = auth::verify_password_or_dummy(account ? &account->password_hash : nullptr, password);
  if (!account) {
    if (id.email)
      throw Error(domain::ErrorCode::unknown_identifier, "no account uses this e-mail address: try your mobile number instead",
                  "identifier");
    if (id.phone)
      throw Error(domain::ErrorCode::unknown_identifier, "no account uses this mobile number: try your e-mail address instead",
                  "identifier");
    throw Error(domain::ErrorCode::unknown_identifier,
                "no account has this identifier: log in with your e-mail address or your mobile number", "identifier");
  }
  if (!password_ok) {
    throw Error(domain::ErrorCode::bad_credentials, "wrong password: try again, or reset it (\"forgot password\")", "password");
  }
  auto session = ctx.db.write([&](sql::Connection& c) {
    Session s{auth::start_session(c, domain::PrincipalKind::portal, account->id, ctx.now()), *account, false};
    s.link_pending = account->client_id && store::clients::is_pending_link(c, *account->client_id);
    return s;
  });
  auth::login_succeeded(id.key, started, address);
  return session;
}

void logout(Context& ctx, const std::string& authorization_header) { auth::logout(ctx, authorization_header); }

void forgot_password(Context& ctx, const std::string& identifier) {
  if (trim(identifier).empty())
    throw validation("identifier", "'identifier' is required: your e-mail address or mobile number");
  ctx.db.write([&](sql::Connection& c) {
    auto settings = store::catalogue::load_settings(c);
    auto account = find_by(c, read_identifier(identifier, settings.country));
    if (!account) return;
    if (store::auth::live_password_resets(c, account->id, ctx.now()) >= kMaxLiveResets) return;
    auto token = auth::new_token();
    auto hash = auth::token_hash(token);
    store::auth::insert_password_reset(c, hash, account->id, ctx.now() + kResetLifetime);
    auto text = domain::password_reset_text(settings.name, ctx.link_base() + "/book/reset/" + token, settings.language);
    store::outbox::Message m{};
    m.kind = "password_reset";
    m.channel = account->email ? "email" : "sms";
    m.to = account->email ? *account->email : account->phone.value_or("");
    m.subject = text.subject;
    m.body = text.body;
    m.client_id = account->client_id;
    m.created_at = ctx.now();
    m.idempotency_key = "password_reset-" + hash.substr(0, 32);
    store::outbox::enqueue(c, m);
  });
}

void reset_password(Context& ctx, const std::string& token, const std::string& password) {
  if (token.empty()) throw validation("token", "'token' is required");
  auth::check_password_strength(password);
  auto hash = auth::hash_password(password);
  ctx.db.write([&](sql::Connection& c) {
    auto account = store::auth::find_password_reset(c, auth::token_hash(token), ctx.now());
    if (!account) throw validation("token", "this reset link has expired or has already been used: ask for a new one");
    store::auth::set_account_password(c, *account, hash);
    store::auth::use_password_resets(c, *account);
    store::auth::delete_sessions_of(c, domain::PrincipalKind::portal, *account);
  });
}

Me me(Context& ctx, Id account_id) {
  return ctx.db.read([&](sql::Connection& c) {
    Me m;
    m.account = load_account(c, account_id);
    if (!m.account.client_id) return m;
    if (store::clients::is_pending_link(c, *m.account.client_id)) {
      m.link_pending = true;
      return m;
    }
    m.client = store::clients::find(c, *m.account.client_id, ctx.now());
    m.members = store::client_files::members(c, *m.account.client_id, ctx.now());
    m.packages = store::packages::list_for_client(c, *m.account.client_id);
    return m;
  });
}

domain::Appointment book(Context& ctx, const Principal& who, booking::BookRequest r, std::optional<Id> for_client_id) {
  // One transaction: whom for, the provisional file of a first booking, and the booking itself, so a
  // refused booking leaves no file behind. It writes only new rows and what booking::book_in locks.
  return ctx.db.write_fine([&](sql::Connection& c) {
    store::locks::KeySet keys;  // the account first: two first bookings at once make one provisional file
    keys.add(store::locks::Kind::account, who.id);
    store::locks::take(c, keys);
    auto account = load_account(c, who.id);
    auto ids = family(c, account, ctx.now());
    if (for_client_id && !in_family(ids, *for_client_id))
      throw validation("for_client_id",
                       "you can book for yourself and for the family members linked to your file only");
    auto id = for_client_id ? for_client_id : account.client_id;
    if (id) {
      auto client = store::clients::find(c, *id, ctx.now());
      if (!client) throw validation("for_client_id", "no such client");
      check_audience(c, *client, r);
      r.client_id = client->id;
    } else {
      // The account's first booking, before any file is its own: a provisional file, in the link queue.
      r.client_id = provisional_file(c, account, ctx.now());
      audit::record(c, ctx, who.actor(), "create", r.client_id, "via=portal");
    }
    return booking::book_in(c, ctx, r, online(who));
  });
}

AppointmentPage appointments(Context& ctx, const Principal& who, std::optional<domain::Instant> from,
                             std::optional<domain::Instant> to, int limit, int offset) {
  return ctx.db.read([&](sql::Connection& c) {
    AppointmentPage page;
    auto ids = family(c, load_account(c, who.id), ctx.now());
    if (ids.empty()) return page;
    store::appointments::Filter f;
    f.client_ids = ids;
    f.from = from;
    f.to = to;
    f.limit = limit;
    f.offset = offset;
    page.items = store::appointments::list(c, f, &page.total);
    return page;
  });
}

domain::Appointment appointment(Context& ctx, const Principal& who, Id id) { return owned(ctx, who, id); }

domain::Appointment cancel(Context& ctx, const Principal& who, Id id, const std::string& reason) {
  auto a = owned(ctx, who, id);
  if (a.cancelled()) return a;
  if (a.span.start <= ctx.now())
    throw Error(domain::ErrorCode::too_late, "this appointment has already started: it can no longer be cancelled online", "id");
  return booking::cancel(ctx, id, reason, online(who));
}

domain::Appointment reschedule(Context& ctx, const Principal& who, Id id, domain::Instant start) {
  owned(ctx, who, id);
  booking::ChangeRequest change;
  change.start = start;
  return booking::change(ctx, id, change, online(who));
}

booking::Availability reschedule_availability(Context& ctx, const Principal& who, Id id, domain::LocalDate from,
                                              domain::LocalDate to) {
  owned(ctx, who, id);
  return booking::reschedule_availability(ctx, id, from, to);
}

namespace {

std::vector<domain::Appointment> bookings_of(sql::Connection& c, Id client_id, std::optional<Id> account_id) {
  store::appointments::Filter f;
  f.client_id = client_id;
  f.account_id = account_id;
  f.limit = 500;
  return store::appointments::list(c, f);
}

LinkResult result(sql::Connection& c, Context& ctx, Id account_id, Id client_id) {
  LinkResult r;
  r.account_id = account_id;
  r.client = clients::detail_in(c, ctx, client_id);
  r.appointments = bookings_of(c, client_id, account_id);
  return r;
}

Error already_linked(Id client_id) {
  return validation("account_id", "this account is already linked to client file {}: merge the two files instead",
                    {std::to_string(client_id)});
}

}  // namespace

std::vector<QueueItem> link_queue(Context& ctx, int limit, int offset, std::int64_t& total) {
  return ctx.db.read([&](sql::Connection& c) {
    std::vector<QueueItem> out;
    for (auto& a : store::auth::accounts_pending_link(c, limit, offset, total)) {
      QueueItem item;
      item.client_id = a.client_id.value_or(0);
      item.appointments = bookings_of(c, item.client_id, std::nullopt);
      item.account = std::move(a);
      out.push_back(std::move(item));
    }
    return out;
  });
}

LinkResult link(Context& ctx, Id account_id, Id client_id, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    auto account = load_account(c, account_id);
    if (!store::clients::find(c, client_id, ctx.now())) throw validation("client_id", "no such client");
    auto current = account.client_id;
    bool pending = current && store::clients::is_pending_link(c, *current);
    if (current && *current == client_id) {
      store::clients::set_pending_link(c, client_id, false);
    } else {
      if (store::clients::is_pending_link(c, client_id))
        throw validation("client_id", "this file is itself waiting in the link queue: choose a file of the salon");
      if (current && !pending) throw already_linked(*current);
      // The provisional file goes into the chosen one: its bookings, and the account with them.
      if (current) {
        store::client_files::merge(c, client_id, *current, false, ctx.now());
        audit::record(c, ctx, by.actor(), "merge", *current, "into_id=" + std::to_string(client_id));
      }
      store::auth::set_account_client(c, account_id, client_id);
    }
    audit::record(c, ctx, by.actor(), "link_account", client_id,
                  "account_id=" + std::to_string(account_id) +
                      (current && *current != client_id ? ";from_id=" + std::to_string(*current) : ""));
    return result(c, ctx, account_id, client_id);
  });
}

LinkResult create_file(Context& ctx, Id account_id, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    auto account = load_account(c, account_id);
    Id client_id = 0;
    if (account.client_id) {
      if (!store::clients::is_pending_link(c, *account.client_id)) throw already_linked(*account.client_id);
      client_id = *account.client_id;
      store::clients::set_pending_link(c, client_id, false);
    } else {
      client_id = provisional_file(c, account, ctx.now());
      store::clients::set_pending_link(c, client_id, false);
    }
    audit::record(c, ctx, by.actor(), "create", client_id, "account_id=" + std::to_string(account_id));
    return result(c, ctx, account_id, client_id);
  });
}

}  // namespace creneau::app::portal
