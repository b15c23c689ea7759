#include "app/waitlist.hpp"

#include "app/auth.hpp"
#include "app/notify.hpp"
#include "app/packages.hpp"
#include "app/salon.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/waitlist.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/outbox.hpp"

#include <algorithm>
#include <map>

namespace creneau::app::waitlist {

using domain::Error;

namespace {

// Everything the matcher reads, loaded once per transaction for a range of freed slots.
struct MatchInput {
  domain::Agenda agenda;
  std::vector<domain::Service> services;  // sorted by id
  store::waitlist::Waiting waiting;
};

void load_input(sql::Connection& c, const Salon& salon, domain::Instant from, domain::Instant to, MatchInput& in) {
  in.agenda = store::appointments::load_agenda(c, salon.agenda_salon(), from - domain::Days(1), to + domain::Days(1));
  in.services = salon.services;  // sorted by id, with the salon's durations
  in.waiting = store::waitlist::waiting(c, from, salon.id());
}

// What matching needs around every one of `slots` (at least one).
void load_input_around(sql::Connection& c, const Salon& salon, const std::vector<store::waitlist::FreedSlot>& slots,
                       MatchInput& in) {
  auto from = slots.front().span.start, to = slots.front().span.end;
  for (const auto& s : slots) {
    from = std::min(from, s.span.start);
    to = std::max(to, s.span.end);
  }
  load_input(c, salon, from, to, in);
}

domain::WaitlistQuery query_of(const store::waitlist::FreedSlot& slot, const domain::Settings& settings,
                               domain::Instant now, std::size_t limit = 0) {
  domain::WaitlistQuery q;
  q.freed = {slot.staff_id, slot.span};
  q.not_before = now + std::chrono::minutes(settings.booking.min_notice_minutes);
  q.limit = limit;
  q.exclude_appointment = slot.source_appointment_id.value_or(0);
  return q;
}

std::vector<Candidate> candidates_of(const MatchInput& in, const domain::WaitlistMatches& m) {
  std::vector<Candidate> out;
  out.reserve(m.candidates.size());
  for (const auto& c : m.candidates) {
    const auto& v = in.waiting.visits[c.visit];
    out.push_back({v.appointment_id, v.client_id, v.span.start, v.created_at});
  }
  return out;
}

// The appointment as it would be in the slot: same lines, the placement's staff, resources and times.
domain::Appointment moved_into(const domain::Appointment& a, const std::vector<domain::SlotLine>& placement) {
  auto moved = a;
  for (std::size_t i = 0; i < moved.lines.size() && i < placement.size(); ++i) {
    moved.lines[i].staff_id = placement[i].staff_id;
    moved.lines[i].resource_id = placement[i].resource_id;
    moved.lines[i].span = placement[i].span;
  }
  if (!placement.empty()) moved.span = {placement.front().span.start, placement.back().span.end};
  return moved;
}

// The single appointment `a` matched against `slot`, with the agenda as it is now.
std::optional<std::vector<domain::SlotLine>> placement_for(sql::Connection& c, const Salon& salon,
                                                           const store::waitlist::FreedSlot& slot,
                                                           const domain::Appointment& a, domain::Instant now) {
  if (a.cancelled() || a.group || a.lines.empty()) return std::nullopt;
  const auto& settings = salon.settings;
  auto agenda = store::appointments::load_agenda(c, salon.agenda_salon(), slot.span.start - domain::Days(1),
                                                 slot.span.end + domain::Days(1));
  const auto& services = salon.services;
  std::vector<domain::WaitingLine> lines;
  for (const auto& l : a.lines) lines.push_back({l.service_id, l.duration_minutes, l.staff_id});
  domain::WaitingVisit v{a.id, a.client_id, a.span, a.created_at, a.requested_staff, 0,
                         static_cast<std::uint32_t>(lines.size())};
  auto q = query_of(slot, settings, now, 1);
  q.exclude_appointment = 0;  // the offer names this very appointment
  auto m = domain::match_waitlist(agenda, services, std::span(&v, 1), lines, q);
  if (m.candidates.empty()) return std::nullopt;
  return m.lines_of(m.candidates.front());
}

std::string offer_link(const Context& ctx, const std::string& token) {
  return ctx.link_base() + "/book/offers/" + token;
}

// Writes the offer and its messages on the configured channels the client can be reached on. False (nothing
// written) when the client has no address on any of them.
bool send_offer(sql::Connection& c, Context& ctx, const Salon& salon, const store::waitlist::FreedSlot& slot, Id appointment_id,
                const std::vector<domain::SlotLine>& placement, domain::Instant now) {
  auto a = store::appointments::find(c, appointment_id);
  if (!a) return false;
  auto client = store::clients::find(c, a->client_id, now);
  if (!client) return false;
  const auto& settings = salon.settings;
  const auto& channels = settings.waitlist.channels;
  bool by_email = std::find(channels.begin(), channels.end(), "email") != channels.end() && !client->email.empty();
  bool by_sms = std::find(channels.begin(), channels.end(), "sms") != channels.end() && !client->phone.empty();
  if (!by_email && !by_sms) return false;

  auto token = auth::new_token();
  store::waitlist::insert_offer(c, {auth::token_hash(token), slot.id, a->id, domain::OfferState::open, now, std::nullopt});

  auto summary = notify::summarize(c, moved_into(*a, placement), salon);
  summary.link = offer_link(ctx, token);
  // The salon's own text; left at the default, the default of the salon's language.
  const auto& text = settings.waitlist.message == domain::WaitlistSettings{}.message
                         ? domain::default_waitlist_message(settings.language)
                         : settings.waitlist.message;
  auto body = domain::fill_template(text, summary);
  // The link is the whole point of the message: added when the salon's text has no {link}.
  if (text.find("{link}") == std::string::npos) body += "\n" + summary.link;
  // Which salon, and where: a network has several.
  if (!summary.salon_address.empty()) body += "\n" + summary.salon + ", " + summary.salon_address;
  std::string subject = domain::waitlist_offer_subject(summary);
  auto enqueue = [&](const char* channel, const std::string& to) {
    store::outbox::Message m;
    m.kind = "waitlist_offer";
    m.channel = channel;
    m.to = to;
    m.subject = subject;
    m.body = body;
    m.appointment_id = a->id;
    m.client_id = a->client_id;
    m.created_at = now;
    m.salon_id = salon.id();
    store::outbox::enqueue(c, m);
  };
  if (by_email) enqueue("email", client->email);
  if (by_sms) enqueue("sms", client->phone);
  return true;
}

// Automatic mode: the first max_notified reachable candidates (0 = all) get an offer.
void offer_automatically(sql::Connection& c, Context& ctx, const Salon& salon, const MatchInput& in,
                         const store::waitlist::FreedSlot& slot, domain::Instant now) {
  const auto& settings = salon.settings;
  auto m = domain::match_waitlist(in.agenda, in.services, in.waiting.visits, in.waiting.lines,
                                  query_of(slot, settings, now));
  int max = settings.waitlist.max_notified;
  int told = 0;
  for (const auto& cand : m.candidates) {
    if (max > 0 && told >= max) break;
    if (send_offer(c, ctx, salon, slot, in.waiting.visits[cand.visit].appointment_id, m.lines_of(cand), now)) ++told;
  }
}

FreedSlotView view_of(sql::Connection& c, const domain::Settings& settings, const MatchInput& in,
                      const store::waitlist::FreedSlot& slot, domain::Instant now) {
  FreedSlotView v;
  v.slot = slot;
  if (!slot.taken_by) {
    auto m = domain::match_waitlist(in.agenda, in.services, in.waiting.visits, in.waiting.lines,
                                    query_of(slot, settings, now));
    v.candidates = candidates_of(in, m);
  }
  v.notified = store::waitlist::notified(c, slot.id);
  return v;
}

}  // namespace

void on_freed(sql::Connection& c, Context& ctx, const Salon& salon, const domain::Appointment& before,
              const domain::Appointment* after, bool by_client_online) {
  const auto& settings = salon.settings;
  const auto mode = settings.waitlist.mode;
  if (mode == domain::WaitlistMode::off) return;
  if (mode == domain::WaitlistMode::manual && by_client_online) return;  // a client's own change online tells nobody
  auto now = ctx.now();
  std::vector<store::waitlist::FreedSlot> slots;
  for (const auto& f : domain::freed_intervals(before, after)) {
    if (f.span.end <= now) continue;  // time already gone
    store::waitlist::FreedSlot s;
    s.id = store::waitlist::insert_freed_slot(c, f.staff_id, f.span, before.id, now, salon.id());
    s.salon_id = salon.id();
    s.staff_id = f.staff_id;
    s.span = f.span;
    s.source_appointment_id = before.id;
    s.created_at = now;
    slots.push_back(s);
  }
  if (mode != domain::WaitlistMode::automatic || slots.empty()) return;
  MatchInput in;
  load_input_around(c, salon, slots, in);
  for (const auto& s : slots) offer_automatically(c, ctx, salon, in, s, now);
}

FreedSlotPage freed_slots(Context& ctx, const std::optional<std::vector<Id>>& salon_ids, int limit, int offset) {
  return ctx.db.read([&](sql::Connection& c) {
    FreedSlotPage page;
    auto now = ctx.now();
    auto slots = store::waitlist::open_freed_slots(c, now, limit, offset, &page.total, salon_ids);
    if (slots.empty()) return page;
    // Each slot is matched under its own salon's settings, against that salon's waiting appointments.
    std::map<Id, std::vector<store::waitlist::FreedSlot>> by_salon;
    for (const auto& s : slots) by_salon[s.salon_id].push_back(s);
    std::map<Id, FreedSlotView> views;
    for (const auto& [salon_id, of_salon] : by_salon) {
      const auto salon_ref = load_salon(ctx, c, salon_id);
      const Salon& salon = *salon_ref;
      MatchInput in;
      load_input_around(c, salon, of_salon, in);
      for (const auto& s : of_salon) views.emplace(s.id, view_of(c, salon.settings, in, s, now));
    }
    for (const auto& s : slots) page.items.push_back(views.at(s.id));
    return page;
  });
}

FreedSlotView notify(Context& ctx, Id slot_id, const std::vector<Id>& appointment_ids,
                     const std::optional<std::vector<Id>>& salon_ids) {
  if (appointment_ids.empty()) throw domain::validation("appointment_ids", "choose at least one appointment to notify");
  return ctx.db.write([&](sql::Connection& c) {
    auto slot = store::waitlist::find_freed_slot(c, slot_id);
    if (!slot) throw domain::not_found("freed slot");
    if (salon_ids && std::find(salon_ids->begin(), salon_ids->end(), slot->salon_id) == salon_ids->end())
      throw Error(domain::ErrorCode::forbidden, "this freed slot belongs to a salon you do not work at");
    if (slot->taken_by) throw Error(domain::ErrorCode::slot_taken, "this freed slot has already been taken");
    auto now = ctx.now();
    if (slot->span.end <= now) throw domain::validation("id", "this freed slot is over");
    const auto salon_ref = load_salon(ctx, c, slot->salon_id);
    const Salon& salon = *salon_ref;
    const auto& settings = salon.settings;
    MatchInput in;
    load_input(c, salon, slot->span.start, slot->span.end, in);
    auto m = domain::match_waitlist(in.agenda, in.services, in.waiting.visits, in.waiting.lines,
                                    query_of(*slot, settings, now));
    auto already = store::waitlist::notified(c, slot->id);
    std::vector<Id> done;
    for (std::size_t i = 0; i < appointment_ids.size(); ++i) {
      Id id = appointment_ids[i];
      if (std::find(already.begin(), already.end(), id) != already.end() ||
          std::find(done.begin(), done.end(), id) != done.end())
        continue;  // told once is enough
      auto it = std::find_if(m.candidates.begin(), m.candidates.end(),
                             [&](const auto& cand) { return in.waiting.visits[cand.visit].appointment_id == id; });
      if (it == m.candidates.end())
        throw domain::validation("appointment_ids[" + std::to_string(i) + "]", "appointment {} cannot move into this slot",
                                 {std::to_string(id)});
      if (!send_offer(c, ctx, salon, *slot, id, m.lines_of(*it), now))
        throw domain::validation("appointment_ids[" + std::to_string(i) + "]",
                                 "the client of appointment {} has no address on the waitlist's channels",
                                 {std::to_string(id)});
      done.push_back(id);
    }
    return view_of(c, settings, in, *slot, now);
  });
}

OfferView offer(Context& ctx, const std::string& token) {
  return ctx.db.read([&](sql::Connection& c) {
    auto o = store::waitlist::find_offer(c, auth::token_hash(token));
    if (!o) throw domain::not_found("offer");
    auto slot = store::waitlist::find_freed_slot(c, o->freed_slot_id);
    if (!slot) throw domain::not_found("offer");
    const auto salon_ref = load_salon(ctx, c, slot->salon_id);
    const Salon& salon = *salon_ref;
    const auto& settings = salon.settings;
    auto now = ctx.now();
    OfferView v;
    v.slot = *slot;
    v.staff_id = slot->staff_id;
    if (auto staff = store::catalogue::find_staff(c, slot->staff_id)) v.staff_first_name = staff->first_name;
    auto a = store::appointments::find(c, o->appointment_id);
    if (a) {
      v.appointment = *a;
      for (const auto& l : a->lines)
        if (auto s = salon.service(l.service_id)) v.services.push_back(s->name);
      auto minutes = a->span.end - a->span.start;
      v.proposed = {slot->span.start, slot->span.start + minutes};
    }
    if (o->status == domain::OfferState::accepted) {
      v.status = domain::OfferOutcome::accepted;
      v.message = domain::Text("this offer was accepted: the appointment has been moved");
      if (a) v.proposed = a->span;
    } else if (!a || a->cancelled()) {
      v.status = domain::OfferOutcome::cancelled;
      v.message = domain::Text("this offer is no longer valid: the appointment was cancelled");
    } else if (o->status == domain::OfferState::voided || slot->taken_by) {
      v.status = domain::OfferOutcome::taken;
      v.message = domain::Text("this earlier slot has already been taken by another client");
    } else if (slot->span.start < now + std::chrono::minutes(settings.booking.min_notice_minutes)) {
      v.status = domain::OfferOutcome::expired;
      v.message = domain::Text("this earlier slot is now too close to be booked online");
    } else if (auto placement = placement_for(c, salon, *slot, *a, now)) {
      v.status = domain::OfferOutcome::open;
      v.open = true;
      v.lines = *placement;
      v.proposed = {placement->front().span.start, placement->back().span.end};
    } else {
      v.status = domain::OfferOutcome::taken;
      v.message = a->span.start <= slot->span.start ? domain::Text("the appointment is already at this time or earlier")
                                                     : domain::Text("this earlier slot is no longer free");
    }
    return v;
  });
}

domain::Appointment accept(Context& ctx, const std::string& token) {
  return ctx.db.write([&](sql::Connection& c) {
    auto hash = auth::token_hash(token);
    auto o = store::waitlist::find_offer(c, hash);
    if (!o) throw domain::not_found("offer");
    auto slot = store::waitlist::find_freed_slot(c, o->freed_slot_id);
    if (!slot) throw domain::not_found("offer");
    if (o->status == domain::OfferState::accepted)
      throw Error(domain::ErrorCode::slot_taken, "this offer has already been accepted: the appointment was moved into this slot");
    auto a = store::appointments::find(c, o->appointment_id);
    if (!a || a->cancelled())
      throw Error(domain::ErrorCode::offer_closed, "this offer is no longer valid: the appointment was cancelled");
    if (o->status == domain::OfferState::voided || slot->taken_by)
      throw Error(domain::ErrorCode::slot_taken, "sorry, this earlier slot has just been taken by another client");
    const auto salon_ref = load_salon(ctx, c, slot->salon_id);
    const Salon& salon = *salon_ref;
    const auto& settings = salon.settings;
    auto now = ctx.now();
    if (slot->span.start < now + std::chrono::minutes(settings.booking.min_notice_minutes))
      throw Error(domain::ErrorCode::too_late, "this earlier slot is now too close to be booked online", "start");
    auto placement = placement_for(c, salon, *slot, *a, now);
    if (!placement)
      throw Error(domain::ErrorCode::slot_taken, a->span.start <= slot->span.start
                                    ? domain::Text("your appointment is already at this time or earlier")
                                    : domain::Text("sorry, this earlier slot is no longer free"));

    auto before = *a;
    auto moved = moved_into(*a, *placement);
    moved.updated_at = now;
    std::string name;
    if (auto client = store::clients::find(c, moved.client_id, now))
      name = client->first_name + " " + client->last_name;
    moved.updated_by = {"client", moved.client_id, name};
    packages::reallocate(c, salon, moved);  // a package valid on the old day may not be on the new one
    bool told = notify::is_move(before, moved);
    if (told) ++moved.ics_sequence;
    store::appointments::update(c, moved);
    store::waitlist::accept_offer(c, hash, now);
    store::waitlist::void_other_offers(c, slot->id, hash);
    store::waitlist::set_slot_taken(c, slot->id, moved.id);

    // The client hears that the move is done, with the calendar file of the new time; the staff too.
    if (told) notify::moved(c, ctx, salon, before, moved);
    // The old place is free now: matched in its turn (not a client's own change: the salon offered it).
    on_freed(c, ctx, salon, before, &moved, false);
    return moved;
  });
}

}  // namespace creneau::app::waitlist
