#include "domain/packages.hpp"

#include "domain/error.hpp"

#include <algorithm>

namespace creneau::domain {

void check_package_type(PackageType& t) {
  if (t.name.empty()) throw validation("name", "the name is required");
  if (t.sessions < 1 || t.sessions > 1000) throw validation("sessions", "a package has 1 to 1000 sessions");
  if (t.audience != "child" && t.audience != "teen" && t.audience != "adult" && t.audience != "all")
    throw validation("audience", "audience is child, teen, adult or all");
  if (t.scope != "network" && t.scope != "salon") throw validation("scope", "scope is network or salon");
  if (t.validity_days < 0 || t.validity_days > 3660)
    throw validation("validity_days", "validity is 0 (no expiry) to 3660 days");
  std::sort(t.service_ids.begin(), t.service_ids.end());
  t.service_ids.erase(std::unique(t.service_ids.begin(), t.service_ids.end()), t.service_ids.end());
  if (t.service_ids.empty()) throw validation("service_ids", "a package covers at least one service");
}

bool Package::covers(Id service_id) const {
  return std::find(service_ids.begin(), service_ids.end(), service_id) != service_ids.end();
}

bool Package::valid_on(LocalDate day) const {
  if (day < start_date) return false;
  return validity_days <= 0 || day < start_date.plus_days(static_cast<int>(validity_days));
}

std::optional<LocalDate> Package::last_day() const {
  if (validity_days <= 0) return std::nullopt;
  return start_date.plus_days(static_cast<int>(validity_days) - 1);
}

PackageUsage usage_of(const Package& p) {
  PackageUsage u;
  for (const auto& use : p.uses) {
    if (!p.valid_on(use.day)) continue;
    ++u.used;
    if (use.no_show) ++u.no_shows;
  }
  u.remaining = std::max<std::int64_t>(0, p.sessions - u.used);
  return u;
}

void sort_oldest_first(std::vector<Package>& packages) {
  std::stable_sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
    if (a.start_date != b.start_date) return a.start_date < b.start_date;
    return a.id < b.id;
  });
}

ClientPackage client_package_view(const Package& p) {
  auto u = usage_of(p);
  ClientPackage v;
  v.id = p.id;
  v.client_id = p.client_id;
  v.package_type_id = p.package_type_id;
  v.name = p.name;
  v.sessions = p.sessions;
  v.used = u.used;
  v.no_shows = u.no_shows;
  v.remaining = u.remaining;
  v.start_date = p.start_date.iso();
  v.validity_days = p.validity_days;
  if (auto last = p.last_day()) v.valid_until = last->iso();
  v.service_ids = p.service_ids;
  v.salon_id = p.salon_id;
  v.scope = p.salon_only ? "salon" : "network";
  return v;
}

namespace {


}  // namespace

std::vector<std::optional<Id>> allocate_packages(const std::vector<PackageLine>& lines, std::vector<Package> packages,
                                                 bool discovery_used) {
  sort_oldest_first(packages);
  std::vector<std::optional<Id>> chosen(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    auto field = "lines[" + std::to_string(i) + "].service_id";
    if (line.discovery) {
      if (discovery_used)
        throw Error(domain::ErrorCode::discovery_already_used,
                    "a discovery session can be booked only once per client, and one has already been booked", field);
      discovery_used = true;  // a second discovery line in the same visit is refused too
    }
    if (!line.package_only) continue;

    const Package* covering_elsewhen = nullptr;  // covers the service, but not on that day
    const Package* exhausted = nullptr;          // covers it that day, no session left
    for (auto& p : packages) {
      if (!p.covers(line.service_id)) continue;
      if (!p.valid_on(line.day)) {
        if (!covering_elsewhen) covering_elsewhen = &p;
        continue;
      }
      if (usage_of(p).remaining <= 0) {
        if (!exhausted) exhausted = &p;
        continue;
      }
      chosen[i] = p.id;
      p.uses.push_back({line.day, false});  // later lines of this visit see the session as taken
      break;
    }
    if (chosen[i]) continue;
    if (exhausted)
      throw Error(domain::ErrorCode::package_exhausted, "the package \"{}\" has no session left for \"{}\": all {} sessions are used or booked",
                  field, {exhausted->name, line.service_name, std::to_string(exhausted->sessions)});
    if (covering_elsewhen) {
      const auto& p = *covering_elsewhen;
      if (auto last = p.last_day())
        throw Error(domain::ErrorCode::no_package,
                    "\"{}\" is only available with a package that covers it, and none is valid on {} (\"{}\" is valid "
                    "from {} to {})",
                    field, {line.service_name, line.day.iso(), p.name, p.start_date.iso(), last->iso()});
      throw Error(domain::ErrorCode::no_package,
                  "\"{}\" is only available with a package that covers it, and none is valid on {} (\"{}\" starts on {})",
                  field, {line.service_name, line.day.iso(), p.name, p.start_date.iso()});
    }
    throw Error(domain::ErrorCode::no_package, "\"{}\" is only available with a package that covers it, and there is none for this client",
                field, {line.service_name});
  }
  return chosen;
}

}  // namespace creneau::domain
