#include "app/notify.hpp"

#include "domain/messages.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/outbox.hpp"

#include <map>
#include <set>

namespace creneau::app::notify {

std::string salon_address(const domain::SalonProfile& p) {
  std::string place = p.postal_code + (p.postal_code.empty() || p.city.empty() ? "" : " ") + p.city;
  return p.address + (p.address.empty() || place.empty() ? "" : ", ") + place;
}

domain::VisitSummary summarize(sql::Connection& c, const domain::Appointment& a, const Salon& salon) {
  domain::VisitSummary v;
  v.lang = salon.settings.language;
  v.salon = salon.settings.name;
  v.salon_address = salon_address(salon.profile);
  v.start = salon.zone.local(a.span.start);
  v.client_request = a.client_request;
  if (auto client = store::clients::find(c, a.client_id, a.span.start)) {
    v.client_first_name = client->first_name;
    v.client_last_name = client->last_name;
  }
  std::map<domain::Id, std::string> staff_names;
  for (const auto& l : a.lines) {
    const auto* service = salon.service(l.service_id);
    if (!staff_names.count(l.staff_id)) {
      // The salon's staff are in its frame; someone who has left since is read.
      if (const auto* name = salon.staff_name(l.staff_id)) {
        staff_names[l.staff_id] = *name;
      } else {
        auto staff = store::catalogue::find_staff(c, l.staff_id);
        staff_names[l.staff_id] = staff ? staff->display_name() : "";
      }
    }
    v.lines.push_back({service ? service->name : "", staff_names[l.staff_id], l.duration_minutes});
  }
  return v;
}

namespace {
// One outbox row; the delivery job sends it later.
void enqueue(sql::Connection& c, domain::Instant now, const std::string& kind, const std::string& channel,
             const std::string& to, const domain::MessageText& text, std::optional<domain::Id> appointment_id,
             std::optional<domain::Id> client_id, const std::string& attachment = {},
             std::optional<domain::Id> salon_id = std::nullopt) {
  store::outbox::Message m{};
  m.kind = kind;
  m.channel = channel;
  m.to = to;
  m.subject = text.subject;
  m.body = text.body;
  m.appointment_id = appointment_id;
  m.client_id = client_id;
  m.created_at = now;
  m.attachment = attachment;
  m.salon_id = salon_id;
  store::outbox::enqueue(c, m);
}
}  // namespace

int to_client(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id client_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id, bool sms,
              const std::string& attachment, std::optional<domain::Id> salon_id) {
  auto client = store::clients::find(c, client_id, now);
  if (!client) return 0;
  int sent = 0;
  if (!client->email.empty()) {
    enqueue(c, now, kind, "email", client->email, text, appointment_id, client_id, attachment, salon_id);
    ++sent;
  }
  if (sms && !client->phone.empty()) {
    enqueue(c, now, kind, "sms", client->phone, text, appointment_id, client_id, {}, salon_id);
    ++sent;
  }
  return sent;
}

void to_staff(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id staff_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id,
              std::optional<domain::Id> salon_id) {
  auto staff = store::catalogue::find_staff(c, staff_id);
  if (!staff || staff->email.empty()) return;
  enqueue(c, now, kind, "email", staff->email, text, appointment_id, std::nullopt, {}, salon_id);
}

bool is_move(const domain::Appointment& before, const domain::Appointment& after) {
  if (before.span.start != after.span.start) return true;
  std::multiset<domain::Id> old_staff, new_staff;
  for (const auto& l : before.lines) old_staff.insert(l.staff_id);
  for (const auto& l : after.lines) new_staff.insert(l.staff_id);
  if (before.lines.size() != after.lines.size()) return old_staff != new_staff;
  for (std::size_t i = 0; i < before.lines.size(); ++i)
    if (before.lines[i].staff_id != after.lines[i].staff_id) return true;
  return false;
}

void moved(sql::Connection& c, const Context& ctx, const Salon& salon, const domain::Appointment& before,
           const domain::Appointment& after) {
  auto now = ctx.now();
  auto old_start = salon.zone.local(before.span.start);
  auto summary = summarize(c, after, salon);
  if (after.confirmation != domain::Confirmation::silent)
    to_client(c, now, "rescheduled", after.client_id, domain::rescheduled_client_text(summary, old_start), after.id,
              false, domain::visit_ics(after, summary, ctx.public_url, now), salon.id());
  std::set<domain::Id> staff;
  for (const auto& l : before.lines) staff.insert(l.staff_id);
  for (const auto& l : after.lines) staff.insert(l.staff_id);
  auto text = domain::rescheduled_staff_text(summary, old_start);
  for (auto s : staff) to_staff(c, now, "rescheduled", s, text, after.id, salon.id());
}

}  // namespace creneau::app::notify
