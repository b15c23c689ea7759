#include "domain/messages.hpp"

namespace creneau::domain {

int VisitSummary::total_minutes() const {
  int total = 0;
  for (const auto& l : lines) total += l.duration_minutes;
  return total;
}

std::string french_date(LocalDate d) {
  static const char* weekdays[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  static const char* months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  return std::string(weekdays[d.weekday() - 1]) + " " + std::to_string(d.day()) + " " + months[d.month() - 1] + " " +
         std::to_string(d.year());
}

std::string french_duration(int minutes) {
  if (minutes < 60) return std::to_string(minutes) + " min";
  std::string out = std::to_string(minutes / 60) + " h";
  if (minutes % 60) out += " " + std::string(minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60);
  return out;
}

namespace {

std::string when(const VisitSummary& v) {
  return french_date(v.start.date) + " à " + format_hhmm(v.start.minute_of_day);
}

// Every service with its staff member and duration, one per line, then the total.
std::string details(const VisitSummary& v) {
  std::string out;
  for (const auto& l : v.lines)
    out += "- " + l.service + " avec " + l.staff + " (" + french_duration(l.duration_minutes) + ")\n";
  out += "Durée totale : " + french_duration(v.total_minutes()) + "\n";
  if (!v.client_request.empty()) out += "Votre demande : " + v.client_request + "\n";
  return out;
}

std::string services_list(const VisitSummary& v) {
  std::string out;
  for (std::size_t i = 0; i < v.lines.size(); ++i) out += (i ? ", " : "") + v.lines[i].service;
  return out;
}

std::string greeting(const VisitSummary& v) { return "Bonjour " + v.client_first_name + ",\n\n"; }
std::string signature(const std::string& salon) { return "\nÀ bientôt,\n" + salon + "\n"; }

}  // namespace

MessageText confirmation_text(const VisitSummary& v) {
  return {"Rendez-vous confirmé le " + when(v),
          greeting(v) + "Votre rendez-vous est confirmé le " + when(v) + " :\n" + details(v) + signature(v.salon)};
}

MessageText confirmation_request_text(const VisitSummary& v) {
  return {"Merci de confirmer votre rendez-vous du " + when(v),
          greeting(v) + "Nous avons réservé pour vous le " + when(v) + " :\n" + details(v) +
              "Merci de confirmer ce rendez-vous en suivant ce lien : " + v.link + "\n" + signature(v.salon)};
}

MessageText cancellation_client_text(const VisitSummary& v, const std::string& reason) {
  return {"Rendez-vous annulé : " + when(v),
          greeting(v) + "Votre rendez-vous du " + when(v) + " est annulé :\n" + details(v) +
              (reason.empty() ? "" : "Motif : " + reason + "\n") + signature(v.salon)};
}

MessageText cancellation_staff_text(const VisitSummary& v, const std::string& reason) {
  return {"Annulation : " + v.client_first_name + " " + v.client_last_name + " le " + when(v),
          "Le rendez-vous de " + v.client_first_name + " " + v.client_last_name + " du " + when(v) + " (" +
              services_list(v) + ") est annulé.\n" + details(v) + (reason.empty() ? "" : "Motif : " + reason + "\n")};
}

MessageText reminder_text(const VisitSummary& v) {
  return {"Rappel : rendez-vous le " + when(v),
          greeting(v) + "Nous vous rappelons votre rendez-vous le " + when(v) + " :\n" + details(v) + signature(v.salon)};
}

MessageText birthday_text(const std::string& salon, const std::string& first_name) {
  return {"Joyeux anniversaire " + first_name + " !",
          "Bonjour " + first_name + ",\n\nToute l'équipe de " + salon + " vous souhaite un joyeux anniversaire !\n" +
              signature(salon)};
}

MessageText password_reset_text(const std::string& salon, const std::string& link) {
  return {"Réinitialisation de votre mot de passe",
          "Bonjour,\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable une heure) : " + link +
              "\nSi vous n'avez rien demandé, ignorez ce message.\n" + signature(salon)};
}

std::string fill_template(std::string text, const VisitSummary& v) {
  auto replace = [&](const std::string& key, const std::string& value) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
      text.replace(pos, key.size(), value);
  };
  replace("{first_name}", v.client_first_name);
  replace("{last_name}", v.client_last_name);
  replace("{date}", french_date(v.start.date));
  replace("{time}", format_hhmm(v.start.minute_of_day));
  replace("{staff}", v.lines.empty() ? "" : v.lines.front().staff);
  replace("{service}", services_list(v));
  replace("{link}", v.link);
  return text;
}

std::string unsubscribe_footer(const std::string& link, const std::string& language) {
  if (language == "en") return "\n--\nNo longer wish to receive these messages? Unsubscribe: " + link + "\n";
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
