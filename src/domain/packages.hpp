#pragma once
// Package ("forfait") accounting, pure: which package a booked line consumes, how many sessions a package has
// used, and the refusals no_package / package_exhausted / discovery_already_used. Storage loads the values,
// these functions decide. All days are the salon's local dates.
#include "domain/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace creneau::domain {

// What the salon sells: N sessions of some services, valid `validity_days` from the client's start date.
struct PackageType {
  Id id = 0;
  std::string name;
  std::int64_t sessions = 1;
  std::vector<Id> service_ids;     // the services a session may be spent on
  std::string audience = "all";    // child | teen | adult | all
  std::int64_t validity_days = 0;  // 0 = no expiry
  std::string scope = "network";   // network: used at any salon | salon: only where it was sold
};

// Throws validation_failed for a nameless type, fewer than 1 session, an unknown audience, a negative
// validity or no covered service. Sorts and deduplicates `service_ids`.
void check_package_type(PackageType& t);

// One session taken from a package: a line bound to it whose visit is not cancelled (a no-show included).
struct PackageUse {
  LocalDate day;  // local date of the line
  bool no_show = false;
};

// A package a client holds, with the sessions taken by visits (other than the one being booked).
struct Package {
  Id id = 0;
  Id client_id = 0;
  Id package_type_id = 0;
  std::string name;
  std::int64_t sessions = 0;
  std::vector<Id> service_ids;
  LocalDate start_date;
  std::int64_t validity_days = 0;  // 0 = no expiry
  std::vector<PackageUse> uses;
  Id salon_id = 1;                 // where it was sold
  bool salon_only = false;         // scope "salon": its sessions are spent only there

  bool covers(Id service_id) const;
  // From start_date, for validity_days days (the last valid day is start_date + validity_days - 1).
  bool valid_on(LocalDate day) const;
  std::optional<LocalDate> last_day() const;  // nullopt: no expiry
};

// Sessions used (a no-show still uses its session), of which no-shows, and remaining. Only uses inside the
// validity window count: a visit before the start date or after expiry never takes a session.
struct PackageUsage {
  std::int64_t used = 0, no_shows = 0, remaining = 0;
};
PackageUsage usage_of(const Package& p);

// Oldest first: by start date, then by id (the order packages are spent in).
void sort_oldest_first(std::vector<Package>& packages);

// A package as the client file, the portal and the package routes show it; plain values named like the JSON
// keys ("10 sessions, 3 used (1 no-show), 7 left"). Dates are YYYY-MM-DD.
struct ClientPackage {
  Id id = 0;
  Id client_id = 0;
  Id package_type_id = 0;
  std::string name;
  std::int64_t sessions = 0, used = 0, no_shows = 0, remaining = 0;
  std::string start_date;
  std::int64_t validity_days = 0;
  std::optional<std::string> valid_until;  // last valid day; nullopt (JSON null) when it never expires
  std::vector<Id> service_ids;
  Id salon_id = 1;
  std::string scope = "network";
};
ClientPackage client_package_view(const Package& p);

// One line of a visit being booked or moved, as the package rules see it.
struct PackageLine {
  Id service_id = 0;
  std::string service_name;
  bool package_only = false;  // the "included in my package" variant: consumes a session
  bool discovery = false;     // a trial session, once per client
  LocalDate day;              // local date of the line
};

// Picks the package each line consumes: for a package_only line, the oldest package that covers its service,
// is valid on its day and has a session left (earlier lines of the same visit count). Other lines get none.
// `packages`: the client's packages with the uses of other visits; `discovery_used`: the client already has
// a visit (not cancelled, not this one) with a discovery line.
// Throws, with field "lines[i].service_id": no_package (no package covers the service on that day),
// package_exhausted (covering packages valid that day have no session left), discovery_already_used (a
// discovery line when one was already booked, or a second one in the same visit).
std::vector<std::optional<Id>> allocate_packages(const std::vector<PackageLine>& lines, std::vector<Package> packages,
                                                 bool discovery_used);

}  // namespace creneau::domain
