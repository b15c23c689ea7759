#pragma once
// The words of every message the salon sends, in the salon's language (French by default, or English). Pure:
// the caller gathers the names and times, these functions only write.
#include "domain/ics.hpp"
#include "domain/lang.hpp"
#include "domain/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace creneau::domain {

struct Appointment;

struct VisitLine {
  std::string service, staff;
  int duration_minutes = 0;
};

struct VisitSummary {
  Lang lang = Lang::fr;
  std::string salon;
  std::string salon_address;  // "12 rue X, 75001 Paris"; empty when unknown
  std::string client_first_name, client_last_name;
  LocalDateTime start;  // local to the salon
  std::vector<VisitLine> lines;
  std::string client_request;
  std::string link;  // e.g. the confirmation link
  int total_minutes() const;
};

struct MessageText {
  std::string subject, body;
};

// "lundi 4 janvier 2027" / "Monday 4 January 2027"
std::string long_date(LocalDate d, Lang lang);
// "1 h 30", "45 min" / "1 h 30 min", "45 min"
std::string duration_words(int minutes, Lang lang);
// "lundi 4 janvier 2027 à 10:00" / "Monday 4 January 2027 at 10:00"
std::string date_and_time(const LocalDateTime& t, Lang lang);
inline std::string french_date(LocalDate d) { return long_date(d, Lang::fr); }
inline std::string french_duration(int minutes) { return duration_words(minutes, Lang::fr); }

MessageText confirmation_text(const VisitSummary& v);
MessageText confirmation_request_text(const VisitSummary& v);
// `reason` empty: no "Reason:" line.
MessageText cancellation_client_text(const VisitSummary& v, const std::string& reason);
MessageText cancellation_staff_text(const VisitSummary& v, const std::string& reason);
// `v` is the visit at its new time; `old_start` the time it had.
MessageText rescheduled_client_text(const VisitSummary& v, const LocalDateTime& old_start);
MessageText rescheduled_staff_text(const VisitSummary& v, const LocalDateTime& old_start);
MessageText reminder_text(const VisitSummary& v);
MessageText birthday_text(const std::string& salon, const std::string& first_name, Lang lang);
MessageText password_reset_text(const std::string& salon, const std::string& link, Lang lang);

// The calendar event of a visit (the .ics attached to confirmations, moves and cancellations): its services as
// the summary, each line with its staff member and duration as the description, the salon as the location.
IcsEvent visit_event(const VisitSummary& v, const Interval& span);
// The iCalendar attachment of a message about appointment `a` (summary `v`): its UID (one per appointment, on
// the host of `public_url`), its ics_sequence, and STATUS:CANCELLED / METHOD:CANCEL when `cancelled`.
std::string visit_ics(const Appointment& a, const VisitSummary& v, const std::string& public_url, Instant now,
                      bool cancelled = false);

// The waitlist offer: its subject, and the salon's default text in each language.
std::string waitlist_offer_subject(const VisitSummary& v);
const std::string& default_waitlist_message(Lang lang);

// The last lines of every marketing message (not transactional): how to stop receiving them.
std::string unsubscribe_footer(const std::string& link, Lang lang);

// Fills {first_name}, {last_name}, {date}, {time}, {staff}, {service}, {link} in a salon-written template.
std::string fill_template(std::string text, const VisitSummary& v);

// The text as kept once delivered: the secret of every link that acts as the client (password reset,
// confirmation, waitlist offer: "/book/reset/<token>"…) replaced by "********", so whoever reads the outbox
// afterwards sees the message but cannot use its link.
std::string mask_link_tokens(std::string_view text);

}  // namespace creneau::domain
