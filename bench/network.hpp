#pragma once
// A generated network (issue 17): N copies of the reference salon in one database, written in bulk.
// The catalogue (the reference salon's 60 services) is the network's, as in a franchise; each salon gets its own
// 10 staff members (its own hours, the reference salon's skills), its own clients and the reference salon's
// appointments on its own staff. PostgreSQL: the big tables through COPY; SQLite: one transaction.
#include "salon.hpp"

#include <functional>
#include <string>
#include <vector>

namespace creneau::bench {

struct NetworkOptions {
  int salons = 10;
  int appointments_per_salon = 5000;  // at most the reference salon's 5,000
  int clients_per_salon = 20;
};

struct GeneratedSalon {
  Id id = 0;
  std::vector<Id> staff;    // the reference salon's staff 1..10, in order
  std::vector<Id> clients;
};

struct GeneratedNetwork {
  std::vector<Id> services;  // the reference salon's services 1..60, in order
  std::vector<GeneratedSalon> salons;
  long long appointments = 0;
};

// Writes the network into the database at `url` (a file path or postgresql://…), freshly migrated: it must hold
// no staff member yet (an admin created later by `creneau serve` is fine). `progress` gets one line per phase.
GeneratedNetwork generate_network(const std::string& url, const Salon& reference, const NetworkOptions& options,
                                  const std::function<void(const std::string&)>& progress = {});

// What a database generated earlier holds (salons by id, their staff and clients), for benchmarks that reuse it.
GeneratedNetwork read_network(const std::string& url);

}  // namespace creneau::bench
