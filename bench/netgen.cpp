// netgen: writes a generated network of N salons into a fresh database (issue 17).
//   netgen --db postgresql://…|FILE --salons N [--appointments 5000] [--clients 20]
#include "network.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

int main(int argc, char** argv) {
  using namespace creneau::bench;
  std::string db;
  NetworkOptions o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--db") db = argv[i + 1];
    else if (k == "--salons") o.salons = std::atoi(argv[i + 1]);
    else if (k == "--appointments") o.appointments_per_salon = std::atoi(argv[i + 1]);
    else if (k == "--clients") o.clients_per_salon = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (db.empty() || o.salons < 1 || o.clients_per_salon < 1) {
    std::fprintf(stderr, "usage: netgen --db URL|FILE --salons N [--appointments 5000] [--clients 20]\n");
    return 2;
  }
  try {
    auto t0 = std::chrono::steady_clock::now();
    auto net = generate_network(db, load_reference_salon(reference_salon_path()), o,
                                [](const std::string& s) { std::printf("  %s\n", s.c_str()); });
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%zu salons, %zu services, %lld appointments in %.1f s\n", net.salons.size(), net.services.size(),
                net.appointments, s);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netgen: %s\n", e.what());
    return 1;
  }
}
