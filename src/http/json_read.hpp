#pragma once
// Request readers: the JSON body and its typed members, query parameters, path ids, paging. Every malformed
// value becomes a validation_failed (or not_found for a path id) naming the field. Included by the route
// translation units only (through http/json.hpp): nlohmann-json is heavy.
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

// Query parameters.
std::optional<std::int64_t> query_int(const Request& req, const char* key);
std::optional<domain::LocalDate> query_date(const Request& req, const char* key);
std::int64_t path_id(const std::string& segment);
struct Paging {
  int limit = 50, offset = 0;
};
Paging paging(const Request& req);

}  // namespace creneau::http
