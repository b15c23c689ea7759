#pragma once
// HTTP requests and responses as plain values, so handlers never see the server library.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace creneau::http {

struct Request {
  std::string method;
  std::string path;  // decoded, without the query
  std::unordered_map<std::string, std::string> query;
  std::string authorization;
  std::string content_type;
  std::string body;
  std::string remote;
  // Every other request header, by lower-case name (Accept-Language, X-Forwarded-For, X-Request-Id…).
  std::unordered_map<std::string, std::string> headers;
  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  const std::string* query_param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

std::string url_decode(std::string_view s, bool plus_is_space);
std::unordered_map<std::string, std::string> parse_query(std::string_view q);

}  // namespace creneau::http
