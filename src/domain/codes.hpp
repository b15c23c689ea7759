#pragma once
// Codes and states as types. Inside the server they are enum values, so a typo does not build; they become text
// only where they cross the boundary: the store's row mappers (columns), the JSON mapping (answers, request
// readers) and the settings document (codec). The texts are the contract's (docs: ../shared/api.md) and the
// database's: never rename one.
//
// Each enum has `text(E)` (a switch without `default`: -Wswitch with -Werror stops a build that forgets one) and
// `parse<E>(text)`, nullopt for anything unknown. `Values<E>::all` lists every value in declaration order: add a
// new enumerator there too (a static_assert checks the list is the enum's values in order, the unit tests that
// each one round-trips).
#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace creneau::domain {

// The `code` of an error answer; http maps each to its status (http::status_of).
enum class ErrorCode {
  validation_failed,
  not_found,
  unauthorized,
  forbidden,
  slot_taken,
  too_many_services,
  resource_required,
  outside_hours,
  no_package,
  package_exhausted,
  discovery_already_used,
  cannot_reschedule_group,
  unknown_identifier,
  bad_credentials,
  too_late,
  payload_too_large,
  too_many_attempts,
  conflict,
  offer_closed,
  method_not_allowed,
  internal,
};

// An appointment's status.
enum class AppointmentStatus { pending, approved, cancelled };

// How a new appointment is confirmed: approved at once with a notice, pending until the client confirms, or
// approved without telling the client.
enum class Confirmation { approve, request, silent };

// settings.waitlist.mode: off — nothing; manual — freed slots are listed; automatic — candidates are told.
enum class WaitlistMode { off, manual, automatic };

// A staff member's role: an employee (agenda, clients of their salons), a manager (admin rights at their
// salons), an admin (the whole network).
enum class Role { employee, manager, admin };

// Who holds a session: the salon's staff or a client's portal account.
enum class PrincipalKind { staff, portal };

// An outbox message's status.
enum class MessageStatus { pending, sent, failed };

// A waitlist offer as stored: still open, accepted by its client, or void (another client took the slot).
enum class OfferState { open, accepted, voided };

// What a waitlist offer's page shows: its state as of now (open — the client can take it).
enum class OfferOutcome { open, accepted, taken, cancelled, expired };

constexpr std::string_view text(ErrorCode c) {
  switch (c) {
    case ErrorCode::validation_failed: return "validation_failed";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::slot_taken: return "slot_taken";
    case ErrorCode::too_many_services: return "too_many_services";
    case ErrorCode::resource_required: return "resource_required";
    case ErrorCode::outside_hours: return "outside_hours";
    case ErrorCode::no_package: return "no_package";
    case ErrorCode::package_exhausted: return "package_exhausted";
    case ErrorCode::discovery_already_used: return "discovery_already_used";
    case ErrorCode::cannot_reschedule_group: return "cannot_reschedule_group";
    case ErrorCode::unknown_identifier: return "unknown_identifier";
    case ErrorCode::bad_credentials: return "bad_credentials";
    case ErrorCode::too_late: return "too_late";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::too_many_attempts: return "too_many_attempts";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::offer_closed: return "offer_closed";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::internal: return "internal";
  }
  return {};  // not reached: the switch names every value
}

constexpr std::string_view text(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::pending: return "pending";
    case AppointmentStatus::approved: return "approved";
    case AppointmentStatus::cancelled: return "cancelled";
  }
  return {};
}

constexpr std::string_view text(Confirmation c) {
  switch (c) {
    case Confirmation::approve: return "approve";
    case Confirmation::request: return "request";
    case Confirmation::silent: return "silent";
  }
  return {};
}

constexpr std::string_view text(WaitlistMode m) {
  switch (m) {
    case WaitlistMode::off: return "off";
    case WaitlistMode::manual: return "manual";
    case WaitlistMode::automatic: return "automatic";
  }
  return {};
}

constexpr std::string_view text(MessageStatus s) {
  switch (s) {
    case MessageStatus::pending: return "pending";
    case MessageStatus::sent: return "sent";
    case MessageStatus::failed: return "failed";
  }
  return {};
}

constexpr std::string_view text(OfferState s) {
  switch (s) {
    case OfferState::open: return "open";
    case OfferState::accepted: return "accepted";
    case OfferState::voided: return "void";
  }
  return {};
}

constexpr std::string_view text(OfferOutcome o) {
  switch (o) {
    case OfferOutcome::open: return "open";
    case OfferOutcome::accepted: return "accepted";
    case OfferOutcome::taken: return "taken";
    case OfferOutcome::cancelled: return "cancelled";
    case OfferOutcome::expired: return "expired";
  }
  return {};
}

constexpr std::string_view text(Role r) {
  switch (r) {
    case Role::employee: return "employee";
    case Role::manager: return "manager";
    case Role::admin: return "admin";
  }
  return {};
}

constexpr std::string_view text(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::staff: return "staff";
    case PrincipalKind::portal: return "portal";
  }
  return {};
}

template <class E>
struct Values;

template <>
struct Values<ErrorCode> {
  static constexpr std::array all{
      ErrorCode::validation_failed,  ErrorCode::not_found,          ErrorCode::unauthorized,
      ErrorCode::forbidden,          ErrorCode::slot_taken,         ErrorCode::too_many_services,
      ErrorCode::resource_required,  ErrorCode::outside_hours,      ErrorCode::no_package,
      ErrorCode::package_exhausted,  ErrorCode::discovery_already_used, ErrorCode::cannot_reschedule_group,
      ErrorCode::unknown_identifier, ErrorCode::bad_credentials,    ErrorCode::too_late,
      ErrorCode::payload_too_large,  ErrorCode::too_many_attempts,  ErrorCode::conflict,
      ErrorCode::offer_closed,       ErrorCode::method_not_allowed, ErrorCode::internal};
};
template <>
struct Values<AppointmentStatus> {
  static constexpr std::array all{AppointmentStatus::pending, AppointmentStatus::approved,
                                  AppointmentStatus::cancelled};
};
template <>
struct Values<Confirmation> {
  static constexpr std::array all{Confirmation::approve, Confirmation::request, Confirmation::silent};
};
template <>
struct Values<WaitlistMode> {
  static constexpr std::array all{WaitlistMode::off, WaitlistMode::manual, WaitlistMode::automatic};
};
template <>
struct Values<Role> {
  static constexpr std::array all{Role::employee, Role::manager, Role::admin};
};
template <>
struct Values<PrincipalKind> {
  static constexpr std::array all{PrincipalKind::staff, PrincipalKind::portal};
};
template <>
struct Values<MessageStatus> {
  static constexpr std::array all{MessageStatus::pending, MessageStatus::sent, MessageStatus::failed};
};

template <>
struct Values<OfferState> {
  static constexpr std::array all{OfferState::open, OfferState::accepted, OfferState::voided};
};
template <>
struct Values<OfferOutcome> {
  static constexpr std::array all{OfferOutcome::open, OfferOutcome::accepted, OfferOutcome::taken,
                                  OfferOutcome::cancelled, OfferOutcome::expired};
};

// The enums above: those with a text and a list of values.
template <class E>
concept Coded = std::is_enum_v<E> && requires(E e) {
  Values<E>::all;
  { text(e) } -> std::same_as<std::string_view>;
};

// The value whose text is exactly `s` (case included), or nullopt.
template <Coded E>
constexpr std::optional<E> parse(std::string_view s) {
  for (E e : Values<E>::all)
    if (text(e) == s) return e;
  return std::nullopt;
}

namespace detail {
// Values<E>::all holds 0, 1, 2… in order, each with a text of its own.
template <class E>
consteval bool listed_in_order() {
  const auto& all = Values<E>::all;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (static_cast<std::size_t>(all[i]) != i || text(all[i]).empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (text(all[j]) == text(all[i])) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::listed_in_order<ErrorCode>() && Values<ErrorCode>::all.back() == ErrorCode::internal);
static_assert(detail::listed_in_order<AppointmentStatus>() &&
              Values<AppointmentStatus>::all.back() == AppointmentStatus::cancelled);
static_assert(detail::listed_in_order<Confirmation>() && Values<Confirmation>::all.back() == Confirmation::silent);
static_assert(detail::listed_in_order<WaitlistMode>() && Values<WaitlistMode>::all.back() == WaitlistMode::automatic);
static_assert(detail::listed_in_order<Role>() && Values<Role>::all.back() == Role::admin);
static_assert(detail::listed_in_order<PrincipalKind>() && Values<PrincipalKind>::all.back() == PrincipalKind::portal);
static_assert(detail::listed_in_order<MessageStatus>() && Values<MessageStatus>::all.back() == MessageStatus::failed);
static_assert(detail::listed_in_order<OfferState>() && Values<OfferState>::all.back() == OfferState::voided);
static_assert(detail::listed_in_order<OfferOutcome>() && Values<OfferOutcome>::all.back() == OfferOutcome::expired);

}  // namespace creneau::domain
