#pragma once
// Entity mappers: the domain's values as the API's JSON (the shapes of docs/openapi.json), and the JSON
// responses. Included by the route translation units only (through http/json.hpp): nlohmann-json is heavy.
#include "codec/codes_json.hpp"
#include "domain/availability.hpp"
#include "domain/model.hpp"
#include "domain/packages.hpp"
#include "http/message.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace creneau::http {

using nlohmann::json;

Response json_response(int status, const json& body);
Response no_content();
json list_body(std::int64_t total, json items);

json to_json(const domain::Staff& s);
json to_json(const domain::Resource& r);
json to_json(const domain::Service& s);
json to_json(const domain::Client& c, const domain::Zone& zone);
json to_json(const domain::Appointment& a, const domain::Zone& zone);
json to_json(const domain::Slot& s, const domain::Zone& zone);
json hours_json(const std::vector<domain::WeeklyHours>& hours);
json to_json(const domain::ClientPackage& p);

}  // namespace creneau::http
