#pragma once
// Booking rules a client meets online: how soon, how far ahead, how late a change is still allowed.
// An appointment keeps the rules in force when it was made (Appointment::rules).
#include "domain/model.hpp"

namespace creneau::domain {

// Throws too_late when `start` is sooner than the minimum notice or beyond the booking horizon.
void check_booking_window(const BookingRules& rules, Instant now, Instant start);
// Throws too_late when a client moves a visit closer to its start than the cancel notice allows.
void check_change_allowed(const BookingRules& frozen, Instant now, Instant current_start);

// Whether a person of that birth date fits a service audience on `on` (unknown birth date: adult audience
// and "all" fit, child and teen too, since the front desk decides). child < 12 ≤ teen < 18 ≤ adult.
bool audience_fits(const std::string& audience, const std::optional<LocalDate>& birth_date, LocalDate on);
int age_on(LocalDate birth, LocalDate on);

}  // namespace creneau::domain
