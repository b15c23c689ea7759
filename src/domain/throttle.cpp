#include "domain/throttle.hpp"

#include <algorithm>

namespace creneau::domain {

bool AttemptLog::try_begin(const std::string& key, Instant now) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    make_room(now);
    it = by_key_.emplace(key, std::deque<Instant>{}).first;
  }
  auto& q = it->second;
  expire(q, now);
  if (q.size() >= limit_) return false;
  q.push_back(now);
  return true;
}

void AttemptLog::take_back(const std::string& key, Instant at) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  auto& q = it->second;
  if (auto found = std::find(q.rbegin(), q.rend(), at); found != q.rend()) q.erase(std::next(found).base());
  if (q.empty()) by_key_.erase(it);
}

void AttemptLog::expire(std::deque<Instant>& q, Instant now) const {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

// Before a new key goes in at the cap: every expired key goes; if none had, the one whose last attempt is oldest.
// A linear pass, only when the table is full.
void AttemptLog::make_room(Instant now) {
  if (by_key_.size() < max_keys_) return;
  auto stalest = by_key_.end();
  for (auto it = by_key_.begin(); it != by_key_.end();) {
    expire(it->second, now);
    if (it->second.empty()) {
      it = by_key_.erase(it);
      continue;
    }
    if (stalest == by_key_.end() || it->second.back() < stalest->second.back()) stalest = it;
    ++it;
  }
  if (by_key_.size() >= max_keys_ && stalest != by_key_.end()) by_key_.erase(stalest);
}

}  // namespace creneau::domain
