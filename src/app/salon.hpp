#pragma once
// The salon a use case works for, loaded once at the start of its transaction: its profile, its settings, its
// time zone, the catalogue as that salon sees it (the network's services with its overrides applied, its own
// resources only) and its staff's schedules. Helpers and the domain receive this value instead of reading
// settings or services again.
#include "app/context.hpp"
#include "domain/model.hpp"
#include "domain/time.hpp"
#include "store/appointments.hpp"
#include "store/sql.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace creneau::app {

struct Salon {
  domain::SalonProfile profile;
  domain::Settings settings;
  domain::Zone zone;
  std::vector<domain::Service> services;  // every service, inactive and not offered ones included, by id
  store::appointments::AgendaFrame frame;  // its active staff with their hours here and skills; its rooms

  domain::Id id() const { return profile.id; }
  // The service as booked here; nullptr when unknown (inactive and not-offered ones are returned, flagged).
  const domain::Service* service(domain::Id id) const;
  // The display name of one of its active staff members; nullptr for anyone else (gone, or of another salon).
  const std::string* staff_name(domain::Id staff_id) const;
  store::appointments::AgendaSalon agenda_salon() const { return {id(), zone, settings, frame}; }
};

// Shared and never changed once loaded: a kept salon is handed to every request that needs it.
using SalonRef = std::shared_ptr<const Salon>;

// Salons as last read, each with the catalogue version it was read at (migration 010). A request then reads one
// number instead of the ~12 statements of a salon; a salon is read again after any catalogue write, by whichever
// server of the network serves it next. Only what a transaction read before writing anything is kept: after its
// first write it may see its own rows, which a rollback would take back while the version it saw could come again.
class SalonCache {
public:
  // Enough for a network of a thousand salons (~25 KB each with a 60-service catalogue).
  explicit SalonCache(std::size_t capacity = 2048) : capacity_(capacity) {}
  SalonRef get(sql::Connection& c, domain::Id salon_id);
  std::size_t size() const;

private:
  struct Entry {
    std::int64_t version = 0;
    SalonRef salon;
    std::uint64_t used = 0;  // when it was last handed out (a tick), to drop the least used one when full
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<domain::Id, Entry> entries_;
  std::uint64_t tick_ = 0;
};

// Reads salon `salon_id` in full inside transaction `c`; an unknown salon → validation_failed on salon_id.
Salon read_salon(sql::Connection& c, domain::Id salon_id);
// The salon for transaction `c`: the context's kept one when the catalogue has not changed since, else read.
SalonRef load_salon(const Context& ctx, sql::Connection& c, domain::Id salon_id);

}  // namespace creneau::app
