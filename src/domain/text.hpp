#pragma once
// Small text rules of the domain: search folding, e-mail shape, phone numbers in E.164, the mail domain of a URL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace creneau::domain {

// Lower case without accents ("Hélène" → "helene"), for case- and accent-insensitive search and sorting.
std::string fold(std::string_view s);

bool plausible_email(std::string_view s);

// "#1a2B3c": a colour as the agenda takes it (# and six hex digits).
bool hex_color(std::string_view s);
// A distinct, readable colour for staff member `id` when nobody chose one (the palette, in turn by id).
std::string palette_color(std::int64_t id);

// "06 12 34 56 78", "0612345678", "+33 6 12 34 56 78" → "+33612345678" (country "FR"). nullopt if not a number.
std::optional<std::string> normalize_phone(std::string_view raw, std::string_view country = "FR");

// The host of a URL ("https://user@salon.example:8443/x" → "salon.example", "[::1]" → "::1").
std::string host_of(const std::string& url);
// A host name usable as the domain of an address; an IP address or nothing gives "localhost".
std::string mail_domain(const std::string& host);

}  // namespace creneau::domain
