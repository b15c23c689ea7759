#include "domain/lang.hpp"

#include <cctype>
#include <cstdlib>

namespace creneau::domain {

std::optional<Lang> lang_named(std::string_view code) {
  if (code == "fr") return Lang::fr;
  if (code == "en") return Lang::en;
  return std::nullopt;
}

const char* lang_code(Lang lang) { return lang == Lang::en ? "en" : "fr"; }

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Lang preferred_lang(std::string_view header, Lang fallback) { return accepted_lang(header).value_or(fallback); }

std::optional<Lang> accepted_lang(std::string_view header) {
  std::optional<Lang> best;
  double best_q = 0;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    auto tag = trim(item.substr(0, semi));
    double q = 1;
    if (semi != std::string_view::npos) {
      auto params = trim(item.substr(semi + 1));
      if (params.size() > 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=')
        q = std::strtod(std::string(params.substr(2)).c_str(), nullptr);
    }
    // The primary subtag: "fr-CA" → "fr"; case does not matter.
    std::string primary;
    for (char c : tag.substr(0, tag.find('-'))) primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    auto lang = lang_named(primary);
    if (lang && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best;
}

}  // namespace creneau::domain
