// TableReader: the rows of a table file — CSV (UTF-8 or GB18030), .xlsx or .xls — as text
// cells, one row at a time, whatever the format. Every import (registry, departmental
// feeds, campaign findings, rectification findings) reads through it, so a county office may
// hand over what its software exported or what it typed in Excel.
//
//   ASSIGN_OR_RETURN(auto table, OpenTable(path));
//   std::vector<std::string_view> cells;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, table->Next(cells));
//     if (!more) break;
//     ... table->first_line(), table->cell_info(i) ...
//   }
//
// The format is chosen by content, not only by name: a file named .csv that is really a zip
// package (.xlsx), an OLE2 compound file (.xls) or UTF-16/UTF-32 text (by byte-order mark) is
// either read as what it is or refused by name ("this is an Excel workbook renamed .csv"),
// never parsed as garbage.
//
// Spreadsheets are read as a spreadsheet user expects: dates shown as dates become ISO dates
// ("2025-06-30"); numbers become their shortest decimal text without exponent ("12.5",
// "410523198001011000"); booleans "TRUE"/"FALSE"; formulas their cached value. An .xlsx is
// streamed (its worksheet is never held whole), so memory is bounded by the limits in
// core/limits.h, not by the file's size. Only the first worksheet is read.
#ifndef JZ_IO_TABLE_READER_H_
#define JZ_IO_TABLE_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {

enum class TableFormat : uint8_t { kCsv, kXlsx, kXls };

// "CSV", "xlsx", "xls".
std::string_view TableFormatName(TableFormat format);

// What a cell was in its file, beyond its text.
enum class CellSource : uint8_t {
  kText,       // a text cell, or any CSV field on one line
  kMultiline,  // CSV: a quoted field holding a line break (see CellInfo's lines)
  kNumber,     // a spreadsheet number cell (text is its decimal form)
  kDate,       // a spreadsheet number cell with a date format (text is "YYYY-MM-DD")
  kBool,       // a spreadsheet boolean cell
  kError,      // a spreadsheet error cell (#N/A, #REF! ...), text as Excel shows it
};

struct CellInfo {
  CellSource source = CellSource::kText;
  // kMultiline: the physical lines where the field's opening and closing quotes are.
  // Otherwise both are the row's first_line().
  int64_t open_line = 0;
  int64_t close_line = 0;
  // kNumber: the number had more than 15 significant digits in the file, or was written
  // with an exponent whose digits the text had to fill with zeros: Excel keeps 15, so
  // anything past them was lost before the file reached us (an ID number typed as a
  // number). Also true for CSV text such as "4.10523E+17".
  bool digits_lost = false;
};

struct TableOptions {
  // CSV only. nullopt: detect UTF-8 / GB18030 from the first bytes.
  std::optional<TextEncoding> encoding;
  // CSV only. 0: detect comma or tab from the first line.
  char delimiter = 0;
};

class TableReader {
 public:
  virtual ~TableReader() = default;

  // Replaces `cells` with the next row's cells (UTF-8; views valid until the next call)
  // and returns true; false at the end. Rows with no cell at all (blank lines, empty sheet
  // rows) are skipped. Trailing empty cells may be absent: callers treat a missing cell as
  // empty. Errors name the file and the line (CSV) or sheet row (spreadsheets).
  [[nodiscard]] virtual StatusOr<bool> Next(std::vector<std::string_view>& cells) = 0;

  // Information about cell `i` of the row last returned (i < cells.size()).
  virtual CellInfo cell_info(size_t i) const = 0;

  // The row last returned spans lines first_line()..last_line(): physical lines of a CSV
  // file (they differ when a quoted field holds line breaks), the sheet's row number (both
  // equal) for spreadsheets. 0 before the first row.
  virtual int64_t first_line() const = 0;
  virtual int64_t last_line() const = 0;
  // Rows returned so far (records, not physical lines).
  virtual int64_t rows_read() const = 0;

  virtual TableFormat format() const = 0;
  // The path or name the table was opened with.
  virtual const std::string& name() const = 0;
  // Progress: input bytes consumed so far against the total (-1 when unknown).
  virtual int64_t bytes_consumed() const = 0;
  virtual int64_t total_bytes() const = 0;
};

// Opens `path`, choosing the reader by the file's first bytes (and its name when the bytes
// do not tell). NotFound for a missing file; InvalidArgument naming the file and what it
// really is for a format that cannot be read as a table (UTF-16/UTF-32 text: "save it as
// UTF-8 or GB18030"; a zip that is not a workbook; a PDF; an empty file).
[[nodiscard]] StatusOr<std::unique_ptr<TableReader>> OpenTable(const std::string& path,
                                                               const TableOptions& options = {});

// The same over bytes in memory (an upload, a test, a fuzzer); `name` names it in errors and
// its extension is the hint where the bytes do not decide.
[[nodiscard]] StatusOr<std::unique_ptr<TableReader>> TableFromBytes(std::string bytes, std::string name,
                                                                    const TableOptions& options = {});

// Header location. Office files put title rows ("XX县已脱贫人口名单", a unit and date line)
// above the header, split the header over two rows under merged group cells ("收入情况"
// spanning 工资性收入 … 转移性收入), and end with footer rows (合计, 制表人, 填报日期).
//
// FindHeader() looks at the first `rows` (at most kHeaderSearchRows) and returns the header:
// the row with the most cells for which `is_known(cell)` holds (at least `min_known`), merged
// with the row above or below when that completes it (a cell empty in one row takes the
// other row's text; where both have text the lower row's wins, as a sub-header under a
// group title). nullopt when no row qualifies.
inline constexpr size_t kHeaderSearchRows = 20;

struct LocatedHeader {
  std::vector<std::string> cells;  // the header as one row, trimmed
  size_t first_row = 0;            // 0-based index into `rows` of its first row
  size_t row_count = 1;            // 1 or 2
};

std::optional<LocatedHeader> FindHeader(std::span<const std::vector<std::string>> rows,
                                        const std::function<bool(std::string_view)>& is_known,
                                        size_t min_known);

// Whether a row is a footer: its first non-empty cell starts with 合计, 总计, 小计, 制表人,
// 制表, 填报人, 填报日期, 填表人, 审核人, 负责人, 单位负责人, 备注：, 说明： (or their
// zh-Hant forms). Such rows are skipped by the importers with a note, never read as data.
bool IsFooterRow(std::span<const std::string_view> cells);

}  // namespace jz

#endif  // JZ_IO_TABLE_READER_H_
