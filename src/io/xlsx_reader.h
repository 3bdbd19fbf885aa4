// Helpers for Excel workbooks (.xlsx, Office Open XML). The sheet itself is read through
// TableReader (io/table_reader.h: OpenTable), which streams it; these are the pieces that
// other code shares.
#ifndef JZ_IO_XLSX_READER_H_
#define JZ_IO_XLSX_READER_H_

#include <string>
#include <string_view>

namespace jz {

// Whether `path` names an .xlsx file (by its extension, any case).
bool IsXlsxPath(std::string_view path);

// The date of an Excel serial day number in the 1900 date system (1 = 1900-01-01, with
// Excel's fictitious 1900-02-29 as 60), as "YYYY-MM-DD"; empty when out of range.
std::string ExcelSerialToIsoDate(double serial);

}  // namespace jz

#endif  // JZ_IO_XLSX_READER_H_
