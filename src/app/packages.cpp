#include "app/packages.hpp"

#include "domain/error.hpp"

namespace creneau::app::packages {

void allocate(sql::Connection& c, domain::Appointment& a, const std::vector<domain::Service>& services) {
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    auto& line = a.lines[i];
    const auto& service = services.at(i);
    line.package_id.reset();
    if (service.discovery) {
      auto used = c.query("SELECT COUNT(*) FROM appointment_lines l JOIN appointments a ON a.id = l.appointment_id "
                          "WHERE a.client_id = ? AND l.service_id IN (SELECT id FROM services WHERE discovery = 1) "
                          "AND a.status <> 'cancelled' AND a.id <> ?",
                          {a.client_id, a.id});
      if (used.at(0).integer(0) > 0)
        throw domain::Error("discovery_already_used",
                            "a discovery session can be booked only once: this client has already had one",
                            "lines[" + std::to_string(i) + "].service_id");
    }
    if (!service.package_only) continue;
    // Covering packages, oldest first, with the sessions already taken by other visits.
    auto rows = c.query(
        "SELECT p.id, t.sessions, p.start_date, t.validity_days, "
        "(SELECT COUNT(*) FROM appointment_lines l JOIN appointments x ON x.id = l.appointment_id "
        " WHERE l.package_id = p.id AND x.status <> 'cancelled' AND x.id <> ?) "
        "FROM client_packages p JOIN package_types t ON t.id = p.package_type_id "
        "JOIN package_type_services s ON s.package_type_id = t.id AND s.service_id = ? "
        "WHERE p.client_id = ? ORDER BY p.start_date, p.id",
        {a.id, service.id, a.client_id});
    bool covered = false;
    for (const auto& r : rows) {
      auto start = domain::LocalDate::parse(r.text(2));
      auto validity = r.integer(3);
      auto day_of_line = domain::LocalDate{static_cast<std::int32_t>(
          std::chrono::floor<domain::Days>(line.span.start.time_since_epoch()).count())};
      if (start && day_of_line < *start) continue;
      if (start && validity > 0 && day_of_line >= start->plus_days(static_cast<int>(validity))) continue;
      covered = true;
      // Lines of this same visit already bound to the package count too.
      std::int64_t taken = r.integer(4);
      for (std::size_t k = 0; k < i; ++k)
        if (a.lines[k].package_id == r.integer(0)) ++taken;
      if (taken < r.integer(1)) {
        line.package_id = r.integer(0);
        break;
      }
    }
    if (!line.package_id) {
      auto field = "lines[" + std::to_string(i) + "].service_id";
      if (!covered)
        throw domain::Error("no_package", "\"" + service.name + "\" is included in a package, and this client has no package that covers it", field);
      throw domain::Error("package_exhausted", "the package covering \"" + service.name + "\" has no session left", field);
    }
  }
}

}  // namespace creneau::app::packages
