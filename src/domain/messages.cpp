#include "domain/messages.hpp"

#include "domain/model.hpp"
#include "domain/text.hpp"

namespace creneau::domain {

int VisitSummary::total_minutes() const {
  int total = 0;
  for (const auto& l : lines) total += l.duration_minutes;
  return total;
}

std::string long_date(LocalDate d, Lang lang) {
  static const char* fr_days[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  static const char* fr_months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static const char* en_days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static const char* en_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
  bool en = lang == Lang::en;
  return std::string((en ? en_days : fr_days)[d.weekday() - 1]) + " " + std::to_string(d.day()) + " " +
         (en ? en_months : fr_months)[d.month() - 1] + " " + std::to_string(d.year());
}

std::string duration_words(int minutes, Lang lang) {
  if (minutes < 60) return std::to_string(minutes) + " min";
  std::string out = std::to_string(minutes / 60) + " h";
  if (minutes % 60)
    out += " " + std::string(minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60) + (lang == Lang::en ? " min" : "");
  return out;
}

std::string date_and_time(const LocalDateTime& t, Lang lang) {
  return long_date(t.date, lang) + (lang == Lang::en ? " at " : " à ") + format_hhmm(t.minute_of_day);
}

namespace {

// The few words the texts share, in each language.
struct Words {
  const char* with;            // "Coupe avec Alice"
  const char* total;           // "Durée totale : 1 h"
  const char* request;         // "Votre demande : …"
  const char* reason;          // "Motif : …"
  const char* hello;           // "Bonjour Hélène,"
  const char* see_you;         // "À bientôt,"
};
const Words& words(Lang lang) {
  static const Words fr{" avec ", "Durée totale : ", "Votre demande : ", "Motif : ", "Bonjour ", "À bientôt,"};
  static const Words en{" with ", "Total duration: ", "Your request: ", "Reason: ", "Hello ", "See you soon,"};
  return lang == Lang::en ? en : fr;
}

std::string when(const VisitSummary& v) { return date_and_time(v.start, v.lang); }

// Every service with its staff member and duration, one per line, then the total.
std::string details(const VisitSummary& v) {
  const auto& w = words(v.lang);
  std::string out;
  for (const auto& l : v.lines)
    out += "- " + l.service + w.with + l.staff + " (" + duration_words(l.duration_minutes, v.lang) + ")\n";
  out += w.total + duration_words(v.total_minutes(), v.lang) + "\n";
  if (!v.client_request.empty()) out += w.request + v.client_request + "\n";
  return out;
}

std::string services_list(const VisitSummary& v) {
  std::string out;
  for (std::size_t i = 0; i < v.lines.size(); ++i) out += (i ? ", " : "") + v.lines[i].service;
  return out;
}

std::string client_name(const VisitSummary& v) {
  return v.client_first_name + (v.client_last_name.empty() ? "" : " " + v.client_last_name);
}
std::string greeting(const VisitSummary& v) { return words(v.lang).hello + v.client_first_name + ",\n\n"; }
std::string signature(const std::string& salon, Lang lang) { return std::string("\n") + words(lang).see_you + "\n" + salon + "\n"; }
// The salon's name, then where it is (a network has several: the client must know which one).
std::string signature(const VisitSummary& v) {
  return signature(v.salon, v.lang) + (v.salon_address.empty() ? "" : v.salon_address + "\n");
}
std::string reason_line(const std::string& reason, Lang lang) {
  return reason.empty() ? "" : words(lang).reason + reason + "\n";
}
bool en(const VisitSummary& v) { return v.lang == Lang::en; }

}  // namespace

MessageText confirmation_text(const VisitSummary& v) {
  if (en(v))
    return {"Appointment confirmed on " + when(v),
            greeting(v) + "Your appointment is confirmed on " + when(v) + ":\n" + details(v) + signature(v)};
  return {"Rendez-vous confirmé le " + when(v),
          greeting(v) + "Votre rendez-vous est confirmé le " + when(v) + " :\n" + details(v) + signature(v)};
}

MessageText confirmation_request_text(const VisitSummary& v) {
  if (en(v))
    return {"Please confirm your appointment on " + when(v),
            greeting(v) + "We have booked for you on " + when(v) + ":\n" + details(v) +
                "Please confirm this appointment by following this link: " + v.link + "\n" + signature(v)};
  return {"Merci de confirmer votre rendez-vous du " + when(v),
          greeting(v) + "Nous avons réservé pour vous le " + when(v) + " :\n" + details(v) +
              "Merci de confirmer ce rendez-vous en suivant ce lien : " + v.link + "\n" + signature(v)};
}

MessageText cancellation_client_text(const VisitSummary& v, const std::string& reason) {
  if (en(v))
    return {"Appointment cancelled: " + when(v),
            greeting(v) + "Your appointment on " + when(v) + " is cancelled:\n" + details(v) + reason_line(reason, v.lang) +
                signature(v)};
  return {"Rendez-vous annulé : " + when(v),
          greeting(v) + "Votre rendez-vous du " + when(v) + " est annulé :\n" + details(v) + reason_line(reason, v.lang) +
              signature(v)};
}

MessageText cancellation_staff_text(const VisitSummary& v, const std::string& reason) {
  if (en(v))
    return {"Cancellation: " + client_name(v) + " on " + when(v),
            "The appointment of " + client_name(v) + " on " + when(v) + " (" + services_list(v) + ") is cancelled.\n" +
                details(v) + reason_line(reason, v.lang)};
  return {"Annulation : " + client_name(v) + " le " + when(v),
          "Le rendez-vous de " + client_name(v) + " du " + when(v) + " (" + services_list(v) + ") est annulé.\n" +
              details(v) + reason_line(reason, v.lang)};
}

MessageText rescheduled_client_text(const VisitSummary& v, const LocalDateTime& old_start) {
  auto before = date_and_time(old_start, v.lang);
  if (en(v))
    return {"Appointment moved to " + when(v),
            greeting(v) + "Your appointment of " + before + " has been moved.\nNew time: " + when(v) + "\n" + details(v) +
                signature(v)};
  return {"Rendez-vous déplacé au " + when(v),
          greeting(v) + "Votre rendez-vous du " + before + " a été déplacé.\nNouvel horaire : " + when(v) + "\n" +
              details(v) + signature(v)};
}

MessageText rescheduled_staff_text(const VisitSummary& v, const LocalDateTime& old_start) {
  auto before = date_and_time(old_start, v.lang);
  if (en(v))
    return {"Moved: " + client_name(v) + ", " + before + " → " + when(v),
            "The appointment of " + client_name(v) + " (" + services_list(v) + ") has been moved.\nBefore: " + before +
                "\nNow: " + when(v) + "\n" + details(v)};
  return {"Déplacement : " + client_name(v) + ", " + before + " → " + when(v),
          "Le rendez-vous de " + client_name(v) + " (" + services_list(v) + ") a été déplacé.\nAvant : " + before +
              "\nMaintenant : " + when(v) + "\n" + details(v)};
}

MessageText reminder_text(const VisitSummary& v) {
  if (en(v))
    return {"Reminder: appointment on " + when(v),
            greeting(v) + "This is a reminder of your appointment on " + when(v) + ":\n" + details(v) +
                signature(v)};
  return {"Rappel : rendez-vous le " + when(v),
          greeting(v) + "Nous vous rappelons votre rendez-vous le " + when(v) + " :\n" + details(v) +
              signature(v)};
}

MessageText birthday_text(const std::string& salon, const std::string& first_name, Lang lang) {
  if (lang == Lang::en)
    return {"Happy birthday " + first_name + "!",
            "Hello " + first_name + ",\n\nEveryone at " + salon + " wishes you a happy birthday!\n" + signature(salon, lang)};
  return {"Joyeux anniversaire " + first_name + " !",
          "Bonjour " + first_name + ",\n\nToute l'équipe de " + salon + " vous souhaite un joyeux anniversaire !\n" +
              signature(salon, lang)};
}

MessageText password_reset_text(const std::string& salon, const std::string& link, Lang lang) {
  if (lang == Lang::en)
    return {"Resetting your password",
            "Hello,\n\nTo choose a new password, follow this link (valid for one hour): " + link +
                "\nIf you did not ask for this, ignore this message.\n" + signature(salon, lang)};
  return {"Réinitialisation de votre mot de passe",
          "Bonjour,\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable une heure) : " + link +
              "\nSi vous n'avez rien demandé, ignorez ce message.\n" + signature(salon, lang)};
}

IcsEvent visit_event(const VisitSummary& v, const Interval& span) {
  const auto& w = words(v.lang);
  IcsEvent e;
  e.span = span;
  e.summary = services_list(v) + " — " + v.salon;
  for (const auto& l : v.lines) e.description += l.service + w.with + l.staff + " (" + duration_words(l.duration_minutes, v.lang) + ")\n";
  e.description += w.total + duration_words(v.total_minutes(), v.lang);
  if (!v.client_request.empty()) e.description += "\n" + std::string(w.request) + v.client_request;
  // LOCATION: where to go, the salon's address after its name (a network has several).
  e.location = v.salon + (v.salon_address.empty() ? "" : ", " + v.salon_address);
  return e;
}

std::string visit_ics(const Appointment& a, const VisitSummary& v, const std::string& public_url, Instant now,
                      bool cancelled) {
  auto e = visit_event(v, a.span);
  // One UID per appointment for its whole life; each later version carries a higher SEQUENCE (a.ics_sequence,
  // bumped by every move and by the cancellation), so calendars update or remove the event they hold.
  e.uid = "appointment-" + std::to_string(a.id) + "@" + mail_domain(host_of(public_url));
  e.stamp = now;
  e.sequence = a.ics_sequence;
  e.cancelled = cancelled;
  return ics_event(e);
}

std::string waitlist_offer_subject(const VisitSummary& v) {
  return (en(v) ? "An earlier slot is free on " : "Un créneau plus tôt est disponible le ") + when(v);
}

const std::string& default_waitlist_message(Lang lang) {
  static const std::string fr = WaitlistSettings{}.message;
  static const std::string en =
      "Hello {first_name}, an earlier slot is free on {date} at {time} with {staff}. To take it: {link}";
  return lang == Lang::en ? en : fr;
}

std::string fill_template(std::string text, const VisitSummary& v) {
  auto replace = [&](const std::string& key, const std::string& value) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
      text.replace(pos, key.size(), value);
  };
  replace("{first_name}", v.client_first_name);
  replace("{last_name}", v.client_last_name);
  replace("{date}", long_date(v.start.date, v.lang));
  replace("{time}", format_hhmm(v.start.minute_of_day));
  replace("{staff}", v.lines.empty() ? "" : v.lines.front().staff);
  replace("{service}", services_list(v));
  replace("{link}", v.link);
  return text;
}

std::string unsubscribe_footer(const std::string& link, Lang lang) {
  if (lang == Lang::en) return "\n--\nNo longer wish to receive these messages? Unsubscribe: " + link + "\n";
  return "\n--\nVous ne souhaitez plus recevoir ces messages ? Désinscription : " + link + "\n";
}

std::string mask_link_tokens(std::string_view text) {
  static constexpr std::string_view kLinks[] = {"/book/reset/", "/book/confirm/", "/book/offers/"};
  std::string out(text);
  for (auto link : kLinks) {
    for (auto at = out.find(link); at != std::string::npos; at = out.find(link, at + link.size())) {
      auto begin = at + link.size();
      auto end = out.find_first_not_of("0123456789abcdefABCDEF", begin);
      if (end == std::string::npos) end = out.size();
      if (end > begin) out.replace(begin, end - begin, "********");
    }
  }
  return out;
}

}  // namespace creneau::domain
