// Place names as people write them, folded into the form the resolver compares
// (region_names.h); the resolver itself is in region_names_resolver.cc.
#include "app/registry/region_names.h"

#include <algorithm>
#include <vector>

#include "app/registry/internal/region_name_text.h"
#include "core/i18n.h"

namespace jz {
namespace internal {
namespace {

// One decoded code point and the number of bytes it took. Bytes that do not start a
// well-formed sequence decode as themselves, one byte each, so no input is lost.
struct Decoded {
  char32_t code_point;
  size_t length;
};

Decoded DecodeAt(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  const auto continuation = [&](size_t k) { return i + k < s.size() && (byte(i + k) & 0xC0U) == 0x80U; };
  if (b0 < 0x80U) return {b0, 1};
  if ((b0 & 0xE0U) == 0xC0U && continuation(1)) {
    return {static_cast<char32_t>(((b0 & 0x1FU) << 6U) | (byte(i + 1) & 0x3FU)), 2};
  }
  if ((b0 & 0xF0U) == 0xE0U && continuation(1) && continuation(2)) {
    return {
        static_cast<char32_t>(((b0 & 0x0FU) << 12U) | ((byte(i + 1) & 0x3FU) << 6U) | (byte(i + 2) & 0x3FU)),
        3};
  }
  if ((b0 & 0xF8U) == 0xF0U && continuation(1) && continuation(2) && continuation(3)) {
    return {static_cast<char32_t>(((b0 & 0x07U) << 18U) | ((byte(i + 1) & 0x3FU) << 12U) |
                                  ((byte(i + 2) & 0x3FU) << 6U) | (byte(i + 3) & 0x3FU)),
            4};
  }
  return {b0, 1};
}

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const Decoded d = DecodeAt(s, i);
    out.push_back(d.code_point);
    i += d.length;
  }
  return out;
}

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' || c == U'\u00A0' ||
         c == U'\u3000';
}

// Replaces `suffix` at the end of `name` by `replacement` unless the replacement is already
// there; keeps `name` when nothing would be left of it. Returns whether it matched.
bool ReplaceSuffix(std::string& name, std::string_view suffix, std::string_view replacement) {
  if (!name.ends_with(suffix) || name.size() == suffix.size()) return false;
  name.resize(name.size() - suffix.size());
  if (!name.ends_with(replacement)) name += replacement;
  return true;
}

void CutParenthesisedNotes(std::string& name) {
  while (name.ends_with(')')) {
    const size_t open = name.rfind('(');
    if (open == std::string::npos || open == 0) return;
    name.resize(open);
  }
}

}  // namespace

std::string FoldWidthAndSpaces(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    const Decoded d = DecodeAt(name, i);
    if (IsSpace(d.code_point)) {
      // dropped: names carry no spaces, people type them anyway
    } else if (d.code_point >= U'\uFF01' && d.code_point <= U'\uFF5E') {
      out.push_back(static_cast<char>(d.code_point - 0xFF01U + 0x21U));
    } else {
      out.append(name.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

std::string ToSimplifiedChinese(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; })) {
    return std::string(text);
  }
  // One process-wide converter; a static object (not leaked) so its OpenCC handle is closed
  // at exit and LeakSanitizer stays quiet. ChineseConverter is thread-safe.
  static const ChineseConverter kConverter("t2s.json");
  return kConverter.Convert(text);
}

std::string CutCommitteeSuffix(std::string name) {
  const std::string original = name;
  CutParenthesisedNotes(name);
  if (ReplaceSuffix(name, "村民委员会", "村") || ReplaceSuffix(name, "村委会", "村") ||
      ReplaceSuffix(name, "居民委员会", "社区") || ReplaceSuffix(name, "居委会", "社区") ||
      ReplaceSuffix(name, "街道办事处", "街道")) {
    return name;
  }
  return name.empty() ? original : name;
}

size_t SharedPrefixLength(std::string_view a, std::string_view b) {
  const std::u32string x = CodePoints(a);
  const std::u32string y = CodePoints(b);
  const auto [end_x, end_y] = std::mismatch(x.begin(), x.end(), y.begin(), y.end());
  return static_cast<size_t>(end_x - x.begin());
}

size_t EditDistance(std::string_view a, std::string_view b) {
  const std::u32string x = CodePoints(a);
  const std::u32string y = CodePoints(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace internal

std::string NormalizePlaceName(std::string_view name) {
  return internal::CutCommitteeSuffix(internal::ToSimplifiedChinese(internal::FoldWidthAndSpaces(name)));
}

}  // namespace jz
