// Reads the first worksheet of an Excel workbook (.xlsx, Office Open XML) as rows of text
// cells, for imports of spreadsheets such as inspection findings. Shared and inline strings
// are resolved (rich-text runs joined), numbers are kept as Excel wrote them, booleans are
// "TRUE"/"FALSE", and a number whose cell format is a date becomes an ISO date
// ("2025-06-30"), so that a 整改时限 column reads as a CSV export would. Formulas give
// their cached value. Cells missing from a row are empty strings; rows without any cell
// are skipped, as blank lines are in CSV files.
//
// Built on libzip (the container) and pugixml (the XML parts). Each part read is limited to
// kMaxXlsxPartBytes uncompressed, so a crafted file cannot exhaust memory.
#ifndef JZ_IO_XLSX_READER_H_
#define JZ_IO_XLSX_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jz {

struct XlsxRow {
  int64_t row_number = 0;          // as Excel numbers rows, from 1
  std::vector<std::string> cells;  // column A first
};

// Whether `path` names an .xlsx file (by its extension, any case).
bool IsXlsxPath(std::string_view path);

// The rows of the workbook's first sheet. Fails with InvalidArgument naming the file (and
// the part) when it is not a readable .xlsx workbook, NotFound when it does not exist.
StatusOr<std::vector<XlsxRow>> ReadXlsxFirstSheet(const std::string& path);
// The same for a workbook in memory (an upload, a fuzzer's input); `name` names it in errors.
StatusOr<std::vector<XlsxRow>> ReadXlsxFirstSheetFromBuffer(std::string_view bytes, const std::string& name);

// The date of an Excel serial day number in the 1900 date system (1 = 1900-01-01, with
// Excel's fictitious 1900-02-29 as 60), as "YYYY-MM-DD"; empty when out of range.
std::string ExcelSerialToIsoDate(double serial);

}  // namespace jz

#endif  // JZ_IO_XLSX_READER_H_
