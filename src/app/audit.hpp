#pragma once
// One audit row, written inside the caller's transaction so the record and the change it tells of commit or
// roll back together. `detail` never carries personal data: "key=value;key=value" pairs of ids, counts, field
// names and fixed words (by=staff|client|retention, via=portal|link), which the UI words in its language.
#include "app/context.hpp"
#include "store/privacy.hpp"

#include <optional>
#include <string>

namespace creneau::app::audit {

inline void record(sql::Connection& c, const Context& ctx, const domain::Actor& actor, const std::string& action,
                   std::optional<domain::Id> client_id, const std::string& detail = {}) {
  store::privacy::insert_audit(c, {0, ctx.now(), actor, action, client_id, detail});
}

// The actor of the jobs (retention).
inline domain::Actor system_actor() { return {"system", 0, "jobs"}; }

}  // namespace creneau::app::audit
