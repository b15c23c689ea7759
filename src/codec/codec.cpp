#include "codec/codec.hpp"
#include "codec/codes_json.hpp"

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

namespace creneau::codec {

using nlohmann::json;
using domain::validation;

namespace {

json hours_to_json(const std::vector<domain::WeeklyHours>& hours) {
  json a = json::array();
  for (const auto& h : hours)
    a.push_back({{"weekday", h.weekday}, {"start", domain::format_hhmm(h.start_minute)},
                 {"end", domain::format_hhmm(h.end_minute)}});
  return a;
}

json to_json_value(const domain::Settings& s) {
  return {{"name", s.name},
          {"timezone", s.timezone},
          {"currency", s.currency},
          {"country", s.country},
          {"language", domain::lang_code(s.language)},
          {"preferred_staff_selection", s.preferred_staff_selection},
          {"opening_hours", hours_to_json(s.opening_hours)},
          {"booking",
           {{"slot_step_minutes", s.booking.slot_step_minutes},
            {"min_notice_minutes", s.booking.min_notice_minutes},
            {"max_advance_days", s.booking.max_advance_days},
            {"cancel_notice_minutes", s.booking.cancel_notice_minutes}}},
          {"reminder_hours", s.reminder_hours},
          {"birthday_messages", s.birthday_messages},
          {"waitlist",
           {{"mode", s.waitlist.mode},
            {"max_notified", s.waitlist.max_notified},
            {"channels", s.waitlist.channels},
            {"message", s.waitlist.message}}}};
}

template <typename T>
T get(const json& j, const char* key, const std::string& field, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw validation(field, "'{}' has the wrong type", {field});
  }
}

int get_int(const json& j, const char* key, const std::string& field, int fallback, int min, int max) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) throw validation(field, "'{}' must be a whole number", {field});
  auto v = it->get<long long>();
  if (v < min || v > max)
    throw validation(field, "'{}' must be between {} and {}", {field, std::to_string(min), std::to_string(max)});
  return static_cast<int>(v);
}

domain::Settings from_json_value(const json& j) {
  if (!j.is_object()) throw validation("", "settings must be a JSON object");
  domain::Settings s;
  s.name = get<std::string>(j, "name", "name", s.name);
  s.timezone = get<std::string>(j, "timezone", "timezone", s.timezone);
  domain::Zone check(s.timezone);  // throws for an unknown zone
  s.currency = get<std::string>(j, "currency", "currency", s.currency);
  s.country = get<std::string>(j, "country", "country", s.country);
  auto language = domain::lang_named(get<std::string>(j, "language", "language", "fr"));
  if (!language) throw validation("language", "the language is fr or en");
  s.language = *language;
  s.preferred_staff_selection = get<bool>(j, "preferred_staff_selection", "preferred_staff_selection", true);
  if (auto it = j.find("opening_hours"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw validation("opening_hours", "'opening_hours' must be a list");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& h = (*it)[i];
      std::string f = "opening_hours[" + std::to_string(i) + "]";
      if (!h.is_object()) throw validation(f, "each opening hours entry must be an object");
      domain::WeeklyHours w;
      if (auto wd = h.find("weekday"); wd == h.end() || wd->is_null())
        throw validation(f + ".weekday", "each opening hours entry needs a weekday, 1 (Monday) to 7 (Sunday)");
      w.weekday = get_int(h, "weekday", f + ".weekday", 0, 1, 7);
      auto start = domain::parse_hhmm(get<std::string>(h, "start", f + ".start", ""));
      auto end = domain::parse_hhmm(get<std::string>(h, "end", f + ".end", ""));
      if (!start || !end || *start >= *end) throw validation(f, "opening hours need start < end as HH:MM");
      w.start_minute = *start;
      w.end_minute = *end;
      s.opening_hours.push_back(w);
    }
  }
  for (const char* key : {"booking", "waitlist"})
    if (auto it = j.find(key); it != j.end() && !it->is_null() && !it->is_object())
      throw validation(key, "'{}' must be an object", {std::string(key)});
  if (auto it = j.find("booking"); it != j.end() && it->is_object()) {
    const auto& b = *it;
    s.booking.slot_step_minutes = get_int(b, "slot_step_minutes", "booking.slot_step_minutes", 15, 5, 240);
    s.booking.min_notice_minutes = get_int(b, "min_notice_minutes", "booking.min_notice_minutes", 60, 0, 60 * 24 * 60);
    s.booking.max_advance_days = get_int(b, "max_advance_days", "booking.max_advance_days", 90, 1, 3650);
    s.booking.cancel_notice_minutes =
        get_int(b, "cancel_notice_minutes", "booking.cancel_notice_minutes", 0, 0, 60 * 24 * 60);
  }
  s.reminder_hours = get_int(j, "reminder_hours", "reminder_hours", 24, 0, 24 * 14);
  s.birthday_messages = get<bool>(j, "birthday_messages", "birthday_messages", true);
  if (auto it = j.find("waitlist"); it != j.end() && it->is_object()) {
    const auto& w = *it;
    auto mode = domain::parse<domain::WaitlistMode>(get<std::string>(w, "mode", "waitlist.mode", "off"));
    if (!mode) throw validation("waitlist.mode", "waitlist mode must be off, manual or automatic");
    s.waitlist.mode = *mode;
    s.waitlist.max_notified = get_int(w, "max_notified", "waitlist.max_notified", 0, 0, 1000);
    s.waitlist.channels = get<std::vector<std::string>>(w, "channels", "waitlist.channels", s.waitlist.channels);
    for (const auto& c : s.waitlist.channels)
      if (c != "email" && c != "sms") throw validation("waitlist.channels", "channels are 'email' and/or 'sms'");
    s.waitlist.message = get<std::string>(w, "message", "waitlist.message", s.waitlist.message);
  }
  return s;
}

}  // namespace

bool json_depth_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char ch : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (ch == '\\') escaped = true;
      else if (ch == '"') in_string = false;
      continue;
    }
    if (ch == '"') in_string = true;
    else if (ch == '[' || ch == '{') {
      if (++depth > max_depth) return false;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return true;
}

namespace {
// Every document this codec parses goes through here: too deep is refused like malformed.
json parse_bounded(std::string_view text) {
  if (!json_depth_within(text)) return json(json::value_t::discarded);
  return json::parse(text, nullptr, false);
}
}  // namespace

std::string json_quote(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string settings_to_json(const domain::Settings& s) { return to_json_value(s).dump(); }

domain::Settings settings_from_json(std::string_view text) {
  auto j = parse_bounded(text);
  if (j.is_discarded()) throw validation("", "settings are not valid JSON");
  return from_json_value(j);
}

domain::Settings settings_merge_patch(const domain::Settings& current, std::string_view patch_json) {
  if (!json_depth_within(patch_json))
    throw validation("", "the body nests deeper than {} levels", {std::to_string(kMaxJsonDepth)});
  auto patch = json::parse(patch_json, nullptr, false);
  if (patch.is_discarded()) throw validation("", "the body is not valid JSON");
  if (!patch.is_object()) throw validation("", "a settings patch must be a JSON object");
  json doc = to_json_value(current);
  doc.merge_patch(patch);
  auto next = from_json_value(doc);
  // What is stored is what the next load reads: it must read back as it was accepted, or the salon could no
  // longer load (nor undo) its own settings.
  from_json_value(to_json_value(next));
  return next;
}

std::string questionnaire_to_json(const std::vector<domain::Question>& q) {
  json a = json::array();
  for (const auto& item : q) a.push_back({{"key", item.key}, {"question", item.question}, {"required", item.required}});
  return a.dump();
}

std::vector<domain::Question> questionnaire_from_json(std::string_view text) {
  auto j = parse_bounded(text);
  if (j.is_discarded() || !j.is_array()) throw validation("questionnaire", "the questionnaire must be a list");
  std::vector<domain::Question> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    std::string f = "questionnaire[" + std::to_string(i) + "]";
    if (!j[i].is_object()) throw validation(f, "each question must be an object");
    domain::Question q{get<std::string>(j[i], "key", f + ".key", ""), get<std::string>(j[i], "question", f + ".question", ""),
                       get<bool>(j[i], "required", f + ".required", false)};
    if (q.key.empty()) throw validation(f + ".key", "each question needs a key");
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace creneau::codec
