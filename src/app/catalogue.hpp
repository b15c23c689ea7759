#pragma once
// Settings, staff, resources and services as the admin manages them. Validation of what the values mean
// lives here; the HTTP layer only checks shapes.
#include "app/context.hpp"
#include "domain/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace creneau::app::catalogue {

using domain::Id;

domain::Settings settings(Context& ctx);
domain::Settings patch_settings(Context& ctx, const std::string& patch);

domain::Staff create_staff(Context& ctx, domain::Staff staff, const std::string& password);
// `password` empty: unchanged.
domain::Staff update_staff(Context& ctx, const domain::Staff& staff, const std::string& password);
domain::Staff get_staff(Context& ctx, Id id);
std::vector<domain::Staff> list_staff(Context& ctx);
void delete_staff(Context& ctx, Id id);
domain::TimeOff add_time_off(Context& ctx, domain::TimeOff t);
// Absences overlapping [from, to) (open bounds when absent), of one staff member or of everyone.
std::vector<domain::TimeOff> list_time_off(Context& ctx, std::optional<domain::Instant> from,
                                           std::optional<domain::Instant> to, std::optional<Id> staff_id);
// Removes one absence of that staff member; not_found when the pair does not match.
void delete_time_off(Context& ctx, Id staff_id, Id time_off_id);

domain::Resource create_resource(Context& ctx, domain::Resource r);
domain::Resource update_resource(Context& ctx, const domain::Resource& r);
domain::Resource get_resource(Context& ctx, Id id);
std::vector<domain::Resource> list_resources(Context& ctx);
void delete_resource(Context& ctx, Id id);

domain::Service create_service(Context& ctx, domain::Service s);
domain::Service update_service(Context& ctx, const domain::Service& s);
domain::Service get_service(Context& ctx, Id id);
std::vector<domain::Service> list_services(Context& ctx);
void delete_service(Context& ctx, Id id);

}  // namespace creneau::app::catalogue
