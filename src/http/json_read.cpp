#include "http/json_read.hpp"

#include "codec/codec.hpp"

#include <algorithm>
#include <charconv>
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

}  // namespace creneau::http
