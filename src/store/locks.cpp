#include "store/locks.hpp"

namespace creneau::store::locks {

std::vector<domain::Id> staff_at(sql::Connection& c, domain::Id salon_id) {
  std::vector<domain::Id> out;
  for (const auto& r : c.query("SELECT staff_id FROM staff_salons WHERE salon_id = ?", {salon_id})) out.push_back(r.integer(0));
  return out;
}

}  // namespace creneau::store::locks
