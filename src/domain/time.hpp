#pragma once
// Time as the salon sees it: instants are UTC seconds; days and times of day are local to one IANA zone.
// Local→instant conversion is per wall-clock time, so DST days of 23 or 25 hours come out right.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace creneau::domain {

using Instant = std::chrono::sys_seconds;
using Days = std::chrono::days;

inline std::int64_t to_epoch(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_epoch(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

// A calendar day, counted in days since 1970-01-01 (no zone attached).
struct LocalDate {
  std::int32_t days_since_epoch = 0;
  static LocalDate from_ymd(int y, unsigned m, unsigned d);
  static std::optional<LocalDate> parse(std::string_view s);  // "YYYY-MM-DD"
  std::string iso() const;
  int year() const;
  unsigned month() const;
  unsigned day() const;
  int weekday() const;  // 1 = Monday … 7 = Sunday
  LocalDate plus_days(int n) const { return {days_since_epoch + n}; }
  auto operator<=>(const LocalDate&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14's false positive
};

// A half-open [start, end) span of instants.
struct Interval {
  Instant start{};
  Instant end{};
  bool overlaps(const Interval& o) const { return start < o.end && o.start < end; }
  bool contains(const Interval& o) const { return start <= o.start && o.end <= end; }
  bool empty() const { return end <= start; }
  auto operator<=>(const Interval&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14's false positive
};

struct LocalDateTime {
  LocalDate date;
  int minute_of_day = 0;  // 0 … 1439
  int second = 0;
};

class Zone {
public:
  // Throws Error(validation_failed) for an unknown IANA name.
  explicit Zone(std::string_view iana_name);
  const std::string& name() const { return name_; }
  // The instant of a wall-clock time; a time skipped by DST moves forward, an ambiguous one takes the first.
  Instant at(LocalDate d, int minute_of_day) const;
  // Like at(), but nullopt for a wall-clock time that does not exist that day.
  std::optional<Instant> exactly_at(LocalDate d, int minute_of_day) const;
  LocalDateTime local(Instant t) const;
  int offset_minutes(Instant t) const;
  // "2027-03-28T10:00:00+02:00"
  std::string format(Instant t) const;

private:
  std::string name_;
  const date::time_zone* tz_;
};

// Parses ISO 8601 with an offset or Z ("2027-01-04T10:00:00+01:00", "2027-01-04T09:00Z"); without an offset the
// time is read in `zone`. nullopt when malformed.
std::optional<Instant> parse_instant(std::string_view s, const Zone& zone);
// (Instants before 1970-01-02 or from 9999-12-31 UTC on are refused: nullopt.)
// "HH:MM" → minutes since midnight (0…1440); nullopt when malformed.
std::optional<int> parse_hhmm(std::string_view s);
std::string format_hhmm(int minute_of_day);
// The current time; tests and jobs pass their own.
Instant now();

}  // namespace creneau::domain
