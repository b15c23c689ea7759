#pragma once
// Benchmark data: the reference salon (../shared/bench/salon.json) and a generated larger salon, as plain
// values, plus the conversion into the availability engine's domain::Agenda.
#include "domain/availability.hpp"
#include "domain/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace creneau::bench {

using domain::Id;

struct SalonService {
  Id id = 0;
  int duration_minutes = 30;
  int capacity = 1;
  std::vector<Id> resource_ids;  // one of them is needed; empty = none
  std::vector<Id> staff_ids;     // who performs it
};

struct SalonStaff {
  Id id = 0;
  std::vector<domain::WeeklyHours> hours;  // breaks are gaps between entries of one weekday
  std::vector<domain::Interval> time_off;
};

struct SalonAppointment {
  Id id = 0;
  Id staff_id = 0;
  Id service_id = 0;
  std::optional<Id> resource_id;
  domain::Interval span;
};

struct Salon {
  std::string timezone = "UTC";
  domain::LocalDate first_day;  // the first day with appointments
  int days = 0;                 // horizon
  std::vector<SalonStaff> staff;
  std::vector<Id> resources;
  std::vector<SalonService> services;
  std::vector<SalonAppointment> appointments;  // sorted by start
  const SalonService* service(Id id) const;
};

// The reference salon. Throws on a missing or malformed file.
Salon load_reference_salon(const std::string& path);
// Where the reference salon is: $CRENEAU_SALON_JSON, else the path baked in at configure time.
std::string reference_salon_path();

struct GeneratorOptions {
  std::uint64_t seed = 20270201;
  int staff = 40, resources = 8, services = 200;
  int appointments = 100000;
  int days = 365;
  domain::LocalDate first_day = domain::LocalDate::from_ymd(2027, 1, 4);  // a Monday
};
// A larger salon with breaks, time off, resources and a few group services; deterministic for a seed.
Salon generate_salon(const GeneratorOptions& options);

// The first `n` appointments of `s` in a fixed random order (kept sorted by start): the same salon, less busy.
Salon thin_out(const Salon& s, std::size_t n, std::uint64_t seed = 7);

// Everything loaded straight into the engine's model (what store::appointments::load_agenda would build).
domain::Agenda to_agenda(const Salon& s, const domain::Zone& zone);
// The engine's need for a visit of these services, back to back.
std::vector<domain::LineNeed> needs_of(const Salon& s, const std::vector<Id>& service_ids);

}  // namespace creneau::bench
