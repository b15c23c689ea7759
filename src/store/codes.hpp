#pragma once
// Coded enums (domain/codes.hpp) in columns: written as their text, read back with a check. A column holding
// text no value has is a broken database, not a request's fault: it throws (the request answers 500).
#include "domain/codes.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace creneau::store {

template <domain::Coded E>
std::string column_text(E value) {
  return std::string(domain::text(value));
}

template <domain::Coded E>
E column_value(std::string_view text, const char* column) {
  if (auto value = domain::parse<E>(text)) return *value;
  throw std::runtime_error(std::string("unknown value in column ") + column + ": '" + std::string(text) + "'");
}

}  // namespace creneau::store
