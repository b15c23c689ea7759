#include "http/slot_writer.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstring>
#include <limits>
#include <span>

namespace creneau::http {

namespace {

// Zone::format() for many instants in a row: the zone's offset is looked up once per stretch of time it holds
// (date's sys_info [begin, end)), and the date part once per day, instead of per instant through snprintf.
class TimeWriter {
public:
  explicit TimeWriter(const domain::Zone& zone) : zone_(zone) {
    try {
      tz_ = date::locate_zone(zone.name());
    } catch (const std::exception&) {
      tz_ = nullptr;
    }
  }

  // Writes "2027-03-28T10:00:00+02:00", quoted, exactly as Zone::format() does, at `p` (room for kQuoted
  // characters); returns the end, or nullptr when this instant needs Zone::format() itself (write() does that).
  static constexpr std::size_t kQuoted = 27;
  char* put(char* p, domain::Instant t) {
    if (!tz_ || t < begin_ || t >= end_) lookup(t);
    if (!fast_) return nullptr;
    auto local = t.time_since_epoch().count() + offset_seconds_;
    auto day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    auto secs = local - day * 86400;
    if (day != day_) set_day(day);
    if (!fast_day_) return nullptr;
    p[0] = '"';
    std::memcpy(p + 1, date_, 11);  // "YYYY-MM-DDT"
    two(p + 12, static_cast<int>(secs / 3600));
    p[14] = ':';
    two(p + 15, static_cast<int>(secs / 60 % 60));
    p[17] = ':';
    two(p + 18, static_cast<int>(secs % 60));
    std::memcpy(p + 20, offset_, 6);  // "+02:00"
    p[26] = '"';
    return p + kQuoted;
  }

  // Appends the same to `out`.
  void write(std::string& out, domain::Instant t) {
    char buf[kQuoted];
    if (char* end = put(buf, t)) {
      out.append(buf, end);
      return;
    }
    out += '"';
    out += zone_.format(t);
    out += '"';
  }

private:
  static void two(char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  }

  void lookup(domain::Instant t) {
    fast_ = false;
    if (!tz_) return;
    auto info = tz_->get_info(t);
    begin_ = std::chrono::time_point_cast<std::chrono::seconds>(info.begin);
    end_ = std::chrono::time_point_cast<std::chrono::seconds>(info.end);
    if (t < begin_ || t >= end_) return;  // not expected; the slow path stays right
    offset_seconds_ = info.offset.count();
    int off = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
    offset_[0] = off < 0 ? '-' : '+';
    off = off < 0 ? -off : off;
    if (off / 60 > 99) return;
    two(offset_ + 1, off / 60);
    offset_[3] = ':';
    two(offset_ + 4, off % 60);
    fast_ = true;
    day_ = std::numeric_limits<std::int64_t>::min();
  }

  void set_day(std::int64_t day) {
    day_ = day;
    date::year_month_day ymd{date::sys_days{date::days{day}}};
    int y = static_cast<int>(ymd.year());
    fast_day_ = y >= 1000 && y <= 9999;
    if (!fast_day_) return;
    two(date_, y / 100);
    two(date_ + 2, y % 100);
    date_[4] = '-';
    two(date_ + 5, static_cast<int>(static_cast<unsigned>(ymd.month())));
    date_[7] = '-';
    two(date_ + 8, static_cast<int>(static_cast<unsigned>(ymd.day())));
    date_[10] = 'T';
  }

  const domain::Zone& zone_;
  const date::time_zone* tz_ = nullptr;
  domain::Instant begin_{}, end_{};
  std::int64_t offset_seconds_ = 0;
  bool fast_ = false, fast_day_ = false;
  char offset_[6] = {};
  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();
  char date_[11] = {};
};

template <std::size_t N>
char* put_text(char* p, const char (&text)[N]) {
  std::memcpy(p, text, N - 1);
  return p + N - 1;
}

char* put_int(char* p, std::int64_t v) { return std::to_chars(p, p + 20, v).ptr; }

// One slot written at `p`, keys in the order nlohmann's std::map-backed objects dump them (alphabetical); nullptr
// when an instant needs Zone::format() itself. Room needed: kSlotRoom + kLineRoom per line.
constexpr std::size_t kSlotRoom = 2 * TimeWriter::kQuoted + 32, kLineRoom = 2 * TimeWriter::kQuoted + std::size_t{3} * 20 + 64;

char* put_slot(char* p, TimeWriter& time, const domain::Interval& span, std::span<const domain::SlotLine> lines) {
  p = put_text(p, "{\"end\":");
  if (!(p = time.put(p, span.end))) return nullptr;
  p = put_text(p, ",\"lines\":[");
  bool first = true;
  for (const auto& l : lines) {
    if (!first) *p++ = ',';
    first = false;
    p = put_text(p, "{\"end\":");
    if (!(p = time.put(p, l.span.end))) return nullptr;
    p = put_text(p, ",\"resource_id\":");
    p = l.resource_id ? put_int(p, *l.resource_id) : put_text(p, "null");
    p = put_text(p, ",\"service_id\":");
    p = put_int(p, l.service_id);
    p = put_text(p, ",\"staff_id\":");
    p = put_int(p, l.staff_id);
    p = put_text(p, ",\"start\":");
    if (!(p = time.put(p, l.span.start))) return nullptr;
    *p++ = '}';
  }
  p = put_text(p, "],\"start\":");
  if (!(p = time.put(p, span.start))) return nullptr;
  *p++ = '}';
  return p;
}

// The same through std::string appends and Zone::format() (instants the fast path does not cover).
void append_slot_slowly(std::string& out, TimeWriter& time, const domain::Interval& span,
                        std::span<const domain::SlotLine> lines) {
  out += "{\"end\":";
  time.write(out, span.end);
  out += ",\"lines\":[";
  bool first = true;
  for (const auto& l : lines) {
    out += first ? "{\"end\":" : ",{\"end\":";
    first = false;
    time.write(out, l.span.end);
    out += ",\"resource_id\":";
    out += l.resource_id ? std::to_string(*l.resource_id) : "null";
    out += ",\"service_id\":" + std::to_string(l.service_id) + ",\"staff_id\":" + std::to_string(l.staff_id) +
           ",\"start\":";
    time.write(out, l.span.start);
    out += '}';
  }
  out += "],\"start\":";
  time.write(out, span.start);
  out += '}';
}

void append_slot(std::string& out, TimeWriter& time, const domain::Interval& span, std::span<const domain::SlotLine> lines) {
  std::size_t at = out.size();
  out.resize(at + kSlotRoom + kLineRoom * lines.size());
  if (char* end = put_slot(out.data() + at, time, span, lines)) {
    out.resize(static_cast<std::size_t>(end - out.data()));
    return;
  }
  out.resize(at);
  append_slot_slowly(out, time, span, lines);
}

}  // namespace

std::string slots_body(const std::vector<domain::Slot>& slots, const domain::Zone& zone) {
  TimeWriter time(zone);
  std::string out;
  std::size_t lines = 0;
  for (const auto& s : slots) lines += s.lines.size();
  out.reserve(32 + slots.size() * kSlotRoom + lines * kLineRoom);  // room for the last slot written in place
  out += "{\"slots\":[";
  bool first = true;
  for (const auto& s : slots) {
    if (!first) out += ',';
    first = false;
    append_slot(out, time, s.span, s.lines);
  }
  out += "]}";
  return out;
}

Response slots_response(const std::vector<domain::Slot>& slots, const domain::Zone& zone) {
  return Response{200, "application/json", slots_body(slots, zone), {}};
}

}  // namespace creneau::http
