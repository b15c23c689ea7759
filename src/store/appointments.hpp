#pragma once
// Appointments with their lines, and what the availability engine needs of them for a range.
#include "domain/availability.hpp"
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::appointments {

using domain::Id;

Id insert(sql::Connection& c, domain::Appointment& a);  // sets a.id and line ids
// Rewrites the appointment row and replaces its lines.
void update(sql::Connection& c, domain::Appointment& a);
void remove(sql::Connection& c, Id id);
std::optional<domain::Appointment> find(sql::Connection& c, Id id);

struct Filter {
  std::optional<domain::Instant> from, to;  // start_at in [from, to)
  std::optional<Id> staff_id, resource_id, client_id, account_id;
  std::optional<domain::AppointmentStatus> status;
  std::optional<Id> salon_id;               // one salon
  std::optional<std::vector<Id>> salon_ids;  // any of these salons (what the caller may see)
  std::vector<Id> client_ids;  // any of these clients (portal: the account's family)
  int limit = 500, offset = 0;
};
std::vector<domain::Appointment> list(sql::Connection& c, const Filter& f, std::int64_t* total = nullptr);

// A salon's staff schedules (its active staff, with their hours rows there and what they perform) and its rooms,
// without time off or busy spans: what changes only with the catalogue, so a server may keep it (app::Salon).
struct AgendaFrame {
  std::vector<domain::StaffSchedule> staff;  // sorted by staff_id
  std::vector<std::string> staff_names;      // staff[i]'s display name (messages name who will do the work)
  std::vector<Id> resource_ids;              // sorted
};
AgendaFrame load_agenda_frame(sql::Connection& c, Id salon_id);

// The salon an agenda is loaded for: its frame, its opening hours. Busy spans and time off come from every salon:
// one person is in one place at a time. `zone` must outlive the agenda.
struct AgendaSalon {
  Id salon_id = 1;
  const domain::Zone& zone;
  const domain::Settings& settings;
  const AgendaFrame& frame;
};

// The staff schedules and resource busy spans over [from, to), ready for the engine.
// `ignore_appointment` is left out (an appointment being moved).
domain::Agenda load_agenda(sql::Connection& c, const AgendaSalon& salon, domain::Instant from, domain::Instant to,
                           Id ignore_appointment = 0);

// What an availability query will look at: the staff members who perform one of `service_ids` (only `staff_id`
// when set) and the resources in `resource_ids`. load_agenda() with a scope loads only their busy spans (the
// others' stay empty): the same slots for that query, from a fraction of the rows.
struct AgendaScope {
  std::vector<Id> service_ids;
  std::optional<Id> staff_id;
  std::vector<Id> resource_ids;
  std::vector<Id> staff_ids;     // also in scope, whatever they perform (a booking's chosen staff)
  Id ignore_appointment = 0;     // an appointment being moved
};
domain::Agenda load_agenda(sql::Connection& c, const AgendaSalon& salon, domain::Instant from, domain::Instant to,
                           const AgendaScope& scope);

void set_confirm_token(sql::Connection& c, Id id, const std::string& token_hash);
std::optional<Id> find_by_confirm_token(sql::Connection& c, const std::string& token_hash);

}  // namespace creneau::store::appointments
