#include "http/request_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace creneau::http {

std::unique_ptr<RequestLog> RequestLog::to_stderr() { return std::unique_ptr<RequestLog>(new RequestLog(stderr, false)); }

std::unique_ptr<RequestLog> RequestLog::to_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "ae");
  if (!f) throw std::runtime_error("cannot open the log file " + path + ": " + std::strerror(errno));
  std::setvbuf(f, nullptr, _IOLBF, 1 << 16);  // a line reaches the file when it is complete
  return std::unique_ptr<RequestLog>(new RequestLog(f, true));
}

RequestLog::~RequestLog() {
  if (owned_) std::fclose(out_);
}

void RequestLog::write(const std::string& line) { std::fwrite(line.data(), 1, line.size(), out_); }

}  // namespace creneau::http
