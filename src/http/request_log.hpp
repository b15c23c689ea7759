#pragma once
// Where the one-JSON-line-per-request log goes: a file (--log-file), standard error, or nowhere.
#include <cstdio>
#include <memory>
#include <string>

namespace creneau::http {

class RequestLog {
public:
  static std::unique_ptr<RequestLog> to_stderr();
  // Appends to `path` (created if missing); throws when it cannot be opened.
  static std::unique_ptr<RequestLog> to_file(const std::string& path);
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;
  // One line; concurrent writers never interleave (stdio locks the stream per call).
  void write(const std::string& line);

private:
  RequestLog(std::FILE* out, bool owned) : out_(out), owned_(owned) {}
  std::FILE* out_;
  bool owned_;
};

}  // namespace creneau::http
