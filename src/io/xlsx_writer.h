// XlsxWriter: writes reports and lists as an Excel workbook (.xlsx) with libxlsxwriter, one
// sheet per table: a bold, frozen header row with an autofilter, column widths from the
// longest cell (CJK counted double), money as numbers formatted #,##0.00, shares as 0.0%,
// counts and decimals as numbers, and text as text (an ID number or region code stays a string,
// so Excel never turns it into 2.22424E+17). Text cells pass the formula guard
// (io/formula_guard.h) and are always string cells, never formulas.
//
// Two levels. Most callers write whole ReportTables:
//
//   RETURN_IF_ERROR(WriteXlsx(path, tables, Lang::kEn));
//
// A report that streams its rows (the importer's copy of the user's file, a million-row list)
// uses the writer directly; rows are written in order and are not held in memory
// (libxlsxwriter's constant_memory mode, temporary files in the output's folder):
//
//   ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
//   xlsx->StartSheet("errors", {"姓名", "证件号码", "错误"});   // the header row
//   xlsx->TextRow({"张三", "220102199001011234", "证件号码校验位错误"});
//   xlsx->Text("李四"); xlsx->Number(12.5, XlsxStyle::kMoney); xlsx->EndRow();  // cell by cell
//   RETURN_IF_ERROR(xlsx->Close());
//
// Nothing half-written remains: the workbook is assembled under a temporary name in the same
// folder and renamed over `path` only when complete; a writer destroyed without a successful
// Close() removes it. Errors do not interrupt the caller cell by cell: the first is kept,
// later cells are dropped, and Close() reports it.
#ifndef JZ_IO_XLSX_WRITER_H_
#define JZ_IO_XLSX_WRITER_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.h"
#include "core/status.h"
#include "io/report_table.h"

// libxlsxwriter's handles, kept out of our headers.
struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jz {

// How a number cell is shown.
enum class XlsxStyle : uint8_t {
  kInteger,  // 0 (never scientific, so 12-digit codes stay readable)
  kMoney,    // #,##0.00 yuan
  kShare,    // 0.0% of a proportion in [0, 1]
  kDecimal,  // 0.000
};

// Whether `path` ends in .xlsx (any case): the report writers choose the format by it.
bool IsXlsxOutputPath(std::string_view path);

// A valid, unique sheet name for `wanted` among `taken` (compared case-insensitively, as Excel
// does): []:*?/\ replaced by '_', leading and trailing apostrophes dropped, at most 31
// characters, "Sheet" when nothing is left, and " (2)", " (3)"… before the limit on a clash.
std::string XlsxSheetName(std::string_view wanted, std::span<const std::string> taken);

// Not thread-safe.
class XlsxWriter {
 public:
  // Prepares a workbook to be written to `path` (a temporary file beside it is created now).
  // Fails with NotFoundError when the folder does not exist, PermissionDeniedError when it may
  // not be written, DataLossError for any other failure; each names `path`.
  [[nodiscard]] static StatusOr<std::unique_ptr<XlsxWriter>> Create(const std::string& path);

  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;
  // Without a successful Close(), removes the temporary file: nothing is left at `path`.
  ~XlsxWriter();

  // Ends the current sheet (if any) and starts a new one named XlsxSheetName(name) whose
  // first row is `header` (bold, frozen, with an autofilter over its columns).
  void StartSheet(std::string_view name, std::span<const std::string> header);
  void StartSheet(std::string_view name, std::initializer_list<std::string_view> header);

  // Cells of the current row, left to right. Text is neutralised against formulas and
  // written as a string; a string longer than Excel's 32,767 characters is cut there.
  // REQUIRES: StartSheet() was called.
  void Text(std::string_view value);
  void Number(double value, XlsxStyle style);
  void Blank();
  // Ends the current row. Past Excel's 1,048,576 rows, status() becomes InvalidArgument.
  void EndRow();
  // Text() of each of `cells`, then EndRow().
  void TextRow(std::span<const std::string> cells);
  void TextRow(std::initializer_list<std::string_view> cells);

  // Finishes the last sheet, writes the workbook and renames it to `path`. Returns status():
  // OK, or the first error, naming `path` (DataLossError for a failed write such as a full
  // disk). Calling it again returns the same status.
  [[nodiscard]] Status Close();

  // The first error met so far, or OK.
  Status status() const { return status_; }
  // Rows written after the header rows, over all sheets.
  int64_t rows_written() const { return rows_written_; }

 private:
  XlsxWriter(std::string path, std::string temp_path, std::string temp_dir);
  void FinishSheet();
  void Fail(Status status);
  void Widen(size_t width);

  const std::string path_;
  const std::string temp_path_;  // where the workbook is assembled, renamed to path_ on success
  std::string temp_dir_;         // libxlsxwriter's scratch files; must outlive workbook_
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::vector<lxw_format*> number_formats_;  // indexed by XlsxStyle
  std::vector<std::string> sheet_names_;

  // The current sheet. Invariant: widths_.size() == columns of the header row.
  uint32_t row_ = 0;     // the row being written, from 0 (the header)
  uint16_t column_ = 0;  // the next cell of that row
  std::vector<size_t> widths_;

  Status status_;
  bool closed_ = false;
  int64_t rows_written_ = 0;
};

// Writes `tables` as a workbook at `path`, one sheet per table (named after the table), with
// headers in `lang`. Errors as XlsxWriter::Close().
[[nodiscard]] Status WriteXlsx(const std::string& path, std::span<const ReportTable> tables, Lang lang);

}  // namespace jz

#endif  // JZ_IO_XLSX_WRITER_H_
