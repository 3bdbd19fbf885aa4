// Small text helpers shared by the core parsers (internal to src/core).
#ifndef JZ_CORE_INTERNAL_TEXT_H_
#define JZ_CORE_INTERNAL_TEXT_H_

#include <string_view>

namespace jz::internal {

inline bool IsAsciiWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `text` without leading and trailing ASCII spaces, tabs, CR and LF.
inline std::string_view TrimAsciiWhitespace(std::string_view text) {
  // Nearly every cell has nothing to trim: two compares instead of two generic searches
  // (loaders trim tens of millions of cells a run).
  if (!text.empty() && !IsAsciiWhitespace(text.front()) && !IsAsciiWhitespace(text.back())) return text;
  constexpr std::string_view kWhitespace = " \t\r\n";
  const size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

}  // namespace jz::internal

#endif  // JZ_CORE_INTERNAL_TEXT_H_
