#include "app/notify.hpp"

#include "app/delivery.hpp"
#include "store/catalogue.hpp"
#include "store/clients.hpp"
#include "store/outbox.hpp"

#include <map>
#include <set>

namespace creneau::app::notify {

domain::VisitSummary summarize(sql::Connection& c, const domain::Appointment& a, const domain::Settings& settings) {
  domain::Zone zone(settings.timezone);
  domain::VisitSummary v;
  v.lang = settings.language;
  v.salon = settings.name;
  v.start = zone.local(a.span.start);
  v.client_request = a.client_request;
  if (auto client = store::clients::find(c, a.client_id, a.span.start)) {
    v.client_first_name = client->first_name;
    v.client_last_name = client->last_name;
  }
  std::map<domain::Id, std::string> staff_names;
  for (const auto& l : a.lines) {
    auto service = store::catalogue::find_service(c, l.service_id);
    if (!staff_names.count(l.staff_id)) {
      auto staff = store::catalogue::find_staff(c, l.staff_id);
      staff_names[l.staff_id] = staff ? staff->display_name() : "";
    }
    v.lines.push_back({service ? service->name : "", staff_names[l.staff_id], l.duration_minutes});
  }
  return v;
}

namespace {
// One outbox row; the delivery job sends it later.
void enqueue(sql::Connection& c, domain::Instant now, const std::string& kind, const std::string& channel,
             const std::string& to, const domain::MessageText& text, std::optional<domain::Id> appointment_id,
             std::optional<domain::Id> client_id, const std::string& attachment = {}) {
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
  store::outbox::enqueue(c, m);
}
}  // namespace

int to_client(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id client_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id, bool sms,
              const std::string& attachment) {
  auto client = store::clients::find(c, client_id, now);
  if (!client) return 0;
  int sent = 0;
  if (!client->email.empty()) {
    enqueue(c, now, kind, "email", client->email, text, appointment_id, client_id, attachment);
    ++sent;
  }
  if (sms && !client->phone.empty()) {
    enqueue(c, now, kind, "sms", client->phone, text, appointment_id, client_id);
    ++sent;
  }
  return sent;
}

void to_staff(sql::Connection& c, domain::Instant now, const std::string& kind, domain::Id staff_id,
              const domain::MessageText& text, std::optional<domain::Id> appointment_id) {
  auto staff = store::catalogue::find_staff(c, staff_id);
  if (!staff || staff->email.empty()) return;
  enqueue(c, now, kind, "email", staff->email, text, appointment_id, std::nullopt);
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

void moved(sql::Connection& c, const Context& ctx, const domain::Settings& settings, const domain::Appointment& before,
           const domain::Appointment& after) {
  auto now = ctx.now();
  domain::Zone zone(settings.timezone);
  auto old_start = zone.local(before.span.start);
  auto summary = summarize(c, after, settings);
  if (after.confirmation != "silent")
    to_client(c, now, "rescheduled", after.client_id, domain::rescheduled_client_text(summary, old_start), after.id,
              false, delivery::visit_ics(ctx, after, summary, now));
  std::set<domain::Id> staff;
  for (const auto& l : before.lines) staff.insert(l.staff_id);
  for (const auto& l : after.lines) staff.insert(l.staff_id);
  auto text = domain::rescheduled_staff_text(summary, old_start);
  for (auto s : staff) to_staff(c, now, "rescheduled", s, text, after.id);
}

}  // namespace creneau::app::notify
