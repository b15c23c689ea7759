// The availability answer written straight into the body (http::slots_body) must be byte for byte what the
// nlohmann tree of http::to_json(Slot) dumped before: random slots in zones with DST changes (both directions,
// half-hour offsets, a zone with a 30-minute DST shift), resources present or not, 1 to 5 lines. Exit 1 on the
// first difference.
#include "http/json.hpp"

#include <cstdio>
#include <random>

using namespace creneau;

int main(int argc, char** argv) {
  int cases = argc > 1 ? std::atoi(argv[1]) : 2000;
  std::mt19937_64 rng(42);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); };
  const char* zones[] = {"UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
                         "America/St_Johns", "Pacific/Chatham", "Africa/Casablanca"};
  std::size_t compared = 0;
  for (int c = 0; c < cases; ++c) {
    domain::Zone zone(zones[uniform(0, 7)]);
    // Around a year of DST changes, sometimes across many years.
    // Mostly around a year of DST changes; sometimes across two centuries, or years of fewer or more than four
    // digits (written the slow way).
    auto mode = uniform(0, 9);
    auto base = domain::from_epoch(mode < 6   ? 1801000000 + uniform(0, 40000000)
                                   : mode < 9 ? uniform(-2000000000, 4000000000)
                                              : (uniform(0, 1) ? -62000000000 + uniform(0, 40000000) : 253402000000 + uniform(0, 40000000)));
    std::vector<domain::Slot> slots(static_cast<std::size_t>(uniform(0, 40)));
    auto t = base;
    for (auto& s : slots) {
      t += std::chrono::seconds(uniform(0, 3) == 0 ? uniform(0, 200000) : 60 * uniform(0, 90));
      auto at = t;
      for (int k = static_cast<int>(uniform(1, 5)); k > 0; --k) {
        domain::SlotLine l;
        l.service_id = uniform(1, 1000000);
        l.staff_id = uniform(1, 99);
        if (uniform(0, 1)) l.resource_id = uniform(1, 20);
        l.span = {at, at + std::chrono::seconds(uniform(60, 20000))};
        at = l.span.end;
        s.lines.push_back(l);
      }
      s.span = {t, at};
    }
    http::json items = http::json::array();
    for (const auto& s : slots) items.push_back(http::to_json(s, zone));
    auto want = http::json_response(200, {{"slots", std::move(items)}}).body;
    auto got = http::slots_response(slots, zone).body;
    if (want != got) {
      std::size_t i = 0;
      while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
      std::fprintf(stderr, "case %d (%s): differs at byte %zu\n  want …%s\n  got  …%s\n", c, zone.name().c_str(), i,
                   want.substr(i > 60 ? i - 60 : 0, 140).c_str(), got.substr(i > 60 ? i - 60 : 0, 140).c_str());
      return 1;
    }
    compared += slots.size();
  }
  std::printf("json_check: %d answers, %zu slots: slots_body writes what the JSON tree dumped\n", cases, compared);
  return 0;
}
