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
              const domain::MessageText& text, std::optional<domain::Id> appointment_id);

}  // namespace creneau::app::notify
