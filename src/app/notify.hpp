#pragma once
// Writing messages into the outbox, inside the caller's transaction.
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/messages.hpp"
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>

namespace creneau::app::notify {

// "12 rue X, 75001 Paris" (what is known of it; empty when nothing is).
std::string salon_address(const domain::SalonProfile& p);

// Names, local time and services of an appointment, as the message texts want them.
domain::VisitSummary summarize(sql::Connection& c, const domain::Appointment& a, const Salon& salon);

// One message to a client by e-mail (and by SMS when `sms` and the client has a phone). Returns how many.
int to_client(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id client_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id, bool sms = false,
              const std::string& attachment = {}, std::optional<domain::Id> salon_id = std::nullopt);
// One e-mail to a staff member.
void to_staff(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id staff_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id,
              std::optional<domain::Id> salon_id = std::nullopt);

// An appointment moved from `before` to `after` (its start or a line's staff changed; after.ics_sequence already
// bumped): a `rescheduled` message to the client (not for a `silent` appointment) with the .ics of the new time
// under the same UID, and one to each staff member of the old and new lines, naming the old and the new time.
void moved(sql::Connection& c, const Context& ctx, const Salon& salon, const domain::Appointment& before,
           const domain::Appointment& after);
// Whether `after` is a move of `before` in the sense above.
bool is_move(const domain::Appointment& before, const domain::Appointment& after);

}  // namespace creneau::app::notify
