#pragma once
// The availability answer written straight into the body, without a JSON tree: the same text as
// to_json(Slot) dumped by nlohmann (tests/checks/json_check compares them). No nlohmann-json here.
#include "domain/availability.hpp"
#include "domain/time.hpp"
#include "http/message.hpp"

#include <string>
#include <vector>

namespace creneau::http {

// {"slots":[…]}, each slot as to_json() has it, written straight into the body (no JSON tree on the way):
// the availability routes answer with this.
std::string slots_body(const std::vector<domain::Slot>& slots, const domain::Zone& zone);
Response slots_response(const std::vector<domain::Slot>& slots, const domain::Zone& zone);

}  // namespace creneau::http
