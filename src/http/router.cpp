#include "http/router.hpp"

namespace creneau::http {

namespace {
std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  Route r{std::move(method), std::move(pattern), {}, access, std::move(handler)};
  for (auto s : split(r.pattern)) r.segments.emplace_back(!s.empty() && s.front() == '{' ? "{}" : std::string(s));
  routes_.push_back(std::move(r));
}

const Router::Route* Router::match(const std::string& method, const std::string& path, Params& params,
                             bool& path_matched) const {
  auto parts = split(path);
  path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    Params captured;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (r.segments[i] == "{}") captured.emplace_back(parts[i]);
      else ok = r.segments[i] == parts[i];
    }
    if (!ok) continue;
    path_matched = true;
    if (r.method != method) continue;
    params = std::move(captured);
    return &r;
  }
  return nullptr;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::unordered_map<std::string, std::string> parse_query(std::string_view q) {
  std::unordered_map<std::string, std::string> out;
  std::size_t i = 0;
  while (i <= q.size() && !q.empty()) {
    auto j = q.find('&', i);
    if (j == std::string_view::npos) j = q.size();
    auto pair = q.substr(i, j - i);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) out[url_decode(pair, true)] = "";
      else out[url_decode(pair.substr(0, eq), true)] = url_decode(pair.substr(eq + 1), true);
    }
    i = j + 1;
    if (j == q.size()) break;
  }
  return out;
}

}  // namespace creneau::http
