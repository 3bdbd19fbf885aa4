// Static files of the web UI (static_files.h).
#include "server/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <iterator>
#include <utility>

#include "core/limits.h"
#include "server/problem.h"

namespace jz::server {
namespace fs = std::filesystem;
namespace {

struct TypeByExtension {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array kTypes = {
    TypeByExtension{".html", "text/html; charset=utf-8"},
    TypeByExtension{".js", "text/javascript; charset=utf-8"},
    TypeByExtension{".mjs", "text/javascript; charset=utf-8"},
    TypeByExtension{".css", "text/css; charset=utf-8"},
    TypeByExtension{".json", "application/json"},
    TypeByExtension{".map", "application/json"},
    TypeByExtension{".svg", "image/svg+xml"},
    TypeByExtension{".png", "image/png"},
    TypeByExtension{".jpg", "image/jpeg"},
    TypeByExtension{".jpeg", "image/jpeg"},
    TypeByExtension{".gif", "image/gif"},
    TypeByExtension{".webp", "image/webp"},
    TypeByExtension{".ico", "image/x-icon"},
    TypeByExtension{".woff", "font/woff"},
    TypeByExtension{".woff2", "font/woff2"},
    TypeByExtension{".ttf", "font/ttf"},
    TypeByExtension{".wasm", "application/wasm"},
    TypeByExtension{".txt", "text/plain; charset=utf-8"},
    TypeByExtension{".xml", "application/xml"},
};

// A segment that could leave the folder or name something other than one file name.
bool IsUnsafeSegment(std::string_view segment) {
  return segment == "." || segment == ".." ||
         segment.find_first_of(std::string_view("/\\\0", 3)) != std::string_view::npos;
}

// Whether `path` (canonical) is `root` or inside it, compared by whole components.
bool IsInside(const fs::path& root, const fs::path& path) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

Response NotFound(const Request& request, Lang lang) {
  return ProblemResponse({http::status::not_found, StatusCode::kNotFound,
                          Bilingual("没有这个页面：{}", "no such page: {}", std::string(request.target()))},
                         lang, request.version());
}

// A strong validator from the file's size and modification time: the UI's files change
// only when it is rebuilt, which changes both.
std::string ETagOf(uintmax_t size, fs::file_time_type modified) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
  return fmt::format("\"{:x}-{:x}\"", size, static_cast<uint64_t>(ns));
}

// Whether an If-None-Match value ("*" or a list of possibly weak tags) names `etag`.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  return header.find('*') != std::string_view::npos || header.find(etag) != std::string_view::npos;
}

}  // namespace

StatusOr<StaticFiles> StaticFiles::Open(const std::string& root) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    return InvalidArgumentError(
        Bilingual("--web 应为网页界面的构建目录：{}", "--web must be the built web UI's folder: {}", root));
  }
  if (!fs::is_regular_file(canonical / "index.html", ec)) {
    return InvalidArgumentError(Bilingual("--web 目录中没有 index.html（界面未构建？）：{}",
                                          "--web folder has no index.html (is the UI built?): {}", root));
  }
  return StaticFiles(canonical);
}

std::string_view StaticFiles::ContentType(const fs::path& file) {
  const std::string extension = file.extension().string();
  for (const TypeByExtension& t : kTypes) {
    if (t.extension == extension) return t.type;
  }
  return "application/octet-stream";
}

fs::path StaticFiles::Resolve(const RequestTarget& target) const {
  fs::path relative;
  for (const std::string& segment : target.segments) {
    if (IsUnsafeSegment(segment)) return {};
    relative /= segment;
  }
  std::error_code ec;
  const fs::path candidate = root_ / relative;
  const fs::file_status status = fs::status(candidate, ec);
  const bool missing = ec || !fs::exists(status);
  if (target.segments.empty() || (missing && target.segments.back().find('.') == std::string::npos)) {
    return root_ / "index.html";  // the UI's own router handles client-side routes
  }
  if (missing || !fs::is_regular_file(status)) return {};  // missing, a folder (no listings), a device
  fs::path canonical = fs::canonical(candidate, ec);
  if (ec || !IsInside(root_, canonical)) return {};  // a symbolic link out of the folder
  return canonical;
}

Response StaticFiles::Serve(const RequestTarget& target, const Request& request, Lang lang) const {
  const fs::path file = Resolve(target);
  if (file.empty()) return NotFound(request, lang);
  return SendFile(file, request, lang);
}

Response StaticFiles::SendFile(const fs::path& file, const Request& request, Lang lang) const {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  const fs::file_time_type modified = fs::last_write_time(file, ec);
  if (ec || size > kMaxStaticFileBytes) return NotFound(request, lang);
  const std::string etag = ETagOf(size, modified);
  Response response{http::status::ok, request.version()};
  SetUiHeaders(response);
  response.set(http::field::etag, etag);
  // Revalidate every time: a rebuilt UI must not be mixed with cached chunks of the old one.
  response.set(http::field::cache_control, "no-cache");
  if (NoneMatchHits(request[http::field::if_none_match], etag)) {
    response.result(http::status::not_modified);
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  std::string body(static_cast<size_t>(size), '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(size))) return NotFound(request, lang);
  response.set(http::field::content_type, std::string(ContentType(file)));
  response.body() = std::move(body);
  return response;
}

}  // namespace jz::server
