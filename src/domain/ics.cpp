#include "domain/ics.hpp"

#include <cstdio>

namespace creneau::domain {

std::string ics_utc(Instant t) {
  auto secs = to_epoch(t);
  auto days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  auto rest = secs - days * 86400;
  LocalDate d{static_cast<std::int32_t>(days)};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", d.year(), d.month(), d.day(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return buf;
}

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        // Other control characters are not allowed in TEXT (tab is).
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out.push_back(c);
        if (c == 0x7f) out.pop_back();
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3);
  std::size_t room = 75, used = 0;
  for (std::size_t i = 0; i < line.size();) {
    // The whole UTF-8 sequence starting at i goes on one line.
    auto lead = static_cast<unsigned char>(line[i]);
    std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + len > line.size()) len = line.size() - i;
    if (used + len > room) {
      out += "\r\n ";
      room = 74;  // the leading space takes one octet of the 75
      used = 0;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  return out;
}

std::string ics_event(const IcsEvent& e) {
  std::string out;
  auto line = [&out](std::string_view text) {
    out += ics_fold(text);
    out += "\r\n";
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Creneau//Creneau appointments//FR");
  line("CALSCALE:GREGORIAN");
  // A cancellation asks calendars to remove the event they hold under this UID.
  line(e.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
  line("BEGIN:VEVENT");
  line("UID:" + ics_escape(e.uid));
  line("DTSTAMP:" + ics_utc(e.stamp));
  line("DTSTART:" + ics_utc(e.span.start));
  line("DTEND:" + ics_utc(e.span.end));
  line("SEQUENCE:" + std::to_string(e.sequence));
  line("SUMMARY:" + ics_escape(e.summary));
  if (!e.description.empty()) line("DESCRIPTION:" + ics_escape(e.description));
  if (!e.location.empty()) line("LOCATION:" + ics_escape(e.location));
  line(std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
  line("TRANSP:OPAQUE");
  line("END:VEVENT");
  line("END:VCALENDAR");
  return out;
}

}  // namespace creneau::domain
