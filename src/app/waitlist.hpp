#pragma once
// The earlier-slot waitlist: when a visit gives time back, who could move into it, and who is told.
// Modes (settings.waitlist.mode): off — nothing; manual — freed slots are listed with their candidates and the
// front desk chooses whom to notify (a client's own change through the portal lists nothing); automatic —
// the first max_notified candidates (0 = all) get an offer at once, whoever made the change.
// An offer is a secret link; accepting it moves the appointment into the slot if it is still free (first come,
// first served) and frees the old slot in turn (a cascade).
#include "app/context.hpp"
#include "app/salon.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"
#include "store/sql.hpp"
#include "store/waitlist.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::app::waitlist {

using domain::Id;

// Called inside the transaction that cancels, deletes or moves `before` (`after` is the moved version, or
// null), after the change is written. Records each freed span per staff member and, in automatic mode, offers
// it at once. `by_client_online`: the client's own change through the portal (manual mode then records nothing).
void on_freed(sql::Connection& c, Context& ctx, const Salon& salon, const domain::Appointment& before,
              const domain::Appointment* after, bool by_client_online);

struct Candidate {
  Id appointment_id = 0;
  Id client_id = 0;
  domain::Instant start{};       // where the appointment is now
  domain::Instant created_at{};  // when it was booked: the order of the list
};

struct FreedSlotView {
  store::waitlist::FreedSlot slot;
  std::vector<Candidate> candidates;  // computed when read, against the agenda as it is now
  std::vector<Id> notified;           // appointments an offer of this slot went to
};

struct FreedSlotPage {
  std::int64_t total = 0;
  std::vector<FreedSlotView> items;
};
// Freed slots not taken and not over yet, by start.
// Of the salons `salon_ids` (every salon when nullopt).
FreedSlotPage freed_slots(Context& ctx, const std::optional<std::vector<Id>>& salon_ids, int limit, int offset);

// Manual mode: one waitlist_offer per chosen appointment (each must be a candidate now); an appointment already
// told of this slot is not told again. Returns the slot as it now stands.
// `salon_ids`: the salons the caller works at (nullopt: every salon); a slot of another salon → forbidden.
FreedSlotView notify(Context& ctx, Id slot_id, const std::vector<Id>& appointment_ids,
                     const std::optional<std::vector<Id>>& salon_ids = std::nullopt);

struct OfferView {
  domain::OfferOutcome status = domain::OfferOutcome::open;
  bool open = false;
  std::optional<domain::Text> message;  // why it is no longer open, for people (in their language)
  store::waitlist::FreedSlot slot;
  domain::Interval proposed;  // where the visit would go
  std::vector<domain::SlotLine> lines;
  Id staff_id = 0;
  std::string staff_first_name;
  domain::Appointment appointment;
  std::vector<std::string> services;
};
// What the link shows, without logging in. Unknown token → not_found.
OfferView offer(Context& ctx, const std::string& token);
// Moves the appointment into the offered slot, atomically: first come, first served. A second accept, or a
// slot no longer free → slot_taken; the appointment cancelled meanwhile → offer_closed.
domain::Appointment accept(Context& ctx, const std::string& token);

}  // namespace creneau::app::waitlist
