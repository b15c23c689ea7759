#pragma once
// Request readers: the JSON body and its typed members, query parameters, path ids, paging. Every malformed
// value becomes a validation_failed (or not_found for a path id) naming the field. Included by the route
// translation units only (through http/json.hpp): nlohmann-json is heavy.
#include "codec/codes_json.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"
#include "domain/time.hpp"
#include "http/message.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace creneau::http {

using nlohmann::json;

// The body as a JSON object; malformed → validation_failed.
json parse_object(const Request& req);

// Typed reads of one member; a present member of the wrong type → validation_failed naming the field.
std::string req_string(const json& j, const char* key);
std::optional<std::string> opt_string(const json& j, const char* key);
std::optional<std::int64_t> opt_int(const json& j, const char* key);
// Like opt_int, saturated to int (minutes, capacities): a huge value stays huge and fails the range checks
// instead of wrapping into a plausible one.
std::optional<int> opt_int32(const json& j, const char* key);
std::optional<bool> opt_bool(const json& j, const char* key);
std::optional<std::vector<std::int64_t>> opt_ids(const json& j, const char* key);
std::vector<domain::WeeklyHours> read_hours(const json& j, const char* key);
// "pending, approved, cancelled": the texts of a coded enum, for messages.
template <domain::Coded E>
std::string code_texts() {
  std::string out;
  for (E e : domain::Values<E>::all) out += (out.empty() ? "" : ", ") + std::string(domain::text(e));
  return out;
}
// A coded member (e.g. "confirmation"): absent or null → nullopt; text that no value has → validation_failed on
// the member, with `unknown` as the message.
template <domain::Coded E>
std::optional<E> opt_code(const json& j, const char* key, domain::Text unknown) {
  auto s = opt_string(j, key);
  if (!s) return std::nullopt;
  if (auto e = domain::parse<E>(*s)) return e;
  throw domain::validation(key, unknown);
}

// Query parameters.
std::optional<std::int64_t> query_int(const Request& req, const char* key);
std::optional<domain::LocalDate> query_date(const Request& req, const char* key);
// A coded query parameter (?status=pending): absent or empty → nullopt (no filter); text that no value has →
// validation_failed on the parameter, naming the values it takes.
template <domain::Coded E>
std::optional<E> query_code(const Request& req, const char* key) {
  const auto* v = req.query_param(key);
  if (!v || v->empty()) return std::nullopt;
  if (auto e = domain::parse<E>(*v)) return e;
  throw domain::validation(key, "unknown value '{}': expected one of {}", {*v, code_texts<E>()});
}
std::int64_t path_id(const std::string& segment);
struct Paging {
  int limit = 50, offset = 0;
};
Paging paging(const Request& req);

}  // namespace creneau::http
