// The built web UI served from a folder (`jingzhun serve --web DIR`): content types by
// extension, a strong ETag answered 304 on If-None-Match, index.html for client-side routes
// (a path whose last segment has no extension), no directory listings, and nothing outside
// the folder: "..", a backslash or an encoded '/' in a segment, and symbolic links that
// resolve outside the folder answer 404 exactly like a missing file.
//
// Thread safety: const after Open(); Serve() may run on any thread.
#ifndef JZ_SERVER_STATIC_FILES_H_
#define JZ_SERVER_STATIC_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "core/i18n.h"
#include "core/status.h"
#include "server/http_types.h"
#include "server/request_target.h"

namespace jz::server {

class StaticFiles {
 public:
  // The folder at `root`. InvalidArgument naming it when it is not a folder, or when it has
  // no index.html (the UI was not built).
  [[nodiscard]] static StatusOr<StaticFiles> Open(const std::string& root);

  // The response for a GET of `target`: 200 with the file, 304 when If-None-Match names its
  // ETag, or a 404 problem in `lang`.
  Response Serve(const RequestTarget& target, const Request& request, Lang lang) const;

  // The Content-Type for a file name's extension (application/octet-stream when unknown).
  static std::string_view ContentType(const std::filesystem::path& file);

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // The file `segments` name, resolved inside root_, or an empty path.
  std::filesystem::path Resolve(const RequestTarget& target) const;
  Response SendFile(const std::filesystem::path& file, const Request& request, Lang lang) const;

  std::filesystem::path root_;  // canonical
};

}  // namespace jz::server

#endif  // JZ_SERVER_STATIC_FILES_H_
