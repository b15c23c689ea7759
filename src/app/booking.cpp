#include "app/booking.hpp"

#include "app/auth.hpp"
#include "app/notify.hpp"
#include "app/packages.hpp"
#include "app/salons.hpp"
#include "app/waitlist.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/reschedule.hpp"
#include "domain/rules.hpp"
#include "store/appointments.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/locks.hpp"
#include "store/salons.hpp"

#include <algorithm>
#include <set>

namespace creneau::app::booking {

using domain::Error;
using domain::validation;

namespace {

constexpr std::size_t kMaxLines = 5;

void check_line_count(std::size_t n) {
  if (n == 0) throw validation("lines", "an appointment needs at least one service");
  if (n > kMaxLines) throw Error(domain::ErrorCode::too_many_services, "an appointment holds at most 5 services", "lines");
}

std::string line_field(std::size_t i, const char* name) { return "lines[" + std::to_string(i) + "]." + name; }

domain::LineNeed need_of(const domain::Service& s, int duration) {
  return {s.id, duration, s.resource_ids, s.capacity};
}

}  // namespace

std::vector<domain::AppointmentLine> build_lines(const Salon& salon, const std::vector<LineRequest>& requested,
                                                 domain::Instant start, std::vector<domain::Service>& services) {
  std::vector<domain::AppointmentLine> lines;
  services.clear();
  auto at = start;
  for (std::size_t i = 0; i < requested.size(); ++i) {
    const auto& r = requested[i];
    const auto* service = salon.service(r.service_id);
    if (!service || !service->active) throw validation(line_field(i, "service_id"), "no such service");
    if (!service->offered)
      throw validation(line_field(i, "service_id"), "\"{}\" is not offered at {}", {service->name, salon.profile.name});
    domain::AppointmentLine l;
    l.service_id = service->id;
    l.staff_id = r.staff_id.value_or(0);
    l.resource_id = r.resource_id;
    l.duration_minutes = r.duration_minutes.value_or(service->duration_minutes);
    if (l.duration_minutes < 5 || l.duration_minutes > 12 * 60)
      throw validation(line_field(i, "duration_minutes"), "a duration is between 5 minutes and 12 hours");
    l.price_cents = r.price_cents.value_or(service->price_cents);
    if (l.price_cents < 0) throw validation(line_field(i, "price_cents"), "a price cannot be negative");
    l.answers_json = r.answers_json;
    l.span = {at, at + std::chrono::minutes(l.duration_minutes)};
    at = l.span.end;
    lines.push_back(std::move(l));
    services.push_back(*service);
  }
  return lines;
}

namespace {

// The first resource among those the service accepts that is free for the whole line.
std::optional<domain::Id> first_free_resource(const domain::Agenda& agenda, const domain::LineNeed& need,
                                              domain::Id staff_id, const domain::Interval& span, domain::Id ignore) {
  for (auto r : need.resource_ids)
    if (domain::fit_line(agenda, need, staff_id, r, span, ignore) == domain::LineFit::ok) return r;
  return std::nullopt;
}

void send_booking_message(sql::Connection& c, Context& ctx, const Salon& salon, const domain::Appointment& a) {
  if (a.confirmation == domain::Confirmation::silent) return;
  auto summary = notify::summarize(c, a, salon);
  if (a.confirmation == domain::Confirmation::request) {
    auto token = auth::new_token();
    store::appointments::set_confirm_token(c, a.id, auth::token_hash(token));
    summary.link = ctx.link_base() + "/book/confirm/" + token;
    notify::to_client(c, ctx.now(), "confirmation_request", a.client_id, domain::confirmation_request_text(summary), a.id);
  } else {
    notify::to_client(c, ctx.now(), "confirmation", a.client_id, domain::confirmation_text(summary), a.id, false,
                      domain::visit_ics(a, summary, ctx.public_url, ctx.now()));
  }
}

std::vector<LineRequest> requests_of(const domain::Appointment& a) {
  std::vector<LineRequest> out;
  for (const auto& l : a.lines)
    out.push_back({l.service_id, l.staff_id, l.resource_id, l.duration_minutes, l.price_cents, l.answers_json});
  return out;
}

domain::Appointment load(sql::Connection& c, domain::Id id) {
  auto a = store::appointments::find(c, id);
  if (!a) throw domain::not_found("appointment");
  return *a;
}

void touch(domain::Appointment& a, const Origin& o, domain::Instant now) {
  a.updated_at = now;
  a.updated_by = o.actor;
}

}  // namespace

void place(sql::Connection& c, const Salon& salon, domain::Appointment& a, const std::vector<LineRequest>& requested,
           bool auto_assign, domain::Id ignore) {
  // The salon's staff and rooms; the busy time in every salon of the network of those who may take the lines
  // (the staff asked for, those performing the services, the rooms the services use).
  store::appointments::AgendaScope scope;
  scope.ignore_appointment = ignore;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    scope.service_ids.push_back(a.lines[i].service_id);
    if (requested[i].staff_id) scope.staff_ids.push_back(*requested[i].staff_id);
    if (a.lines[i].resource_id) scope.resource_ids.push_back(*a.lines[i].resource_id);
    if (const auto* service = salon.service(a.lines[i].service_id))
      scope.resource_ids.insert(scope.resource_ids.end(), service->resource_ids.begin(), service->resource_ids.end());
  }
  auto agenda = store::appointments::load_agenda(c, salon.agenda_salon(), a.span.start - domain::Days(1),
                                                 a.span.end + domain::Days(1), scope);
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    auto& line = a.lines[i];
    const auto* service = salon.service(line.service_id);
    auto need = need_of(*service, line.duration_minutes);
    if (line.resource_id && !agenda.find_resource(*line.resource_id))
      throw validation(line_field(i, "resource_id"), "no such resource at {}", {salon.profile.name});
    if (requested[i].staff_id) {
      if (!agenda.find_staff(*requested[i].staff_id))
        throw validation(line_field(i, "staff_id"), "no such staff member at {}", {salon.profile.name});
      if (auto_assign && !line.resource_id && !need.resource_ids.empty())
        line.resource_id = first_free_resource(agenda, need, line.staff_id, line.span, ignore);
      domain::require_fit(agenda, need, line.staff_id, line.resource_id, line.span, i, ignore);
      continue;
    }
    if (!auto_assign) throw validation(line_field(i, "staff_id"), "choose the staff member of each service");
    bool placed = false;
    for (const auto& s : agenda.staff) {
      if (!s.performs(need.service_id)) continue;
      auto resource = line.resource_id;
      if (!resource && !need.resource_ids.empty()) resource = first_free_resource(agenda, need, s.staff_id, line.span, ignore);
      if (domain::fit_line(agenda, need, s.staff_id, resource, line.span, ignore) == domain::LineFit::ok) {
        line.staff_id = s.staff_id;
        line.resource_id = resource;
        placed = true;
        break;
      }
    }
    if (!placed)
      throw Error(domain::ErrorCode::slot_taken, "no staff member is free for service {} at that time", line_field(i, "staff_id"),
                  {std::to_string(i + 1)});
  }
}

namespace {

// What place() and packages::allocate() read, locked before they read it (store/locks.hpp): the client (their
// packages, their discovery session), the staff member of each line (every staff member of the salon for a line
// left to "any"), the rooms each line may take. Only bookings made inside Database::write_fine() run beside
// each other; to them this is the whole exclusion.
void lock_decision(sql::Connection& c, const Salon& salon, const domain::Appointment& a,
                   const std::vector<LineRequest>& requested) {
  using store::locks::Kind;
  store::locks::KeySet keys;
  keys.add(Kind::client, a.client_id);
  bool any_staff = false;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    if (requested[i].staff_id) keys.add(Kind::staff, *requested[i].staff_id);
    else any_staff = true;
    if (a.lines[i].resource_id) keys.add(Kind::resource, *a.lines[i].resource_id);
    if (const auto* service = salon.service(a.lines[i].service_id))
      for (auto r : service->resource_ids) keys.add(Kind::resource, r);
  }
  if (any_staff)
    for (auto id : store::locks::staff_at(c, salon.id())) keys.add(Kind::staff, id);
  store::locks::take(c, keys);
}

}  // namespace

domain::Appointment book(Context& ctx, const BookRequest& r, const Origin& o) {
  return ctx.db.write_fine([&](sql::Connection& c) { return book_in(c, ctx, r, o); });
}

domain::Appointment book_in(sql::Connection& c, Context& ctx, const BookRequest& r, const Origin& o) {
  check_line_count(r.lines.size());
  if (r.amount_requested_cents < 0) throw validation("amount_requested_cents", "an amount cannot be negative");
  // The salon, once: its settings, zone and catalogue serve every check and message below.
  const auto salon_ref = load_salon(ctx, c, r.salon_id ? r.salon_id : salons::resolve_in(c, nullptr, std::nullopt));
  const Salon& salon = *salon_ref;
  const auto& settings = salon.settings;
  auto now = ctx.now();
  if (r.requested_staff && !settings.preferred_staff_selection)
    throw validation("requested_staff", "the salon does not let clients choose their staff member");
  if (!store::clients::find(c, r.client_id, now)) throw validation("client_id", "no such client");
  if (o.online) domain::check_booking_window(settings.booking, now, r.start);

  domain::Appointment a;
  a.salon_id = salon.id();
  a.client_id = r.client_id;
  a.account_id = o.account_id;
  a.requested_staff = r.requested_staff;
  a.client_request = r.client_request;
  a.quick_note = r.quick_note;
  a.notes = r.notes;
  a.confirmation = r.confirmation;
  a.status = r.confirmation == domain::Confirmation::request ? domain::AppointmentStatus::pending
                                                               : domain::AppointmentStatus::approved;
  a.payment_method = r.payment_method;
  a.amount_requested_cents = r.amount_requested_cents;
  a.notify_earlier_slot = r.notify_earlier_slot;
  a.rules = settings.booking;
  a.created_at = a.updated_at = now;
  a.created_by = a.updated_by = o.actor;
  std::vector<domain::Service> services;
  a.lines = build_lines(salon, r.lines, r.start, services);
  a.span = {a.lines.front().span.start, a.lines.back().span.end};
  a.group = std::any_of(services.begin(), services.end(), [](const auto& s) { return s.is_group(); });
  lock_decision(c, salon, a, r.lines);
  place(c, salon, a, r.lines, o.online, 0);
  packages::allocate(c, salon, a, services);
  store::appointments::insert(c, a);
  send_booking_message(c, ctx, salon, a);
  return a;
}

domain::Appointment change(Context& ctx, domain::Id id, const ChangeRequest& r, const Origin& o) {
  if (r.lines) check_line_count(r.lines->size());
  return ctx.db.write([&](sql::Connection& c) {
    auto now = ctx.now();
    auto before = load(c, id);
    const auto salon_ref = load_salon(ctx, c, before.salon_id);
    const Salon& salon = *salon_ref;
    const auto& settings = salon.settings;
    if (before.cancelled()) throw validation("status", "a cancelled appointment cannot be changed");
    auto a = before;
    if (r.requested_staff) {
      if (*r.requested_staff && !settings.preferred_staff_selection)
        throw validation("requested_staff", "the salon does not let clients choose their staff member");
      a.requested_staff = *r.requested_staff;
    }
    if (r.notify_earlier_slot) a.notify_earlier_slot = *r.notify_earlier_slot;
    if (r.client_request) a.client_request = *r.client_request;
    if (r.quick_note) a.quick_note = *r.quick_note;
    if (r.notes) a.notes = *r.notes;
    if (r.payment_method) a.payment_method = *r.payment_method;
    if (r.amount_requested_cents) {
      if (*r.amount_requested_cents < 0) throw validation("amount_requested_cents", "an amount cannot be negative");
      a.amount_requested_cents = *r.amount_requested_cents;
    }
    if (r.client_id) {
      if (!store::clients::find(c, *r.client_id, now)) throw validation("client_id", "no such client");
      a.client_id = *r.client_id;
    }
    bool moved = r.start || r.lines;
    if (moved) {
      if (o.online) {
        if (a.group) throw Error(domain::ErrorCode::cannot_reschedule_group, "a group appointment cannot be moved online: please call the salon");
        domain::check_change_allowed(a.rules, now, before.span.start);
        domain::check_booking_window(a.rules, now, r.start.value_or(a.span.start));
      }
      auto requested = r.lines ? *r.lines : requests_of(a);
      std::vector<domain::Service> services;
      a.lines = build_lines(salon, requested, r.start.value_or(a.span.start), services);
      a.span = {a.lines.front().span.start, a.lines.back().span.end};
      a.group = std::any_of(services.begin(), services.end(), [](const auto& s) { return s.is_group(); });
      place(c, salon, a, requested, o.online, a.id);
      packages::allocate(c, salon, a, services);
    } else if (a.client_id != before.client_id) {
      packages::reallocate(c, salon, a);  // the sessions now come from the new client's packages
    }
    touch(a, o, now);
    bool told = moved && notify::is_move(before, a);
    if (told) ++a.ics_sequence;
    store::appointments::update(c, a);
    if (told) notify::moved(c, ctx, salon, before, a);
    if (moved) waitlist::on_freed(c, ctx, salon, before, &a, o.online);
    return a;
  });
}

domain::Appointment cancel_in(sql::Connection& c, Context& ctx, domain::Id id, const std::string& reason,
                              const Origin& o, bool notices) {
  auto before = load(c, id);
  if (before.cancelled()) return before;
  const auto salon_ref = load_salon(ctx, c, before.salon_id);
  const Salon& salon = *salon_ref;
  auto a = before;
  a.status = domain::AppointmentStatus::cancelled;
  a.cancel_reason = reason;
  ++a.ics_sequence;  // the cancelling .ics outranks every earlier version of the event
  touch(a, o, ctx.now());
  store::appointments::update(c, a);
  if (!notices) {
    waitlist::on_freed(c, ctx, salon, before, nullptr, o.online);
    return a;
  }
  auto summary = notify::summarize(c, a, salon);
  notify::to_client(c, ctx.now(), "cancellation", a.client_id, domain::cancellation_client_text(summary, reason), a.id,
                    false, domain::visit_ics(a, summary, ctx.public_url, ctx.now(), true));
  std::set<domain::Id> staff;
  for (const auto& l : a.lines) staff.insert(l.staff_id);
  for (auto s : staff)
    notify::to_staff(c, ctx.now(), "cancellation", s, domain::cancellation_staff_text(summary, reason), a.id);
  waitlist::on_freed(c, ctx, salon, before, nullptr, o.online);
  return a;
}

domain::Appointment cancel(Context& ctx, domain::Id id, const std::string& reason, const Origin& o) {
  return ctx.db.write([&](sql::Connection& c) { return cancel_in(c, ctx, id, reason, o); });
}

void remove(Context& ctx, domain::Id id, const Origin& o) {
  ctx.db.write([&](sql::Connection& c) {
    auto before = load(c, id);
    store::appointments::remove(c, id);
    if (!before.cancelled()) waitlist::on_freed(c, ctx, *load_salon(ctx, c, before.salon_id), before, nullptr, o.online);
  });
}

domain::Appointment confirm(Context& ctx, domain::Id id, const Origin& o) {
  return ctx.db.write([&](sql::Connection& c) {
    auto a = load(c, id);
    if (a.cancelled()) throw validation("status", "a cancelled appointment cannot be confirmed");
    if (a.status == domain::AppointmentStatus::approved) return a;
    a.status = domain::AppointmentStatus::approved;
    touch(a, o, ctx.now());
    store::appointments::update(c, a);
    return a;
  });
}

domain::Appointment confirm_by_token(Context& ctx, const std::string& token, std::optional<domain::Id> expected_id) {
  auto id = ctx.db.read([&](sql::Connection& c) { return store::appointments::find_by_confirm_token(c, auth::token_hash(token)); });
  if (!id || (expected_id && *id != *expected_id)) throw domain::not_found("confirmation link");
  auto a = get(ctx, *id);
  return confirm(ctx, *id, Origin{{"client", a.client_id, "client"}, true, std::nullopt});
}

domain::Appointment set_no_show(Context& ctx, domain::Id id, bool no_show, const Origin& o) {
  return ctx.db.write([&](sql::Connection& c) {
    auto a = load(c, id);
    if (a.cancelled() && no_show) throw validation("no_show", "a cancelled appointment cannot be a no-show");
    if (no_show && ctx.now() < a.span.start)
      throw validation("no_show", "an appointment can be marked as a no-show only once it has started");
    a.no_show = no_show;
    touch(a, o, ctx.now());
    store::appointments::update(c, a);
    return a;
  });
}

domain::Appointment set_arrived(Context& ctx, domain::Id id, bool arrived, const Origin& o) {
  return ctx.db.write([&](sql::Connection& c) {
    auto a = load(c, id);
    if (a.cancelled()) throw validation("status", "a cancelled appointment cannot be changed");
    a.arrived = arrived;
    touch(a, o, ctx.now());
    store::appointments::update(c, a);
    return a;
  });
}

domain::Appointment set_paid(Context& ctx, domain::Id id, bool paid, const std::optional<std::string>& method,
                             const Origin& o) {
  static const std::set<std::string> methods{"card", "cash", "cheque", "voucher", "other"};
  if (method && !methods.count(*method))
    throw validation("payment_method", "the payment method is card, cash, cheque, voucher or other");
  return ctx.db.write([&](sql::Connection& c) {
    auto a = load(c, id);
    if (a.cancelled()) throw validation("status", "a cancelled appointment cannot be changed");
    if (method) a.payment_method = *method;
    if (paid && !methods.count(a.payment_method))
      throw validation("payment_method", "the payment method is card, cash, cheque, voucher or other");
    a.paid = paid;
    touch(a, o, ctx.now());
    store::appointments::update(c, a);
    return a;
  });
}

domain::Appointment get(Context& ctx, domain::Id id) {
  return ctx.db.read([&](sql::Connection& c) { return load(c, id); });
}

Availability reschedule_availability(Context& ctx, domain::Id id, domain::LocalDate from, domain::LocalDate to) {
  if (to < from) throw validation("to", "'to' is before 'from'");
  if (to.days_since_epoch - from.days_since_epoch > 92) throw validation("to", "ask for at most 93 days at once");
  return ctx.db.read([&](sql::Connection& c) {
    auto now = ctx.now();
    auto a = load(c, id);
    // The appointment's own salon: its step, its zone, its catalogue, its staff and rooms.
    const auto salon_ref = load_salon(ctx, c, a.salon_id);
    const Salon& salon = *salon_ref;
    const auto& zone = salon.zone;
    if (a.cancelled()) throw validation("status", "a cancelled appointment cannot be changed");
    // The checks change() makes whatever the new start.
    if (a.group) throw Error(domain::ErrorCode::cannot_reschedule_group, "a group appointment cannot be moved online: please call the salon");
    domain::check_change_allowed(a.rules, now, a.span.start);
    domain::FixedLineQuery q;
    q.from = from;
    q.to = to;
    q.step_minutes = salon.settings.booking.slot_step_minutes;
    q.not_before = now + std::chrono::minutes(a.rules.min_notice_minutes);
    q.not_after = now + domain::Days(a.rules.max_advance_days);
    q.ignore_appointment = a.id;
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
      const auto& l = a.lines[i];
      const auto* service = salon.service(l.service_id);
      if (!service || !service->active) throw validation(line_field(i, "service_id"), "no such service");
      q.lines.push_back({need_of(*service, l.duration_minutes), l.staff_id, l.resource_id});
    }
    auto agenda = store::appointments::load_agenda(c, salon.agenda_salon(), zone.at(from, 0) - domain::Days(1),
                                                   zone.at(to.plus_days(1), 0) + domain::Days(1), a.id);
    return Availability{domain::fixed_line_slots(agenda, q), salon.settings.timezone};
  });
}

namespace {

void check_availability_request(const AvailabilityRequest& r) {
  if (r.service_ids.empty()) throw validation("service_ids", "name at least one service");
  check_line_count(r.service_ids.size());
  if (r.to < r.from) throw validation("to", "'to' is before 'from'");
  if (r.to.days_since_epoch - r.from.days_since_epoch > 92) throw validation("to", "ask for at most 93 days at once");
}

// The slots at one salon, inside the caller's transaction.
std::vector<domain::Slot> slots_at(sql::Connection& c, Context& ctx, const Salon& salon, const AvailabilityRequest& r) {
  const auto& settings = salon.settings;
  const auto& zone = salon.zone;
  domain::AvailabilityQuery q;
  q.staff_id = r.staff_id;
  q.from = r.from;
  q.to = r.to;
  q.step_minutes = settings.booking.slot_step_minutes;
  for (std::size_t i = 0; i < r.service_ids.size(); ++i) {
    const auto* s = salon.service(r.service_ids[i]);
    if (!s || !s->active) throw validation("service_ids", "no such service: {}", {std::to_string(r.service_ids[i])});
    if (!s->offered) throw validation("service_ids", "\"{}\" is not offered at {}", {s->name, salon.profile.name});
    q.lines.push_back(need_of(*s, s->duration_minutes));
  }
  if (r.online) {
    auto now = ctx.now();
    q.not_before = now + std::chrono::minutes(settings.booking.min_notice_minutes);
    q.not_after = now + domain::Days(settings.booking.max_advance_days);
  }
  // Only the busy spans the query can look at: its services' staff and its lines' resources.
  store::appointments::AgendaScope scope{r.service_ids, r.staff_id, {}, {}, 0};
  for (const auto& l : q.lines) scope.resource_ids.insert(scope.resource_ids.end(), l.resource_ids.begin(), l.resource_ids.end());
  auto agenda = store::appointments::load_agenda(c, salon.agenda_salon(), zone.at(r.from, 0) - domain::Days(1),
                                                 zone.at(r.to.plus_days(1), 0) + domain::Days(1), scope);
  return domain::find_slots(agenda, q);
}

}  // namespace

Availability availability(Context& ctx, const AvailabilityRequest& r) {
  check_availability_request(r);
  return ctx.reads().read([&](sql::Connection& c) {
    const auto salon_ref = load_salon(ctx, c, r.salon_id ? r.salon_id : salons::resolve_in(c, nullptr, std::nullopt));
    const Salon& salon = *salon_ref;
    return Availability{slots_at(c, ctx, salon, r), salon.settings.timezone};
  });
}

std::vector<NextSlot> next_slots(Context& ctx, const AvailabilityRequest& r) {
  check_availability_request(r);
  return ctx.reads().read([&](sql::Connection& c) {
    std::vector<NextSlot> out;
    for (const auto& profile : store::salons::list(c)) {
      const auto salon_ref = load_salon(ctx, c, profile.id);
      const Salon& salon = *salon_ref;
      bool offers_all = std::all_of(r.service_ids.begin(), r.service_ids.end(), [&](Id id) {
        const auto* s = salon.service(id);
        return s && s->active && s->offered;
      });
      if (!offers_all) continue;
      auto slots = slots_at(c, ctx, salon, r);
      out.push_back({profile, slots.empty() ? std::nullopt : std::optional<domain::Slot>(slots.front())});
    }
    return out;
  });
}

}  // namespace creneau::app::booking
