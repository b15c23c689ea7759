#pragma once
// The two languages every human text of the server exists in. French is the salons' language and the default.
#include <optional>
#include <string>
#include <string_view>

namespace creneau::domain {

enum class Lang { fr, en };

// "fr" | "en" (the settings' value) → Lang; nullopt for anything else.
std::optional<Lang> lang_named(std::string_view code);
const char* lang_code(Lang lang);

// The language an Accept-Language header prefers among French and English: the highest q-value wins, the first
// listed on a tie ("en-GB,fr;q=0.8" → en; "de, fr;q=0.5" → fr); `fallback` when it names neither (or is empty).
Lang preferred_lang(std::string_view header, Lang fallback);
// The same without a fallback: nullopt when the header names neither language.
std::optional<Lang> accepted_lang(std::string_view header);

}  // namespace creneau::domain
