// Fuzz target for the .xlsx reader (io/xlsx_reader.h): arbitrary bytes as a workbook. It must
// never crash, hang or read out of bounds (zip container, XML parts, cell references, shared
// string indexes); whatever it accepts has rows numbered upwards from 1, no row without cells,
// and no row wider than Excel's last column.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jz::StatusOr<std::vector<jz::XlsxRow>> rows = jz::ReadXlsxFirstSheetFromBuffer(bytes, "fuzz.xlsx");
  if (!rows.ok()) return 0;
  for (const jz::XlsxRow& row : *rows) {
    JZ_FUZZ_CHECK(row.row_number >= 1);
    JZ_FUZZ_CHECK(!row.cells.empty() && row.cells.size() <= 16384);
  }
  return 0;
}
