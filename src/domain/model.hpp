#pragma once
// The salon's catalogue and agenda as plain values. Storage and HTTP map to and from these.
#include "domain/codes.hpp"
#include "domain/lang.hpp"
#include "domain/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace creneau::domain {

using Id = std::int64_t;

// A span of one weekday's local wall-clock time, e.g. Monday 09:00–13:00. Several per weekday express breaks.
struct WeeklyHours {
  int weekday = 1;       // 1 = Monday … 7
  int start_minute = 0;  // minutes since local midnight
  int end_minute = 0;
  Id salon_id = 0;       // a staff member's row: the salon it is worked at (0 in opening hours, or not yet chosen)
};

// One salon of the network: where it is and how to reach it. Its settings are a separate value.
struct SalonProfile {
  Id id = 0;
  std::string name, slug, address, postal_code, city, phone, email;
  std::string timezone = "Europe/Paris";
};

struct BookingRules {
  int slot_step_minutes = 15;
  int min_notice_minutes = 60;
  int max_advance_days = 90;
  int cancel_notice_minutes = 0;
  bool operator==(const BookingRules&) const = default;
};

struct WaitlistSettings {
  WaitlistMode mode = WaitlistMode::off;
  int max_notified = 0;      // 0 = every candidate
  std::vector<std::string> channels{"email"};
  std::string message =
      "Bonjour {first_name}, un créneau plus tôt s'est libéré le {date} à {time} avec {staff}. "
      "Pour le prendre : {link}";
};

struct Settings {
  std::string name = "Mon salon";
  std::string timezone = "Europe/Paris";
  std::string currency = "EUR";
  std::string country = "FR";  // phone numbers without a prefix are read in this country
  Lang language = Lang::fr;    // of every text the salon sends (messages, .ics) and of API errors by default
  bool preferred_staff_selection = true;
  std::vector<WeeklyHours> opening_hours;
  BookingRules booking;
  int reminder_hours = 24;
  bool birthday_messages = true;
  WaitlistSettings waitlist;
};

struct Staff {
  Id id = 0;
  std::string first_name, last_name, email, phone;
  Role role = Role::employee;
  std::vector<Id> service_ids;
  std::vector<Id> salon_ids;  // the salons they work at (sorted)
  std::vector<WeeklyHours> hours;
  bool active = true;
  std::string color;  // "#RRGGBB", for the agenda
  std::string display_name() const { return first_name + (last_name.empty() ? "" : " " + last_name); }
};

struct TimeOff {
  Id id = 0;
  Id staff_id = 0;
  Interval span;
  std::string reason;
};

struct Resource {
  Id id = 0;
  std::string name;
  Id salon_id = 1;
};

struct Question {
  std::string key, question;
  bool required = false;
};

struct Service {
  Id id = 0;
  std::string name, category;
  std::string audience = "all";  // child | teen | adult | all
  int duration_minutes = 30;
  std::int64_t price_cents = 0;
  std::vector<Id> resource_ids;
  int capacity = 1;
  bool package_only = false;
  bool discovery = false;
  std::vector<Question> questionnaire;
  bool active = true;
  bool offered = true;  // at the salon it was read for (per-salon overrides applied)
  bool is_group() const { return capacity > 1; }
};

struct Client {
  Id id = 0;
  std::string first_name, last_name, email, phone, gender;
  std::optional<LocalDate> birth_date;
  std::string note;
  std::optional<std::string> account;  // the online account's identifier
  std::optional<Instant> last_appointment_at;  // most recent non-cancelled visit already started
  bool marketing_opt_out = false;              // no marketing messages (birthdays)
  bool erased = false;                         // personal data blanked for good (RGPD erasure)
};

struct Actor {
  std::string type;  // staff | client | system
  Id id = 0;
  std::string name;
};

struct AppointmentLine {
  Id id = 0;
  Id service_id = 0;
  Id staff_id = 0;
  std::optional<Id> resource_id;
  Interval span;
  int duration_minutes = 0;
  std::int64_t price_cents = 0;
  std::string answers_json = "{}";  // {"key":"value"} as written by the client
  std::optional<Id> package_id;     // the client package this line consumes
};

struct Appointment {
  Id id = 0;
  Id salon_id = 1;
  Id client_id = 0;
  std::optional<Id> account_id;  // the portal account that booked it, if any
  AppointmentStatus status = AppointmentStatus::approved;
  Interval span;
  std::vector<AppointmentLine> lines;
  bool requested_staff = false;
  std::string client_request, quick_note, notes;
  Confirmation confirmation = Confirmation::approve;
  std::string payment_method;
  std::int64_t amount_requested_cents = 0;
  bool notify_earlier_slot = false;
  bool no_show = false;
  bool arrived = false;  // the client is here (front desk)
  bool paid = false;     // paid, by payment_method
  int ics_sequence = 0;  // SEQUENCE of the last .ics sent for it; each move sends a higher one
  bool group = false;
  BookingRules rules;
  Instant created_at{}, updated_at{};
  Actor created_by, updated_by;
  std::string cancel_reason;
  bool cancelled() const { return status == AppointmentStatus::cancelled; }
};

}  // namespace creneau::domain
