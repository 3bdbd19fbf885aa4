// Request target parsing (request_target.h).
#include "server/request_target.h"

#include "core/limits.h"

namespace jz::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls `part(piece)` for each piece of `text` between `separator`s.
template <typename Fn>
Status ForEachPiece(std::string_view text, char separator, Fn part) {
  while (true) {
    const size_t end = text.find(separator);
    RETURN_IF_ERROR(part(text.substr(0, end)));
    if (end == std::string_view::npos) return OkStatus();
    text.remove_prefix(end + 1);
  }
}

Status AddQueryParameter(std::string_view piece, RequestTarget& out) {
  if (piece.empty()) return OkStatus();
  if (out.query.size() == kMaxHttpQueryParameters) {
    return InvalidArgumentError(
        Bilingual("查询参数超过 {} 个", "more than {} query parameters", kMaxHttpQueryParameters));
  }
  const size_t equals = piece.find('=');
  ASSIGN_OR_RETURN(std::string key, PercentDecode(piece.substr(0, equals), true));
  std::string value;
  if (equals != std::string_view::npos) {
    ASSIGN_OR_RETURN(value, PercentDecode(piece.substr(equals + 1), true));
  }
  out.query.emplace_back(std::move(key), std::move(value));
  return OkStatus();
}

}  // namespace

std::optional<std::string_view> RequestTarget::Query(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return std::nullopt;
}

StatusOr<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0 || (high == 0 && low == 0)) {
        return InvalidArgumentError(Bilingual("百分号转义无效：{}（应为 %XX，且不为 %00）",
                                              "invalid percent escape in {} (expected %XX, not %00)",
                                              std::string(text.substr(0, 200))));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return out;
}

StatusOr<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return InvalidArgumentError(Bilingual("请求目标应以 / 开头：{}",
                                          "the request target must start with /: {}",
                                          std::string(target.substr(0, 200))));
  }
  RequestTarget out;
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  RETURN_IF_ERROR(ForEachPiece(path.substr(1), '/', [&out](std::string_view piece) -> Status {
    if (piece.empty()) return OkStatus();
    ASSIGN_OR_RETURN(std::string segment, PercentDecode(piece, false));
    out.segments.push_back(std::move(segment));
    return OkStatus();
  }));
  if (question != std::string_view::npos) {
    RETURN_IF_ERROR(ForEachPiece(target.substr(question + 1), '&',
                                 [&out](std::string_view piece) { return AddQueryParameter(piece, out); }));
  }
  return out;
}

}  // namespace jz::server
