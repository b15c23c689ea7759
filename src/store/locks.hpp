#pragma once
// What a writer decides on, as lock keys (issue 17). Inside Database::write_fine() a booking locks the staff
// members, resources and client its decision reads before reading them; two bookings that share none run side by
// side on PostgreSQL. One global order (kind, then id: sorted within a call, kinds rising across calls): no cycle
// of waits. The exclusion constraints on appointment_lines stay as the last guard.
#include "domain/model.hpp"
#include "store/sql.hpp"

#include <cstdint>
#include <vector>

namespace creneau::store::locks {

// The order in which a transaction takes its keys: an account (portal booking: its provisional file) before
// the booking's own keys, then client, staff, resources.
enum class Kind : std::int64_t { account = 1, client = 2, staff = 3, resource = 4 };

class KeySet {
public:
  void add(Kind kind, domain::Id id) { keys_.push_back((static_cast<std::int64_t>(kind) << 48) | id); }
  const std::vector<std::int64_t>& keys() const { return keys_; }

private:
  std::vector<std::int64_t> keys_;
};

// Waits for and holds every key until the transaction ends (a no-op where the transaction already excludes
// every writer: SQLite, PostgreSQL with --pg-locking global, or a plain write()).
inline void take(sql::Connection& c, const KeySet& keys) { c.lock_keys(keys.keys()); }

// The staff members who work at a salon (an any-staff booking may give the line to any of them).
std::vector<domain::Id> staff_at(sql::Connection& c, domain::Id salon_id);

}  // namespace creneau::store::locks
