// The CSV writer: any fields, any delimiter. A record must parse back (RFC 4180) to its fields, each kept as
// text: a value a spreadsheet would run as a formula comes back with a leading '.
#include "domain/csv.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace creneau::domain;

namespace {
// A strict RFC 4180 reader of one record ending in CRLF.
std::vector<std::string> read_record(const std::string& text, char delimiter) {
  std::vector<std::string> out(1);
  std::size_t i = 0;
  bool quoted = false, started = true;
  while (i < text.size()) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        out.back() += '"';
        i += 2;
        continue;
      }
      if (ch == '"') quoted = false;
      else out.back() += ch;
      ++i;
      continue;
    }
    if (ch == '"' && started) {
      quoted = true;
    } else if (ch == delimiter) {
      out.emplace_back();
      started = true;
      ++i;
      continue;
    } else if (ch == '\r' && i + 2 == text.size() && text[i + 1] == '\n') {
      return out;
    } else if (ch == '\r' || ch == '\n' || ch == '"') {
      std::abort();  // a bare line break or quote outside quotes: the writer should have quoted the field
    } else {
      out.back() += ch;
    }
    started = false;
    ++i;
  }
  std::abort();  // no CRLF at the end
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const char delimiters[] = {',', ';', '\t'};
  char delimiter = delimiters[data[0] % 3];
  std::vector<std::string> fields(1);
  for (std::size_t i = 1; i < size; ++i) {
    if (data[i] == 0xFF) fields.emplace_back();  // 0xFF separates the fields of the input
    else fields.back() += static_cast<char>(data[i]);
  }
  auto record = csv::record(fields, delimiter);
  auto back = read_record(record, delimiter);
  if (back.size() != fields.size()) std::abort();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    auto expected = csv::looks_like_formula(fields[i]) ? "'" + fields[i] : fields[i];
    if (back[i] != expected) std::abort();
  }
  csv::split_names(std::string(reinterpret_cast<const char*>(data), size));
  csv::delimiter_named(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
