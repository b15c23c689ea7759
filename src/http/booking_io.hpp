#pragma once
// Reading booking bodies and queries; shared by the staff and the portal routes.
#include "app/booking.hpp"
#include "http/json.hpp"

namespace creneau::http {

app::booking::BookRequest read_book_request(const json& j, const domain::Zone& zone);
app::booking::ChangeRequest read_change_request(const json& j, const domain::Zone& zone);
app::booking::AvailabilityRequest read_availability_request(const Request& req);
json slots_json(const std::vector<domain::Slot>& slots, const domain::Zone& zone);

}  // namespace creneau::http
