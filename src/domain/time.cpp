#include "domain/time.hpp"

#include "domain/error.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace creneau::domain {

namespace {
date::year_month_day ymd_of(LocalDate d) { return date::year_month_day{date::sys_days{Days{d.days_since_epoch}}}; }

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc{};
}
}  // namespace

LocalDate LocalDate::from_ymd(int y, unsigned m, unsigned d) {
  auto days = date::sys_days{date::year{y} / date::month{m} / date::day{d}};
  return {static_cast<std::int32_t>(days.time_since_epoch().count())};
}

std::optional<LocalDate> LocalDate::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d))
    return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate{static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count())};
}

std::string LocalDate::iso() const {
  auto ymd = ymd_of(*this);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}
int LocalDate::year() const { return static_cast<int>(ymd_of(*this).year()); }
unsigned LocalDate::month() const { return static_cast<unsigned>(ymd_of(*this).month()); }
unsigned LocalDate::day() const { return static_cast<unsigned>(ymd_of(*this).day()); }
int LocalDate::weekday() const {
  return static_cast<int>(date::weekday{date::sys_days{Days{days_since_epoch}}}.iso_encoding());
}

Zone::Zone(std::string_view iana_name) : name_(iana_name) {
  try {
    tz_ = date::locate_zone(name_);
  } catch (const std::exception&) {
    throw validation("timezone", "unknown time zone '{}'", {name_});
  }
}

std::optional<Instant> Zone::exactly_at(LocalDate d, int minute_of_day) const {
  auto local = date::local_days{Days{d.days_since_epoch}} + std::chrono::minutes{minute_of_day};
  auto info = tz_->get_info(date::local_seconds{local});
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  return Instant{local.time_since_epoch() - info.first.offset};
}

Instant Zone::at(LocalDate d, int minute_of_day) const {
  auto local = date::local_seconds{date::local_days{Days{d.days_since_epoch}} + std::chrono::minutes{minute_of_day}};
  auto info = tz_->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
    default:
      // The wall clock jumped over this time: the same elapsed time after the jump.
      return Instant{local.time_since_epoch() - info.first.offset};
  }
}

LocalDateTime Zone::local(Instant t) const {
  auto info = tz_->get_info(t);
  auto local = t.time_since_epoch() + info.offset;
  auto day = std::chrono::floor<Days>(local);
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(local - day).count();
  return {LocalDate{static_cast<std::int32_t>(day.count())}, static_cast<int>(secs / 60), static_cast<int>(secs % 60)};
}

int Zone::offset_minutes(Instant t) const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(tz_->get_info(t).offset).count());
}

std::string Zone::format(Instant t) const {
  auto l = local(t);
  int off = offset_minutes(t);
  char sign = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", l.date.iso().c_str(), l.minute_of_day / 60,
                l.minute_of_day % 60, l.second, sign, off / 60, off % 60);
  return buf;
}

std::optional<int> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (!parse_int(s.substr(0, 2), h) || !parse_int(s.substr(3, 2), m)) return std::nullopt;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minute_of_day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

namespace {
std::optional<Instant> parse_any_instant(std::string_view s, const Zone& zone) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]
  if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto d = LocalDate::parse(s.substr(0, 10));
  auto hm = parse_hhmm(s.substr(11, 5));
  if (!d || !hm || *hm >= 1440) return std::nullopt;
  std::size_t pos = 16;
  int sec = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (s.size() < pos + 3 || !parse_int(s.substr(pos + 1, 2), sec) || sec > 59) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  auto local_seconds = static_cast<std::int64_t>(d->days_since_epoch) * 86400 + static_cast<std::int64_t>(*hm) * 60 + sec;
  if (pos == s.size()) {
    auto base = zone.at(*d, *hm);
    return base + std::chrono::seconds{sec};
  }
  if (s[pos] == 'Z' && pos + 1 == s.size()) return from_epoch(local_seconds);
  if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
    int oh = 0, om = 0;
    if (!parse_int(s.substr(pos + 1, 2), oh) || !parse_int(s.substr(pos + 4, 2), om) || oh > 23 || om > 59)
      return std::nullopt;
    int off = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    return from_epoch(local_seconds - static_cast<std::int64_t>(off) * 60);
  }
  return std::nullopt;
}

// Instants the server reads lie in 1970-01-02 … 9999-12-30 (UTC): earlier ones would fall in the zones' local
// mean times (offsets with seconds, which no ±HH:MM can write back), later ones past year 9999.
std::optional<Instant> within_range(Instant t) {
  if (to_epoch(t) < 86400 || to_epoch(t) >= 253402214400) return std::nullopt;
  return t;
}
}  // namespace

std::optional<Instant> parse_instant(std::string_view s, const Zone& zone) {
  auto t = parse_any_instant(s, zone);
  return t ? within_range(*t) : std::nullopt;
}

Instant now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace creneau::domain
