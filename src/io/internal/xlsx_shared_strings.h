// The shared strings of an .xlsx workbook in one arena, internal to src/io.
#ifndef JZ_IO_INTERNAL_XLSX_SHARED_STRINGS_H_
#define JZ_IO_INTERNAL_XLSX_SHARED_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/internal/xlsx_package.h"

namespace jz::internal {

struct SharedStrings {
  std::string arena;           // every string's text, one after another
  std::vector<uint32_t> ends;  // string i is arena[ends[i-1] (0 for i = 0), ends[i])

  size_t size() const { return ends.size(); }
  uint32_t begin(size_t i) const { return i == 0 ? 0 : ends[i - 1]; }
  std::string_view Get(size_t i) const {
    return std::string_view(arena).substr(begin(i), ends[i] - begin(i));
  }
};

// The package's xl/sharedStrings.xml, streamed; empty when the package has none. The arena
// is bounded by kMaxXlsxSharedStringBytes and each string by kMaxCsvFieldBytes.
[[nodiscard]] StatusOr<SharedStrings> ReadSharedStrings(zip_t* zip, const std::string& file);

}  // namespace jz::internal

#endif  // JZ_IO_INTERNAL_XLSX_SHARED_STRINGS_H_
