// File-system helpers.
#include "io/files.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace jz {

Status CreateDirectories(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return UnavailableError(
        Bilingual("无法创建目录 {}：{}", "cannot create directory {}: {}", dir, ec.message()));
  }
  return OkStatus();
}

}  // namespace jz
