#include "http/json.hpp"

#include "codec/codec.hpp"

#include <algorithm>
#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstring>
#include <limits>
#include <span>
#include <limits>

namespace creneau::http {

using domain::validation;

json parse_object(const Request& req) {
  if (req.body.empty()) return json::object();
  if (!codec::json_depth_within(req.body))
    throw validation("", "the body nests deeper than {} levels", {std::to_string(codec::kMaxJsonDepth)});
  auto j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) throw validation("", "the body is not valid JSON");
  if (!j.is_object()) throw validation("", "the body must be a JSON object");
  return j;
}

std::optional<std::string> opt_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw validation(key, "'{}' must be a string", {std::string(key)});
  return it->get<std::string>();
}

std::string req_string(const json& j, const char* key) {
  auto v = opt_string(j, key);
  if (!v || v->empty()) throw validation(key, "'{}' is required", {std::string(key)});
  return *v;
}

std::optional<std::int64_t> opt_int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
    throw validation(key, "'{}' must be a whole number", {std::string(key)});
  return it->get<std::int64_t>();
}

std::optional<int> opt_int32(const json& j, const char* key) {
  auto v = opt_int(j, key);
  if (!v) return std::nullopt;
  return static_cast<int>(std::clamp<std::int64_t>(*v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

std::optional<bool> opt_bool(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw validation(key, "'{}' must be true or false", {std::string(key)});
  return it->get<bool>();
}

std::optional<std::vector<std::int64_t>> opt_ids(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) throw validation(key, "'{}' must be a list of ids", {std::string(key)});
  std::vector<std::int64_t> out;
  for (const auto& v : *it) {
    if (!v.is_number_integer()) throw validation(key, "'{}' must be a list of ids", {std::string(key)});
    out.push_back(v.get<std::int64_t>());
  }
  return out;
}

std::vector<domain::WeeklyHours> read_hours(const json& j, const char* key) {
  std::vector<domain::WeeklyHours> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) throw validation(key, "'{}' must be a list", {std::string(key)});
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& h = (*it)[i];
    auto f = std::string(key) + "[" + std::to_string(i) + "]";
    if (!h.is_object()) throw validation(f, "each entry must be {weekday, start, end}");
    auto weekday = opt_int(h, "weekday");
    auto start = domain::parse_hhmm(opt_string(h, "start").value_or(""));
    auto end = domain::parse_hhmm(opt_string(h, "end").value_or(""));
    if (!weekday || *weekday < 1 || *weekday > 7) throw validation(f + ".weekday", "weekday is 1 (Monday) to 7 (Sunday)");
    if (!start || !end) throw validation(f, "start and end are HH:MM");
    std::int64_t salon = 0;  // left out: the staff member's only salon, decided by the use case
    try {
      salon = opt_int(h, "salon_id").value_or(0);
    } catch (const domain::Error&) {
      throw validation(f + ".salon_id", "'salon_id' must be a salon's id");
    }
    out.push_back({static_cast<int>(*weekday), *start, *end, salon});
  }
  return out;
}

std::optional<std::int64_t> query_int(const Request& req, const char* key) {
  auto v = req.query_param(key);
  if (!v || v->empty()) return std::nullopt;
  std::int64_t out = 0;
  auto r = std::from_chars(v->data(), v->data() + v->size(), out);
  if (r.ec != std::errc{} || r.ptr != v->data() + v->size())
    throw validation(key, "'{}' must be a whole number", {std::string(key)});
  return out;
}

std::optional<domain::LocalDate> query_date(const Request& req, const char* key) {
  auto v = req.query_param(key);
  if (!v || v->empty()) return std::nullopt;
  auto d = domain::LocalDate::parse(*v);
  if (!d) throw validation(key, "'{}' must be a date YYYY-MM-DD", {std::string(key)});
  return d;
}

std::int64_t path_id(const std::string& segment) {
  std::int64_t out = 0;
  auto r = std::from_chars(segment.data(), segment.data() + segment.size(), out);
  if (r.ec != std::errc{} || r.ptr != segment.data() + segment.size() || out <= 0)
    throw domain::Error(domain::ErrorCode::not_found, "no such id: {}", {}, {segment});
  return out;
}

Paging paging(const Request& req) {
  Paging p;
  auto limit = query_int(req, "limit");
  auto offset = query_int(req, "offset");
  if (limit) {
    if (*limit < 1 || *limit > 500) throw validation("limit", "limit is between 1 and 500");
    p.limit = static_cast<int>(*limit);
  }
  if (offset) {
    if (*offset < 0) throw validation("offset", "offset cannot be negative");
    p.offset = static_cast<int>(std::min<std::int64_t>(*offset, std::numeric_limits<int>::max()));
  }
  return p;
}

Response json_response(int status, const json& body) {
  return Response{status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

Response no_content() { return Response{204, "", "", {}}; }

json list_body(std::int64_t total, json items) { return {{"total", total}, {"items", std::move(items)}}; }

json hours_json(const std::vector<domain::WeeklyHours>& hours) {
  json a = json::array();
  for (const auto& h : hours) {
    json row{{"weekday", h.weekday}, {"start", domain::format_hhmm(h.start_minute)}, {"end", domain::format_hhmm(h.end_minute)}};
    if (h.salon_id) row["salon_id"] = h.salon_id;  // a staff member's row; opening hours have none
    a.push_back(std::move(row));
  }
  return a;
}

json to_json(const domain::Staff& s) {
  return {{"id", s.id},       {"first_name", s.first_name}, {"last_name", s.last_name},     {"email", s.email},
          {"phone", s.phone}, {"role", domain::role_name(s.role)},             {"service_ids", s.service_ids}, {"hours", hours_json(s.hours)},
          {"salon_ids", s.salon_ids}, {"color", s.color}};
}

json to_json(const domain::ClientPackage& p) {
  return {{"id", p.id},
          {"client_id", p.client_id},
          {"package_type_id", p.package_type_id},
          {"name", p.name},
          {"sessions", p.sessions},
          {"used", p.used},
          {"no_shows", p.no_shows},
          {"remaining", p.remaining},
          {"start_date", p.start_date},
          {"validity_days", p.validity_days},
          {"valid_until", p.valid_until ? json(*p.valid_until) : json(nullptr)},
          {"service_ids", p.service_ids},
          {"salon_id", p.salon_id},
          {"scope", p.scope}};
}

json to_json(const domain::Resource& r) { return {{"id", r.id}, {"name", r.name}, {"salon_id", r.salon_id}}; }

json to_json(const domain::Service& s) {
  json q = json::array();
  for (const auto& item : s.questionnaire) q.push_back({{"key", item.key}, {"question", item.question}, {"required", item.required}});
  return {{"id", s.id},
          {"name", s.name},
          {"category", s.category},
          {"audience", s.audience},
          {"duration_minutes", s.duration_minutes},
          {"price_cents", s.price_cents},
          {"resource_ids", s.resource_ids},
          {"capacity", s.capacity},
          {"package_only", s.package_only},
          {"discovery", s.discovery},
          {"offered", s.offered},
          {"questionnaire", q}};
}

json to_json(const domain::Client& c, const domain::Zone& zone) {
  json j{{"id", c.id},
         {"first_name", c.first_name},
         {"last_name", c.last_name},
         {"email", c.email},
         {"phone", c.phone},
         {"gender", c.gender},
         {"birth_date", c.birth_date ? json(c.birth_date->iso()) : json(nullptr)},
         {"note", c.note},
         {"account", c.account ? json(*c.account) : json(nullptr)},
         {"last_appointment", c.last_appointment_at ? json(zone.local(*c.last_appointment_at).date.iso()) : json(nullptr)},
         {"marketing_opt_out", c.marketing_opt_out},
         {"erased", c.erased}};
  return j;
}

namespace {
json actor_json(const domain::Actor& a) { return {{"type", a.type}, {"id", a.id}, {"name", a.name}}; }
}  // namespace

json to_json(const domain::Appointment& a, const domain::Zone& zone) {
  json lines = json::array();
  for (const auto& l : a.lines) {
    auto answers = json::parse(l.answers_json, nullptr, false);
    lines.push_back({{"id", l.id},
                     {"service_id", l.service_id},
                     {"staff_id", l.staff_id},
                     {"resource_id", l.resource_id ? json(*l.resource_id) : json(nullptr)},
                     {"start", zone.format(l.span.start)},
                     {"end", zone.format(l.span.end)},
                     {"duration_minutes", l.duration_minutes},
                     {"price_cents", l.price_cents},
                     {"answers", answers.is_discarded() ? json::object() : answers},
                     {"package_id", l.package_id ? json(*l.package_id) : json(nullptr)}});
  }
  return {{"id", a.id},
          {"salon_id", a.salon_id},
          {"client_id", a.client_id},
          {"status", a.status},
          {"start", zone.format(a.span.start)},
          {"end", zone.format(a.span.end)},
          {"lines", lines},
          {"requested_staff", a.requested_staff},
          {"client_request", a.client_request},
          {"quick_note", a.quick_note},
          {"notes", a.notes},
          {"confirmation", a.confirmation},
          {"payment_method", a.payment_method.empty() ? json(nullptr) : json(a.payment_method)},
          {"arrived", a.arrived},
          {"paid", a.paid},
          {"amount_requested_cents", a.amount_requested_cents},
          {"notify_earlier_slot", a.notify_earlier_slot},
          {"no_show", a.no_show},
          {"group", a.group},
          {"cancel_reason", a.cancel_reason},
          {"rules",
           {{"slot_step_minutes", a.rules.slot_step_minutes},
            {"min_notice_minutes", a.rules.min_notice_minutes},
            {"max_advance_days", a.rules.max_advance_days},
            {"cancel_notice_minutes", a.rules.cancel_notice_minutes}}},
          {"created_at", zone.format(a.created_at)},
          {"created_by", actor_json(a.created_by)},
          {"updated_at", zone.format(a.updated_at)},
          {"updated_by", actor_json(a.updated_by)}};
}

json to_json(const domain::Slot& s, const domain::Zone& zone) {
  json lines = json::array();
  for (const auto& l : s.lines)
    lines.push_back({{"service_id", l.service_id},
                     {"staff_id", l.staff_id},
                     {"resource_id", l.resource_id ? json(*l.resource_id) : json(nullptr)},
                     {"start", zone.format(l.span.start)},
                     {"end", zone.format(l.span.end)}});
  return {{"start", zone.format(s.span.start)}, {"end", zone.format(s.span.end)}, {"lines", lines}};
}

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
constexpr std::size_t kSlotRoom = 2 * TimeWriter::kQuoted + 32, kLineRoom = 2 * TimeWriter::kQuoted + 3 * 20 + 64;

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
