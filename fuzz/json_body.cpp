// The JSON request bodies of the main routes, read as the routes read them: parse_object (nesting bound),
// the booking readers (POST/PATCH appointments, portal bookings), staff hours, settings merge patches and
// service questionnaires. Refusals are domain::Error (a 4xx); anything else escaping is a finding.
#include "codec/codec.hpp"
#include "domain/error.hpp"
#include "http/booking_io.hpp"
#include "http/json.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace creneau;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request req;
  req.method = "POST";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  static const domain::Zone zone("Europe/Paris");
  http::json j;
  try {
    j = http::parse_object(req);
  } catch (const domain::Error&) {
    return 0;
  }
  auto attempt = [](auto&& read) {
    try {
      read();
    } catch (const domain::Error&) {
    }
  };
  attempt([&] { http::read_book_request(j, zone); });
  attempt([&] { http::read_change_request(j, zone); });
  attempt([&] { http::read_hours(j, "hours"); });
  attempt([&] {
    http::opt_string(j, "first_name");
    http::opt_int(j, "member_id");
    http::opt_int32(j, "duration_minutes");
    http::opt_bool(j, "no_show");
    http::opt_ids(j, "ids");
    http::req_string(j, "email");
  });
  attempt([&] {
    auto s = codec::settings_merge_patch(domain::Settings{}, req.body);
    // What a patch is accepted with must load back: the stored value is read at every request.
    auto back = codec::settings_from_json(codec::settings_to_json(s));
    if (codec::settings_to_json(back) != codec::settings_to_json(s)) std::abort();
  });
  attempt([&] {
    if (auto it = j.find("questionnaire"); it != j.end())
      codec::questionnaire_from_json(it->dump());
  });
  return 0;
}
