#pragma once
// The one error type of the whole server: a stable code (the contract's list), a message a person can read, in
// French or English, and, for validation, the field at fault. The HTTP layer maps codes to statuses in one table
// and renders the message in the request's language.
//
// A message is a Text: an English phrase that must appear in the catalogue (domain/phrases.hpp) beside its French
// translation. The lookup runs at compile time, so a throw site with a phrase nobody translated does not build.
// Variable parts are "{}" in the phrase, filled from the arguments in order.
#include "domain/codes.hpp"
#include "domain/lang.hpp"
#include "domain/phrases.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace creneau::domain {

class Text {
public:
  // Implicit on purpose: throw sites write the English phrase, the compiler checks it is translated.
  consteval Text(const char* english) : index_(find(english)) {}  // NOLINT(google-explicit-constructor)
  std::string_view in(Lang lang) const;
  bool operator==(const Text&) const = default;

private:
  static consteval std::size_t find(std::string_view english) {
    for (std::size_t i = 0; i < std::size(kPhrases); ++i)
      if (kPhrases[i].en == english) return i;
    // Not a constant expression: the build stops at the throw site whose phrase is missing from phrases.hpp.
    throw "this phrase is not in the catalogue: add it with its French translation to domain/phrases.hpp";
  }
  std::size_t index_;
};

// A duration in minutes, written the way each language writes it ("1 h 30" / "1 h 30 min").
struct Minutes {
  int value = 0;
};
// What fills a "{}": words kept as they are (names, numbers, field names), a phrase translated in turn, or minutes.
using Arg = std::variant<std::string, Text, Minutes>;

// A phrase with its arguments, written out in one language.
std::string render(Text text, const std::vector<Arg>& args, Lang lang);

class Error : public std::runtime_error {
public:
  Error(ErrorCode code, Text text, std::string field = {}, std::vector<Arg> args = {})
      : std::runtime_error(render(text, args, Lang::en)),
        code_(code),
        field_(std::move(field)),
        text_(text),
        args_(std::move(args)) {}
  ErrorCode code() const { return code_; }
  const std::string& field() const { return field_; }
  // what() is the English message (logs); message() the one a person reads.
  std::string message(Lang lang) const { return render(text_, args_, lang); }
  // The same error about another field (a nested member reported under its full path).
  Error at_field(std::string field) const { return Error(code_, text_, std::move(field), args_); }

private:
  ErrorCode code_;
  std::string field_;
  Text text_;
  std::vector<Arg> args_;
};

inline Error validation(std::string field, Text text, std::vector<Arg> args = {}) {
  return Error(ErrorCode::validation_failed, text, std::move(field), std::move(args));
}
// "appointment not found" / "rendez-vous introuvable": `what` is a phrase of the catalogue.
inline Error not_found(Text what) { return Error(ErrorCode::not_found, "{} not found", {}, {what}); }

}  // namespace creneau::domain

namespace creneau::domain {

inline std::string_view Text::in(Lang lang) const {
  return lang == Lang::en ? kPhrases[index_].en : kPhrases[index_].fr;
}

}  // namespace creneau::domain
