#pragma once
// CSV as RFC 4180 writes it: fields separated by a delimiter, records ended by CRLF, a field quoted when it
// holds the delimiter, a double quote, CR or LF (quotes inside doubled). Bytes pass through untouched, so
// UTF-8 text stays UTF-8.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace creneau::domain::csv {

// One field, quoted only when it must be. A value a spreadsheet would run as a formula (it begins with =, +, -,
// @, tab or CR: OWASP's "CSV injection") gets a leading ' so it stays text; a phone number in E.164 ("+" and
// digits only) is no formula and stays as it is.
std::string field(std::string_view value, char delimiter = ',');
// Whether `value` needs that leading '.
bool looks_like_formula(std::string_view value);
// One record: the fields joined by the delimiter, then CRLF.
std::string record(const std::vector<std::string>& fields, char delimiter = ',');
// "," → ',', ";" → ';', "tab" (or a literal tab) → '\t'; nullopt for anything else.
std::optional<char> delimiter_named(std::string_view name);
// "a,b,c" → {"a","b","c"}; empty names are kept as "" so the caller can refuse them.
std::vector<std::string> split_names(std::string_view list);

}  // namespace creneau::domain::csv
