// Time parsing: ISO 8601 instants (with and without offsets), dates and HH:MM. What parses must format
// and parse back to the same value.
#include "domain/time.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace creneau::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  static const Zone paris("Europe/Paris");
  static const Zone utc("UTC");
  for (const Zone* zone : {&paris, &utc}) {
    if (auto t = parse_instant(text, *zone)) {
      auto again = parse_instant(zone->format(*t), *zone);
      if (!again || *again != *t) std::abort();
    }
  }
  if (auto d = LocalDate::parse(text)) {
    auto again = LocalDate::parse(d->iso());
    if (!again || again->iso() != d->iso()) std::abort();
  }
  if (auto m = parse_hhmm(text)) {
    if (*m < 0 || *m > 24 * 60) std::abort();
    auto again = parse_hhmm(format_hhmm(*m));
    if (!again || *again != *m) std::abort();
  }
  return 0;
}
