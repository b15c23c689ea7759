#pragma once
// Settings, staff (hours, skills, time off), resources and services.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <map>
#include <optional>
#include <vector>

namespace creneau::store::catalogue {

using domain::Id;

// A salon's settings (salon 1, the only one of a single-salon deployment, when not named); its name and time
// zone are the salon's own.
domain::Settings load_settings(sql::Connection& c, Id salon_id = 1);
void save_settings(sql::Connection& c, const domain::Settings& s, Id salon_id = 1);

// The catalogue's version (migration 010): moved forward, in the writer's transaction, by every write to what a
// salon's frame is read from (salons, settings, services and their rooms, overrides, rooms, staff, their hours,
// salons and skills).
std::int64_t version(sql::Connection& c);

struct StaffRecord {
  domain::Staff staff;
  std::string password_hash;
};
std::vector<domain::Staff> list_staff(sql::Connection& c, bool include_inactive = false);
std::optional<domain::Staff> find_staff(sql::Connection& c, Id id);
// The active staff members who work at one salon, with all their hours and skills.
std::vector<domain::Staff> list_staff_at(sql::Connection& c, Id salon_id);
std::optional<StaffRecord> find_staff_by_email(sql::Connection& c, const std::string& email);
Id insert_staff(sql::Connection& c, const domain::Staff& s, const std::string& password_hash, domain::Instant now);
void update_staff(sql::Connection& c, const domain::Staff& s, const std::optional<std::string>& password_hash);
std::int64_t count_staff(sql::Connection& c);

Id insert_time_off(sql::Connection& c, const domain::TimeOff& t);
// Of every staff member, or of those who work at `salon_id`.
std::vector<domain::TimeOff> time_off_between(sql::Connection& c, domain::Instant from, domain::Instant to,
                                             std::optional<Id> salon_id = std::nullopt);
// Time off overlapping [from, to) (an open bound when absent), of one staff member or all, by start then id.
struct TimeOffFilter {
  std::optional<domain::Instant> from, to;
  std::optional<Id> staff_id;
};
std::vector<domain::TimeOff> list_time_off(sql::Connection& c, const TimeOffFilter& f);
std::optional<domain::TimeOff> find_time_off(sql::Connection& c, Id id);
void delete_time_off(sql::Connection& c, Id id);

// Every salon's, or one salon's.
std::vector<domain::Resource> list_resources(sql::Connection& c, std::optional<Id> salon_id = std::nullopt);
std::optional<domain::Resource> find_resource(sql::Connection& c, Id id);
Id insert_resource(sql::Connection& c, const domain::Resource& r);
void update_resource(sql::Connection& c, const domain::Resource& r);
void deactivate_resource(sql::Connection& c, Id id);

std::vector<domain::Service> list_services(sql::Connection& c, bool include_inactive = false);
std::optional<domain::Service> find_service(sql::Connection& c, Id id);
Id insert_service(sql::Connection& c, const domain::Service& s);
void update_service(sql::Connection& c, const domain::Service& s);
void deactivate_service(sql::Connection& c, Id id);

// A salon's departure from the network's catalogue: not offered there, or another price or duration.
struct ServiceOverride {
  bool offered = true;
  std::optional<std::int64_t> price_cents;
  std::optional<int> duration_minutes;
};
std::map<Id, ServiceOverride> service_overrides(sql::Connection& c, Id salon_id);
// Writes (or clears, when it says "the network's values") one salon's override of one service.
void set_service_override(sql::Connection& c, Id salon_id, Id service_id, const ServiceOverride& o);

}  // namespace creneau::store::catalogue
