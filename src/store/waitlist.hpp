#pragma once
// Freed slots, waitlist offers, and the waiting appointments the matcher reads.
#include "domain/model.hpp"
#include "domain/waitlist.hpp"
#include "store/sql.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::store::waitlist {

using domain::Id;

struct FreedSlot {
  Id id = 0;
  Id staff_id = 0;
  domain::Interval span;
  std::optional<Id> source_appointment_id;
  domain::Instant created_at{};
  std::optional<Id> taken_by;  // the appointment that accepted an offer of it
  Id salon_id = 1;
};

Id insert_freed_slot(sql::Connection& c, Id staff_id, const domain::Interval& span, Id source_appointment_id,
                     domain::Instant now, Id salon_id);
std::optional<FreedSlot> find_freed_slot(sql::Connection& c, Id id);
// Slots not taken yet that end after `after`, by start; of the salons `salon_ids` when given.
std::vector<FreedSlot> open_freed_slots(sql::Connection& c, domain::Instant after, int limit, int offset,
                                        std::int64_t* total = nullptr,
                                        const std::optional<std::vector<Id>>& salon_ids = std::nullopt);
void set_slot_taken(sql::Connection& c, Id slot_id, Id appointment_id);

struct Offer {
  std::string token_hash;
  Id freed_slot_id = 0;
  Id appointment_id = 0;
  domain::OfferState status = domain::OfferState::open;
  domain::Instant created_at{};
  std::optional<domain::Instant> accepted_at;
};
void insert_offer(sql::Connection& c, const Offer& o);
std::optional<Offer> find_offer(sql::Connection& c, const std::string& token_hash);
// The appointments an offer of this slot went to, in the order they were told.
std::vector<Id> notified(sql::Connection& c, Id slot_id);
void accept_offer(sql::Connection& c, const std::string& token_hash, domain::Instant at);
// Every other open offer of the slot becomes void (the slot is taken).
void void_other_offers(sql::Connection& c, Id slot_id, const std::string& except_token_hash);

// The appointments waiting for an earlier slot (notify_earlier_slot, approved or pending, not a group) that
// start after `after`, in booking order (created_at, id), with their lines flat beside them.
struct Waiting {
  std::vector<domain::WaitingVisit> visits;
  std::vector<domain::WaitingLine> lines;
};
// Of one salon: a freed slot is offered to that salon's appointments only.
Waiting waiting(sql::Connection& c, domain::Instant after, Id salon_id);

}  // namespace creneau::store::waitlist
