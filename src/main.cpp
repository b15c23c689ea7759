// creneau: the command line. Parses flags and hands over; nothing else lives here.
#include "app/auth.hpp"
#include "app/context.hpp"
#include "app/demo.hpp"
#include "app/jobs.hpp"
#include "app/salon.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "store/copy.hpp"
#include "store/database.hpp"
#include "store/maintenance.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  using namespace creneau;
  CLI::App cli{"Creneau: appointment booking and client files for salons and studios"};
  cli.set_version_flag("--version", std::string(CRENEAU_VERSION));
  cli.require_subcommand(1);

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (API, staff back office at /, client portal at /book)");
  std::string db_url = "creneau.db", listen = "127.0.0.1:8080", web_root = http::default_web_root();
  std::string smtp, sms_gateway, public_url, log_file;
  std::vector<std::string> trusted_proxies;
  bool demo = false;
  int log_requests = 0;  // 1 on, -1 off, 0 auto
  int threads = 8;
  std::size_t max_connections = 0;
  std::string db_read, pg_locking = "fine", salon_cache = "on";
  serve->add_option("--db", db_url, "SQLite file (created if missing) or postgresql://user:pass@host/db URL")
      ->envname("CRENEAU_DB")->capture_default_str();
  serve->add_option("--db-read", db_read,
                    "PostgreSQL hot standby (postgresql://…) for availability, agenda and list reads; writes go to --db");
  serve->add_option("--pg-locking", pg_locking,
                    "PostgreSQL writers: fine (bookings lock their staff, rooms and client, and run side by side) or "
                    "global (one writer at a time)")
      ->check(CLI::IsMember({"fine", "global"}))
      ->capture_default_str();
  serve->add_option("--salon-cache", salon_cache,
                    "on: keep each salon's settings, catalogue and staff schedules between requests, read again after "
                    "any catalogue change; off: read them at every request (for comparisons)")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->envname("CRENEAU_LISTEN")->capture_default_str();
  serve->add_flag("--demo", demo, "Load a demo salon into an empty database");
  serve->add_option("--smtp", smtp, "SMTP server for e-mail, smtp://[user:pass@]host:port (smtps:// for TLS)")
      ->envname("CRENEAU_SMTP");
  serve->add_option("--sms-gateway", sms_gateway, "URL that receives SMS as HTTP POST {\"to\",\"body\"}")
      ->envname("CRENEAU_SMS_GATEWAY");
  serve->add_option("--public-url", public_url,
                    "Address clients use in links (default: the trusted proxy's forwarded address, else http://HOST:PORT)")
      ->envname("CRENEAU_PUBLIC_URL");
  serve->add_option("--trusted-proxy", trusted_proxies,
                    "ADDR[,ADDR]: reverse proxies whose X-Forwarded-For/-Proto/-Host are believed")
      ->delimiter(',')->envname("CRENEAU_TRUSTED_PROXY");
  serve->add_option("--log-file", log_file, "Append one JSON line per request to this file")->envname("CRENEAU_LOG_FILE");
  serve->add_flag("--log-requests,!--no-log-requests", log_requests,
                  "Request lines on standard error (default: on unless standard error is a terminal)")
      ->envname("CRENEAU_LOG_REQUESTS");
  serve->add_option("--web-root", web_root, "Folder of the built web UI")->capture_default_str();
  serve->add_option("--threads", threads, "HTTP worker threads")->capture_default_str();
  serve->add_option("--max-connections", max_connections,
                    "Open HTTP connections at most; more wait until one closes (default: from the open-file limit, "
                    "at most 10000)");
  serve->footer(
      "Environment:\n  CRENEAU_ADMIN_EMAIL, CRENEAU_ADMIN_PASSWORD  create the first admin of a database that has none\n"
      "  CRENEAU_MAIL_FROM  sender address of e-mails (also ?from= in the --smtp URL)\n"
      "  CRENEAU_DB, CRENEAU_LISTEN, CRENEAU_PUBLIC_URL, CRENEAU_SMTP, CRENEAU_SMS_GATEWAY, CRENEAU_TRUSTED_PROXY,\n"
      "  CRENEAU_LOG_FILE, CRENEAU_LOG_REQUESTS  the options of the same names (a flag given wins)");

  auto* migrate = cli.add_subcommand("migrate", "Copy a salon from one database to another (e.g. SQLite to PostgreSQL)");
  std::string from, to;
  migrate->add_option("--from", from, "Source database (file or URL)")->required();
  migrate->add_option("--to", to, "Target database, empty (file or URL)")->required();

  auto* backup = cli.add_subcommand("backup", "Copy a SQLite database consistently, even while the server runs");
  std::string backup_db, backup_to;
  backup->add_option("--db", backup_db, "The SQLite file to copy")->required();
  backup->add_option("--to", backup_to, "The copy (replaced atomically when it exists)")->required();

  auto* check = cli.add_subcommand("check", "Report a database's schema version and integrity (exit 0 when sound)");
  std::string check_db;
  check->add_option("--db", check_db, "SQLite file or postgresql:// URL")->required();

  auto* routes = cli.add_subcommand("routes", "Print the HTTP route table (METHOD PATTERN per line)");
  bool routes_json = false;
  routes->add_flag("--json", routes_json, "As JSON, with each route's access (level, salon, finer rule)");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*migrate) {
      auto source = store::Database::open(from, 1);
      auto target = store::Database::open(to, 1);
      for (const auto& [table, count] : store::copy_database(*source, *target))
        std::printf("%-24s %lld\n", table.c_str(), static_cast<long long>(count));
      return 0;
    }
    if (*backup) {
      store::backup_sqlite(backup_db, backup_to, std::cout);
      return 0;
    }
    if (*check) return store::check_database(check_db, std::cout);
    if (*routes) {
      auto db = store::Database::open(":memory:", 1);  // the table needs a context; nothing is called
      app::Context ctx{*db, {}, {}};
      http::Api api(ctx, {});
      if (routes_json) {
        std::fputs(http::route_table_json(api.router()).c_str(), stdout);
        return 0;
      }
      for (const auto& r : api.router().routes()) std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
      return 0;
    }

    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen takes HOST:PORT");
    http::ServerOptions options;
    options.host = listen.substr(0, colon);
    options.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
    options.threads = threads;
    options.max_connections = max_connections;

    std::unique_ptr<http::RequestLog> request_log;
    if (!log_file.empty()) request_log = http::RequestLog::to_file(log_file);
    else if (log_requests > 0 || (log_requests == 0 && !isatty(STDERR_FILENO))) request_log = http::RequestLog::to_stderr();

    auto pool = static_cast<std::size_t>(threads) + 2;
    auto db = store::Database::open(db_url, pool, pg_locking == "global" ? store::Locking::global : store::Locking::fine);
    std::unique_ptr<store::Database> read_db;
    if (!db_read.empty()) read_db = store::Database::open_read_only(db_read, pool);
    app::Context ctx{*db, {}, {}};
    ctx.read_db = read_db.get();
    if (salon_cache == "on") ctx.salons = std::make_shared<app::SalonCache>();
    app::auth::ensure_first_admin(ctx);
    if (demo) app::load_demo(ctx);
    http::Api api(ctx, {web_root, {trusted_proxies}, !public_url.empty(), request_log.get()});
    ctx.delivery = {smtp, sms_gateway};
    app::jobs::Scheduler scheduler(ctx);

    http::serve(
        options, [&api](http::Request& req) { return api.handle(req); },
        [&](unsigned short port) {
          ctx.public_url = public_url.empty() ? "http://" + options.host + ":" + std::to_string(port) : public_url;
          scheduler.start();
          std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"listening\",\"url\":\"http://%s:%u\",\"db\":\"%s\"}\n",
                       options.host.c_str(), port, db->dialect().data());
        });
    scheduler.stop();
    std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopped\"}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "creneau: %s\n", e.what());
    return 1;
  }
  return 0;
}
