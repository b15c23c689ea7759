#pragma once
// iCalendar (RFC 5545) text for one appointment, attached to confirmation e-mails so the client can add the
// visit to a calendar. Hand-written and pure: CRLF line ends, TEXT escaping, lines folded at 75 octets without
// splitting a UTF-8 character, times in UTC.
#include "domain/time.hpp"

#include <string>
#include <string_view>

namespace creneau::domain {

struct IcsEvent {
  std::string uid;          // globally unique and stable for the appointment, e.g. "appointment-12@salon.example"
  Instant stamp{};          // DTSTAMP: when this calendar object was made
  Interval span;            // DTSTART / DTEND
  std::string summary;      // e.g. "Coupe, Couleur — Mon salon"
  std::string description;  // free text, several lines allowed
  std::string location;     // the salon
  int sequence = 0;         // bumped when the same UID is sent again with a change
  bool cancelled = false;   // STATUS:CANCELLED and METHOD:CANCEL (else CONFIRMED, PUBLISH)
};

// A complete VCALENDAR with one VEVENT.
std::string ics_event(const IcsEvent& event);

// "20270301T090000Z"
std::string ics_utc(Instant t);
// TEXT value escaping: backslash, semicolon, comma, newline.
std::string ics_escape(std::string_view text);
// Folds one content line (without its CRLF) into CRLF + space continuation lines of at most 75 octets.
std::string ics_fold(std::string_view line);

}  // namespace creneau::domain
