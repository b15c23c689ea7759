#pragma once
// Booking use cases: book, edit or move, cancel, delete, confirm, no-show, and the availability query.
// Each runs in one write transaction: read what the check needs, decide with the pure domain, write the
// appointment and its outbox messages, commit.
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/availability.hpp"
#include "domain/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::app::booking {

using domain::Id;

struct LineRequest {
  Id service_id = 0;
  std::optional<Id> staff_id;     // missing: the first staff member free (portal only)
  std::optional<Id> resource_id;  // missing: required when the service needs one (portal: the first free)
  std::optional<int> duration_minutes;
  std::optional<std::int64_t> price_cents;
  std::string answers_json = "{}";
};

struct BookRequest {
  Id salon_id = 0;  // 0: the only salon of the network (else validation_failed on salon_id)
  Id client_id = 0;
  domain::Instant start{};
  std::vector<LineRequest> lines;
  bool requested_staff = false;
  std::string client_request, quick_note, notes;
  domain::Confirmation confirmation = domain::Confirmation::approve;
  std::string payment_method;
  std::int64_t amount_requested_cents = 0;
  bool notify_earlier_slot = false;
};

// How the request came: the front desk decides freely; a client online meets the booking rules and lets
// the server pick staff and resources left open.
struct Origin {
  domain::Actor actor;
  bool online = false;
  std::optional<Id> account_id;
};

domain::Appointment book(Context& ctx, const BookRequest& request, const Origin& origin);
// The same inside the caller's transaction (the portal creates a provisional client file in the same one).
domain::Appointment book_in(sql::Connection& c, Context& ctx, const BookRequest& request, const Origin& origin);

// Fields a PATCH may change; missing ones stay as they are. New lines or a new start re-check the agenda.
struct ChangeRequest {
  std::optional<domain::Instant> start;
  std::optional<std::vector<LineRequest>> lines;
  std::optional<bool> requested_staff, notify_earlier_slot;
  std::optional<std::string> client_request, quick_note, notes, payment_method;
  std::optional<std::int64_t> amount_requested_cents;
  std::optional<Id> client_id;
};
domain::Appointment change(Context& ctx, Id id, const ChangeRequest& request, const Origin& origin);

domain::Appointment cancel(Context& ctx, Id id, const std::string& reason, const Origin& origin);
// The same inside the caller's transaction (bulk operations that must be all or nothing). Without `notices`
// nobody is told (an erased client's visits); the freed time still goes to the waitlist.
domain::Appointment cancel_in(sql::Connection& c, Context& ctx, Id id, const std::string& reason, const Origin& origin,
                              bool notices = true);
void remove(Context& ctx, Id id, const Origin& origin);
domain::Appointment confirm(Context& ctx, Id id, const Origin& origin);
// The client's confirmation link. `expected_id`: the appointment the link was opened for; another one's token
// is not_found and confirms nothing.
domain::Appointment confirm_by_token(Context& ctx, const std::string& token, std::optional<Id> expected_id = std::nullopt);
// A no-show can only be marked once the visit has started.
domain::Appointment set_no_show(Context& ctx, Id id, bool no_show, const Origin& origin);
// Front desk: the client is here; the visit is paid (method card | cash | cheque | voucher | other, required
// when paid unless the appointment already names one of them). Not on a cancelled appointment.
domain::Appointment set_arrived(Context& ctx, Id id, bool arrived, const Origin& origin);
domain::Appointment set_paid(Context& ctx, Id id, bool paid, const std::optional<std::string>& method,
                             const Origin& origin);

domain::Appointment get(Context& ctx, Id id);

struct AvailabilityRequest {
  Id salon_id = 0;  // 0: the only salon of the network
  std::vector<Id> service_ids;
  std::optional<Id> staff_id;
  domain::LocalDate from, to;
  bool online = false;  // apply the booking rules (notice, horizon)
};
struct Availability {
  std::vector<domain::Slot> slots;
  std::string timezone;  // the salon's zone the slots were computed in, for formatting them
};
Availability availability(Context& ctx, const AvailabilityRequest& request);
// The starts in [from, to] into which appointment `id` can be moved online: exactly those change() accepts with
// a new start alone (same lines, staff and resources; its own time free; the booking rules frozen in it). A
// group appointment → cannot_reschedule_group, one too close to change → too_late, as the move would answer.
Availability reschedule_availability(Context& ctx, Id id, domain::LocalDate from, domain::LocalDate to);

// For each salon that offers every service asked, its earliest slot in the range (null when none).
struct NextSlot {
  domain::SalonProfile salon;
  std::optional<domain::Slot> first_slot;
};
std::vector<NextSlot> next_slots(Context& ctx, const AvailabilityRequest& request);

// Shared with the portal and waitlist use cases: place `a` (lines already spanned) against the agenda
// inside transaction `c`, filling staff/resources left open when `auto_assign`.
void place(sql::Connection& c, const Salon& salon, domain::Appointment& a, const std::vector<LineRequest>& requested,
           bool auto_assign, Id ignore_appointment);
// Turns requested lines into lines run back to back from `start` with the salon's values of their services
// (`services` receives them); a service not offered at the salon → validation_failed on lines[i].service_id.
std::vector<domain::AppointmentLine> build_lines(const Salon& salon, const std::vector<LineRequest>& requested,
                                                 domain::Instant start, std::vector<domain::Service>& services);

}  // namespace creneau::app::booking
