#pragma once
// The one error type of the whole server: a stable code (the contract's list), a message a person can read
// and, for validation, the field at fault. The HTTP layer maps codes to statuses in one table.
#include <stdexcept>
#include <string>

namespace creneau::domain {

class Error : public std::runtime_error {
public:
  Error(std::string code, std::string message, std::string field = {})
      : std::runtime_error(message), code_(std::move(code)), field_(std::move(field)) {}
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

private:
  std::string code_;
  std::string field_;
};

inline Error validation(std::string field, std::string message) {
  return Error("validation_failed", std::move(message), std::move(field));
}
inline Error not_found(std::string what) { return Error("not_found", what + " not found"); }

}  // namespace creneau::domain
