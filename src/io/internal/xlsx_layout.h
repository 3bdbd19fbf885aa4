// Helpers of the xlsx writer (io/xlsx_writer.h): cell widths, text cut to Excel's limit, and
// a ReportTable cell written as its kind asks.
#ifndef JZ_IO_INTERNAL_XLSX_LAYOUT_H_
#define JZ_IO_INTERNAL_XLSX_LAYOUT_H_

#include <string>
#include <string_view>

#include "io/report_table.h"
#include "io/xlsx_writer.h"

namespace jz::internal {

// Width of `text` in Excel's character units: CJK and other wide characters count two.
size_t XlsxCellWidth(std::string_view text);
// Width of a number as `style` shows it (digits, group separators, decimals, %).
size_t XlsxNumberWidth(double value, XlsxStyle style);
// The column width to set for the widest cell `width`: a little padding, at most 60.
double XlsxColumnWidth(size_t width);
// `text` cut at a character boundary to Excel's 32,767 characters per cell.
std::string XlsxCutText(std::string text);
// Writes cell (row, column) of `table` to `xlsx`: text as text, counts, money, shares and
// decimals as numbers with their formats, an empty cell as a blank.
void WriteReportCell(XlsxWriter& xlsx, const ReportCell& cell, CellKind kind);

}  // namespace jz::internal

#endif  // JZ_IO_INTERNAL_XLSX_LAYOUT_H_
