// Fuzz target for the streaming .xlsx reader (io/table_reader.h over io/xlsx_stream.cc):
// arbitrary bytes as a workbook. It must never crash, hang or read out of bounds (zip
// container, XML parts, cell references, shared string indexes); whatever it accepts has
// rows numbered upwards from 1 within Excel's sheet, no row without cells, and no row wider
// than the field limit.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "fuzz/fuzz_check.h"
#include "io/table_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // Force the xlsx reader whatever the first bytes (the name is the hint only for text).
  if (bytes.size() >= 4) bytes.replace(0, 4, "PK\x03\x04", 4);
  jz::StatusOr<std::unique_ptr<jz::TableReader>> table = jz::TableFromBytes(std::move(bytes), "fuzz.xlsx");
  if (!table.ok()) return 0;
  std::vector<std::string_view> cells;
  while (true) {
    jz::StatusOr<bool> more = (*table)->Next(cells);
    if (!more.ok() || !*more) break;
    JZ_FUZZ_CHECK((*table)->first_line() >= 1 && (*table)->first_line() <= 1'048'576);
    JZ_FUZZ_CHECK(!cells.empty() && cells.size() <= jz::kMaxCsvFields);
    for (size_t i = 0; i < cells.size(); ++i) {
      JZ_FUZZ_CHECK(cells[i].size() <= jz::kMaxCsvFieldBytes);
      (void)(*table)->cell_info(i);
    }
  }
  return 0;
}
