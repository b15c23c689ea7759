#include "app/privacy.hpp"

#include "app/audit.hpp"
#include "app/auth.hpp"
#include "app/booking.hpp"
#include "domain/error.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/packages.hpp"

#include <algorithm>

namespace creneau::app::privacy {

using domain::validation;

namespace {

constexpr int kEverything = 1 << 30;

std::vector<domain::Appointment> appointments_of(sql::Connection& c, Id client_id) {
  store::appointments::Filter f;
  f.client_id = client_id;
  f.limit = kEverything;
  return store::appointments::list(c, f);
}

std::vector<store::outbox::Message> messages_to(sql::Connection& c, Id client_id) {
  store::outbox::Filter f;
  f.client_id = client_id;
  f.limit = kEverything;
  std::int64_t total = 0;
  auto out = store::outbox::list(c, f, total);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::vector<store::auth::Account> accounts_of(sql::Connection& c, Id client_id) {
  std::vector<store::auth::Account> out;
  for (auto id : store::privacy::accounts_of(c, client_id))
    if (auto a = store::auth::find_account(c, id)) out.push_back(std::move(*a));
  return out;
}

std::string export_detail(const Export& e) {
  return "appointments=" + std::to_string(e.appointments.size()) + ";messages=" + std::to_string(e.messages.size()) +
         ";accounts=" + std::to_string(e.accounts.size());
}

// Same instant `years` earlier on the salon's calendar (29 February → 28 February).
domain::Instant years_before(domain::Instant now, int years, const domain::Zone& zone) {
  auto local = zone.local(now);
  auto d = local.date;
  unsigned day = d.month() == 2 && d.day() == 29 ? 28 : d.day();
  return zone.at(domain::LocalDate::from_ymd(d.year() - years, d.month(), day), local.minute_of_day);
}

// A package bought and not used up while it can still be used: the salon owes the client those sessions.
bool unfinished_package(sql::Connection& c, Id client_id, const std::string& today) {
  for (const auto& p : store::packages::list_for_client(c, client_id))
    if (p.remaining > 0 && (!p.valid_until || *p.valid_until >= today)) return true;
  return false;
}

}  // namespace

Export export_client(Context& ctx, Id client_id, const Principal& by) {
  return ctx.db.write([&](sql::Connection& c) {
    Export e;
    e.at = ctx.now();
    e.file = clients::detail_in(c, ctx, client_id);
    e.accounts = accounts_of(c, client_id);
    e.appointments = appointments_of(c, client_id);
    e.messages = messages_to(c, client_id);
    audit::record(c, ctx, by.actor(), "export", client_id, export_detail(e));
    return e;
  });
}

Export export_account(Context& ctx, const Principal& who) {
  return ctx.db.write([&](sql::Connection& c) {
    auto account = store::auth::find_account(c, who.id);
    if (!account) throw domain::Error(domain::ErrorCode::unauthorized, "this account no longer exists");
    Export e;
    e.at = ctx.now();
    if (account->client_id) {
      // The provisional file of an account waiting in the link queue is held about them too.
      e.file = clients::detail_in(c, ctx, *account->client_id);
      e.accounts = accounts_of(c, *account->client_id);
      e.appointments = appointments_of(c, *account->client_id);
      e.messages = messages_to(c, *account->client_id);
    } else {
      e.accounts.push_back(*account);
    }
    audit::record(c, ctx, who.actor(), "export", account->client_id, "via=portal;" + export_detail(e));
    return e;
  });
}

bool erase_in(sql::Connection& c, Context& ctx, Id client_id, const domain::Actor& actor, const std::string& why,
              bool online) {
  auto client = store::clients::find(c, client_id, ctx.now());
  if (!client) throw domain::not_found("client");
  if (client->erased) return false;
  // Visits to come are cancelled first, silently: nobody is told of a person who asked to be forgotten.
  store::appointments::Filter f;
  f.client_id = client_id;
  f.from = ctx.now();
  f.limit = kEverything;
  int cancelled = 0;
  booking::Origin origin{actor, online, std::nullopt};
  for (const auto& a : store::appointments::list(c, f))
    if (!a.cancelled()) {
      booking::cancel_in(c, ctx, a.id, "", origin, false);
      ++cancelled;
    }
  auto accounts = accounts_of(c, client_id);
  std::vector<std::string> identifiers;
  for (const auto& a : accounts) {
    if (a.email) identifiers.push_back(*a.email);
    if (a.phone) identifiers.push_back(*a.phone);
  }
  store::privacy::blank_messages(c, client_id, identifiers);
  store::privacy::blank_appointments(c, client_id);
  audit::record(c, ctx, actor, "erase", client_id, why + ";cancelled=" + std::to_string(cancelled));
  for (const auto& a : accounts) {
    store::privacy::forget_audit_actor(c, "client", a.id);
    store::privacy::delete_account(c, a.id);
  }
  store::privacy::blank_client(c, client_id, ctx.now());
  return true;
}

void erase(Context& ctx, Id client_id, const Principal& by) {
  bool erased = ctx.db.write([&](sql::Connection& c) { return erase_in(c, ctx, client_id, by.actor(), "by=staff", false); });
  if (erased) ctx.db.truncate_log();
}

void delete_account(Context& ctx, const Principal& who, const std::string& password) {
  if (password.empty()) throw validation("password", "'password' is required: your password confirms the deletion");
  auto account = ctx.db.read([&](sql::Connection& c) { return store::auth::find_account(c, who.id); });
  if (!account) throw domain::Error(domain::ErrorCode::unauthorized, "this account no longer exists");
  // The same counter as the log-in of this identifier: guessing the password here is no easier than there.
  // Counted before the password is checked, so parallel guesses cannot pass the limit; a success is taken back.
  auto key = account->identifier();
  auto started = ctx.now();
  auth::begin_login_attempt(key, started);
  if (!auth::verify_password(account->password_hash, password))
    throw domain::Error(domain::ErrorCode::bad_credentials, "wrong password: your account was not deleted", "password");
  auth::login_succeeded(key, started);
  ctx.db.write([&](sql::Connection& c) {
    auto current = store::auth::find_account(c, who.id);
    if (!current) throw domain::Error(domain::ErrorCode::unauthorized, "this account no longer exists");
    if (current->client_id) {
      erase_in(c, ctx, *current->client_id, who.actor(), "by=client", true);
      // erase_in deleted every account of the file; one linked meanwhile to nothing is this one.
      if (store::auth::find_account(c, who.id)) store::privacy::delete_account(c, who.id);
      return;
    }
    std::vector<std::string> identifiers;
    if (current->email) identifiers.push_back(*current->email);
    if (current->phone) identifiers.push_back(*current->phone);
    store::privacy::blank_messages(c, 0, identifiers);
    audit::record(c, ctx, who.actor(), "erase", std::nullopt, "by=client;file=none");
    store::privacy::forget_audit_actor(c, "client", who.id);
    store::privacy::delete_account(c, who.id);
  });
  ctx.db.truncate_log();
}

int erase_expired(Context& ctx, domain::Instant now) {
  int erased = ctx.db.write([&](sql::Connection& c) {
    auto settings = store::catalogue::load_settings(c);
    domain::Zone zone(settings.timezone);
    auto years = store::privacy::load_network(c).retention_years;
    auto cutoff = years_before(now, years, zone);
    auto today = zone.local(now).date.iso();
    // The use cases read the context's clock; the jobs run as of `now`.
    Context at_now = ctx.pinned_at(now);
    int n = 0;
    for (auto id : store::privacy::expired_files(c, cutoff, now)) {
      if (unfinished_package(c, id, today)) continue;
      if (erase_in(c, at_now, id, audit::system_actor(),
                   "by=retention;retention_years=" + std::to_string(years), false))
        ++n;
    }
    return n;
  });
  if (erased) ctx.db.truncate_log();
  return erased;
}

Network network(Context& ctx) {
  return ctx.db.read([&](sql::Connection& c) {
    auto n = store::privacy::load_network(c);
    return Network{n.name.empty() ? store::catalogue::load_settings(c).name : n.name, n.retention_years};
  });
}

Network update_network(Context& ctx, const NetworkPatch& patch) {
  if (patch.name && (patch.name->empty() || patch.name->size() > 200))
    throw validation("name", "the network's name is 1 to 200 characters");
  if (patch.retention_years && (*patch.retention_years < 1 || *patch.retention_years > 30))
    throw validation("retention_years", "retention_years is a whole number of years from 1 to 30");
  ctx.db.write([&](sql::Connection& c) {
    auto n = store::privacy::load_network(c);
    if (patch.name) n.name = *patch.name;
    if (patch.retention_years) n.retention_years = *patch.retention_years;
    store::privacy::save_network(c, n);
  });
  return network(ctx);
}

std::string unsubscribe_link(sql::Connection& c, Context& ctx, Id client_id) {
  auto token = auth::new_token();
  store::privacy::insert_unsubscribe(c, auth::token_hash(token), client_id, ctx.now());
  return ctx.link_base() + "/book/unsubscribe/" + token;
}

void unsubscribe(Context& ctx, const std::string& token) {
  ctx.db.write([&](sql::Connection& c) {
    auto client = store::privacy::find_unsubscribe(c, auth::token_hash(token));
    if (!client) throw domain::not_found("unsubscribe link");
    store::privacy::set_marketing_opt_out(c, *client, true);
    // The holder of the link, not a logged-in account: no id, no name.
    audit::record(c, ctx, {"client", 0, ""}, "unsubscribe", *client, "fields=marketing_opt_out;via=link");
  });
}

AuditPage audit_log(Context& ctx, const store::privacy::AuditFilter& filter) {
  return ctx.db.read([&](sql::Connection& c) {
    AuditPage p;
    p.items = store::privacy::list_audit(c, filter, p.total);
    return p;
  });
}

}  // namespace creneau::app::privacy
