// The request target (RFC 9112 origin-form "/path?query") split into decoded path segments
// and query parameters: the input of the router and of the static files. Both come from
// the network, so every malformed form is an InvalidArgument (answered 400), never a crash.
#ifndef JZ_SERVER_REQUEST_TARGET_H_
#define JZ_SERVER_REQUEST_TARGET_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace jz::server {

struct RequestTarget {
  // The path's segments, percent-decoded one by one (so "%2F" stays inside its segment);
  // empty segments ("//", a trailing "/") are dropped.
  std::vector<std::string> segments;
  // The query's parameters in order, decoded ('+' is a space); a key without '=' has an
  // empty value. Keys may repeat.
  std::vector<std::pair<std::string, std::string>> query;

  // The first value of query parameter `key`, if any.
  std::optional<std::string_view> Query(std::string_view key) const;
};

// Splits and decodes `target`. InvalidArgument (bilingual, naming the part) when it is not
// in origin-form (does not start with '/'), when a percent escape is malformed or decodes to
// NUL, or when it has more than kMaxHttpQueryParameters parameters.
[[nodiscard]] StatusOr<RequestTarget> ParseRequestTarget(std::string_view target);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). InvalidArgument for a
// truncated or non-hex escape and for an escaped NUL.
[[nodiscard]] StatusOr<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace jz::server

#endif  // JZ_SERVER_REQUEST_TARGET_H_
