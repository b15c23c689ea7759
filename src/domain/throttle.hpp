#pragma once
// Counting attempts per key over a sliding minute, in bounded memory: the log-in throttle's rule, without the
// lock (the caller holds one).
#include "domain/time.hpp"

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

namespace creneau::domain {

class AttemptLog {
public:
  // At most `limit` attempts per key within `window`; at most `max_keys` keys remembered.
  AttemptLog(std::size_t limit, std::size_t max_keys, std::chrono::seconds window = std::chrono::minutes(1))
      : limit_(limit), max_keys_(max_keys), window_(window) {}

  // Counts an attempt at `now` unless the key already has `limit` within the window: then false, nothing counted.
  bool try_begin(const std::string& key, Instant now);
  // Takes back one attempt counted at `at` (a successful log-in is not a failure).
  void take_back(const std::string& key, Instant at);
  std::size_t keys() const { return by_key_.size(); }

private:
  void expire(std::deque<Instant>& q, Instant now) const;
  void make_room(Instant now);

  std::size_t limit_, max_keys_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, std::deque<Instant>> by_key_;
};

}  // namespace creneau::domain
