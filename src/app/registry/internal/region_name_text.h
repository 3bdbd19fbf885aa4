// The text side of region-name resolution (app/registry/region_names.h): folding a name as
// people write it into the form the resolver compares, and ranking the closest names for an
// "unknown name" message. Pure functions over UTF-8; thread-safe.
#ifndef JZ_APP_REGISTRY_INTERNAL_REGION_NAME_TEXT_H_
#define JZ_APP_REGISTRY_INTERNAL_REGION_NAME_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace jz::internal {

// Drops spaces — ASCII whitespace, U+00A0 and the ideographic space U+3000 — and folds the 94
// full-width forms U+FF01..U+FF5E to ASCII 0x21..0x7E (Ｓ → S, ３ → 3, （ → (): the ASCII part
// of NFKC, done by table. Every other byte is copied unchanged (invalid UTF-8 included).
std::string FoldWidthAndSpaces(std::string_view name);

// `text` in zh-Hans (OpenCC "t2s.json"); unchanged when it is ASCII or OpenCC is missing.
std::string ToSimplifiedChinese(std::string_view text);

// Cuts what people leave out of a name, keeping at least one character of the name:
// trailing parenthesised notes ("(合隆经济开发区)(省级)", after folding), the committee
// suffix (柳树河村委会 / 柳树河村民委员会 → 柳树河村; 新华社区居委会 / 新华居委会 /
// 新华居民委员会 → 新华社区) and 办事处 after 街道 (河南街道办事处 → 河南街道).
std::string CutCommitteeSuffix(std::string name);

// The number of leading code points `a` and `b` share.
size_t SharedPrefixLength(std::string_view a, std::string_view b);

// The Levenshtein distance between `a` and `b` counted in code points.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace jz::internal

#endif  // JZ_APP_REGISTRY_INTERNAL_REGION_NAME_TEXT_H_
