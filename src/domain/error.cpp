#include "domain/error.hpp"

#include "domain/messages.hpp"

namespace creneau::domain {

std::string render(Text text, const std::vector<Arg>& args, Lang lang) {
  auto phrase = text.in(lang);
  std::string out;
  out.reserve(phrase.size() + 16 * args.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    if (phrase[i] == '{' && i + 1 < phrase.size() && phrase[i + 1] == '}') {
      if (next < args.size()) {
        const auto& a = args[next++];
        if (const auto* s = std::get_if<std::string>(&a)) out += *s;
        else if (const auto* t = std::get_if<Text>(&a)) out += t->in(lang);
        else out += duration_words(std::get<Minutes>(a).value, lang);
      }
      ++i;
      continue;
    }
    out.push_back(phrase[i]);
  }
  return out;
}

}  // namespace creneau::domain
