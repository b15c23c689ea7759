// Where the built web UI is when --web-root is not given.
#include "http/api.hpp"

#include <filesystem>
#include <system_error>

namespace creneau::http {

std::string default_web_root() {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "creneau" / "web";
    if (fs::exists(installed / "index.html", ec)) return installed.string();
  }
  return CRENEAU_SOURCE_WEB_ROOT;
}

}  // namespace creneau::http
