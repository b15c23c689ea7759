#pragma once
// The words of every message the salon sends, in French (the salons' language). Pure: the caller gathers
// the names and times, these functions only write.
#include "domain/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace creneau::domain {

struct VisitLine {
  std::string service, staff;
  int duration_minutes = 0;
};

struct VisitSummary {
  std::string salon;
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

// "lundi 4 janvier 2027"
std::string french_date(LocalDate d);
// "1 h 30", "45 min"
std::string french_duration(int minutes);

MessageText confirmation_text(const VisitSummary& v);
MessageText confirmation_request_text(const VisitSummary& v);
MessageText cancellation_client_text(const VisitSummary& v, const std::string& reason);
MessageText cancellation_staff_text(const VisitSummary& v, const std::string& reason);
MessageText reminder_text(const VisitSummary& v);
MessageText birthday_text(const std::string& salon, const std::string& first_name);
MessageText password_reset_text(const std::string& salon, const std::string& link);

// The last lines of every marketing message (not transactional): how to stop receiving them. `language`:
// "fr" (default) or "en".
std::string unsubscribe_footer(const std::string& link, const std::string& language = "fr");

// Fills {first_name}, {last_name}, {date}, {time}, {staff}, {service}, {link} in a salon-written template.
std::string fill_template(std::string text, const VisitSummary& v);

// The text as kept once delivered: the secret of every link that acts as the client (password reset,
// confirmation, waitlist offer: "/book/reset/<token>"…) replaced by "********", so whoever reads the outbox
// afterwards sees the message but cannot use its link.
std::string mask_link_tokens(std::string_view text);

}  // namespace creneau::domain
