#include "domain/csv.hpp"

namespace creneau::domain::csv {

bool looks_like_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=': case '-': case '@': case '\t': case '\r':
      return true;
    case '+':
      return value.size() == 1 || value.find_first_not_of("0123456789", 1) != std::string_view::npos;
    default:
      return false;
  }
}

std::string field(std::string_view value, char delimiter) {
  bool formula = looks_like_formula(value);
  bool quote = value.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos;
  if (!quote) return formula ? "'" + std::string(value) : std::string(value);
  std::string out;
  out.reserve(value.size() + 3);
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char ch : value) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

std::string record(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(delimiter);
    out += field(fields[i], delimiter);
  }
  out += "\r\n";
  return out;
}

std::optional<char> delimiter_named(std::string_view name) {
  if (name == ",") return ',';
  if (name == ";") return ';';
  if (name == "tab" || name == "\t") return '\t';
  return std::nullopt;
}

std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> out;
  std::size_t i = 0;
  for (;;) {
    auto j = list.find(',', i);
    auto part = list.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    out.emplace_back(part);
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

}  // namespace creneau::domain::csv
