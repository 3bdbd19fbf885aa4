// File-system helpers.
#include "io/files.h"

#include <fmt/format.h>

#include <cerrno>
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

Status FileCreateError(const std::string& path, int error) {
  const std::string reason = std::error_code(error, std::generic_category()).message();
  if (error == ENOENT || error == ENOTDIR) {
    return NotFoundError(Bilingual("无法创建 {}：目录不存在", "cannot create {}: no such directory", path));
  }
  if (error == EACCES || error == EPERM || error == EROFS) {
    return PermissionDeniedError(Bilingual("无权写入 {}（{}）", "may not write {} ({})", path, reason));
  }
  if (error == EISDIR) {
    return InvalidArgumentError(Bilingual("{} 是目录", "{} is a directory", path));
  }
  return DataLossError(Bilingual("无法创建 {}（{}）", "cannot create {} ({})", path, reason));
}

}  // namespace jz
