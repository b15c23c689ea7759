#pragma once
// The few values kept as JSON documents: settings (the shape of /api/settings) and a service's questionnaire.
#include "domain/model.hpp"

#include <string>
#include <string_view>

namespace creneau::codec {

// The deepest nesting of arrays and objects a request body or stored document may have. Deeper text is refused
// before it is parsed, so nothing (merge patch, serialiser, destructor) ever recurses on an attacker's depth.
inline constexpr int kMaxJsonDepth = 64;
// Whether `text` nests arrays/objects at most `max_depth` deep. A linear scan that skips strings; it does not
// validate the JSON (the parser does that next).
bool json_depth_within(std::string_view text, int max_depth = kMaxJsonDepth);

std::string settings_to_json(const domain::Settings& s);
// Applies an RFC 7396 merge patch to `current` and validates the result; throws validation_failed with the field.
domain::Settings settings_merge_patch(const domain::Settings& current, std::string_view patch_json);
domain::Settings settings_from_json(std::string_view text);

// A JSON string literal, quotes included, for hand-written JSON (error bodies, log lines, gateway calls).
// Bytes that are not UTF-8 become U+FFFD.
std::string json_quote(std::string_view text);

std::string questionnaire_to_json(const std::vector<domain::Question>& q);
// Throws validation_failed ("questionnaire") for anything but [{"key","question","required"}].
std::vector<domain::Question> questionnaire_from_json(std::string_view text);

}  // namespace creneau::codec
