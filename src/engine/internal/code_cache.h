// CodeCache: the labels one column of a registry file has already parsed to codes (性别,
// 与户主关系, 文化程度 …), so that the fast registry load parses each distinct label once
// rather than once a cell. Header-only: Find runs for most code cells of every row and must
// inline into the row parser. One cache per column per thread; not thread-safe.
#ifndef JZ_ENGINE_INTERNAL_CODE_CACHE_H_
#define JZ_ENGINE_INTERNAL_CODE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jz::internal::registry_fast {

// Whether n bytes at a and b are equal. Labels are 2 to 24 bytes: for 8 to 16 bytes this is
// two overlapping 8-byte compares, inline, rather than a call to memcmp.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n < 8 || n > 16) return std::memcmp(a, b, n) == 0;
  uint64_t a0, a1, b0, b1;
  std::memcpy(&a0, a, 8);
  std::memcpy(&b0, b, 8);
  std::memcpy(&a1, a + n - 8, 8);
  std::memcpy(&b1, b + n - 8, 8);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

// Labels already parsed in one column, by their exact bytes: a column holds a few dozen
// distinct labels, so a short linear scan beats hashing the cell.
class CodeCache {
 public:
  // The code `cell` (its exact bytes, untrimmed) was added with; nullopt when not cached.
  std::optional<uint8_t> Find(std::string_view cell) const {
    for (const auto& [text, code] : entries_) {
      if (text.size() == cell.size() && SameBytes(text.data(), cell.data(), cell.size())) return code;
    }
    return std::nullopt;
  }
  // Remembers that `cell` parses to `code`; ignored once the cache is full.
  void Add(std::string_view cell, uint8_t code) {
    if (entries_.size() < kMaxEntries) entries_.emplace_back(std::string(cell), code);
  }

 private:
  static constexpr size_t kMaxEntries = 64;  // beyond this, cells are parsed every time
  std::vector<std::pair<std::string, uint8_t>> entries_;
};

}  // namespace jz::internal::registry_fast

#endif  // JZ_ENGINE_INTERNAL_CODE_CACHE_H_
