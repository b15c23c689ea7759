#pragma once
// The coded enums (domain/codes.hpp) in nlohmann-json: a value writes as its text, so `{"status", a.status}`
// answers "approved". There is no from_json on purpose: a request reader parses the text itself
// (domain::parse) and answers 422 on the field when it is unknown. The targets that use nlohmann-json build with
// JSON_DISABLE_ENUM_SERIALIZATION, so an enum without this header never turns into a silent integer.
#include "domain/codes.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace nlohmann {
template <creneau::domain::Coded E>
struct adl_serializer<E, void> {
  template <class BasicJson>
  static void to_json(BasicJson& j, E e) {
    j = std::string(creneau::domain::text(e));
  }
};
}  // namespace nlohmann
