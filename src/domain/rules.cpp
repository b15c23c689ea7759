#include "domain/rules.hpp"

#include "domain/error.hpp"
#include "domain/messages.hpp"

namespace creneau::domain {

void check_booking_window(const BookingRules& rules, Instant now, Instant start) {
  if (start < now + std::chrono::minutes(rules.min_notice_minutes))
    throw Error(domain::ErrorCode::too_late, "this slot is too soon: online bookings need {} of notice", "start",
                {Minutes{rules.min_notice_minutes}});
  if (start > now + Days(rules.max_advance_days))
    throw Error(domain::ErrorCode::too_late, "this slot is too far ahead: online bookings open {} days in advance", "start",
                {std::to_string(rules.max_advance_days)});
}

void check_change_allowed(const BookingRules& frozen, Instant now, Instant current_start) {
  if (now > current_start - std::chrono::minutes(frozen.cancel_notice_minutes) || now >= current_start)
    throw Error(domain::ErrorCode::too_late, "this appointment can no longer be changed online: please call the salon", "start");
}

int age_on(LocalDate birth, LocalDate on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

bool audience_fits(const std::string& audience, const std::optional<LocalDate>& birth_date, LocalDate on) {
  if (audience == "all" || audience.empty() || !birth_date) return true;
  int age = age_on(*birth_date, on);
  if (audience == "child") return age < 12;
  if (audience == "teen") return age >= 12 && age < 18;
  if (audience == "adult") return age >= 18;
  return true;
}

}  // namespace creneau::domain
