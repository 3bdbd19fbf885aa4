// XlsxWriter over libxlsxwriter (xlsx_writer.h): the workbook's life (temporary name, close,
// rename or remove), sheets and cells. Sheet names and column widths are xlsx_layout.cc.
#include "io/xlsx_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "core/limits.h"
#include "io/files.h"
#include "io/formula_guard.h"
#include "io/internal/xlsx_layout.h"

namespace jz {
namespace {

// Excel's own limits (https://support.microsoft.com/office/excel-specifications-and-limits).
constexpr uint32_t kExcelMaxRows = LXW_ROW_MAX;
constexpr size_t kExcelMaxColumns = LXW_COL_MAX;
constexpr const char* kNumberFormats[] = {"0", "#,##0.00", "0.0%", "0.000"};  // by XlsxStyle

// A name beside `path` for the workbook while it is assembled: hidden, unique in this process.
std::string TempPathFor(const std::filesystem::path& path) {
  static std::atomic<uint64_t> counter{0};
  const std::string name = fmt::format(".{}.{}-{}.tmp", path.filename().string(), ::getpid(), counter++);
  return (path.parent_path() / name).string();
}

}  // namespace

bool IsXlsxOutputPath(std::string_view path) {
  if (path.size() < 5) return false;
  std::string tail(path.substr(path.size() - 5));
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return tail == ".xlsx";
}

XlsxWriter::XlsxWriter(std::string path, std::string temp_path, std::string temp_dir)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), temp_dir_(std::move(temp_dir)) {}

StatusOr<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
  const std::string temp = TempPathFor(target);
  // Created here, not by libxlsxwriter at close, so a missing or read-only folder is reported
  // before any work; 0666 lets the umask decide the mode as for any new file.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return FileCreateError(path, errno);
  ::close(fd);
  std::unique_ptr<XlsxWriter> writer(new XlsxWriter(path, temp, dir));
  // constant_memory: each row goes to a scratch file once the next row starts, so a
  // million-row list is never held in memory; strings are then written inline.
  lxw_workbook_options options = {
      .constant_memory = LXW_TRUE, .tmpdir = writer->temp_dir_.data(), .use_zip64 = LXW_FALSE};
  writer->workbook_ = workbook_new_opt(temp.c_str(), &options);
  if (writer->workbook_ == nullptr) {
    return DataLossError(Bilingual("无法创建 {}", "cannot create {}", path));
  }
  writer->bold_ = workbook_add_format(writer->workbook_);
  format_set_bold(writer->bold_);
  for (const char* number_format : kNumberFormats) {
    lxw_format* format = workbook_add_format(writer->workbook_);
    format_set_num_format(format, number_format);
    writer->number_formats_.push_back(format);
  }
  return writer;
}

XlsxWriter::~XlsxWriter() {
  if (closed_) return;
  Fail(AbortedError(Bilingual("{} 未写完", "{} was not finished", path_)));
  static_cast<void>(Close());
}

void XlsxWriter::Fail(Status status) {
  if (status_.ok()) status_ = std::move(status);
}

void XlsxWriter::StartSheet(std::string_view name, std::span<const std::string> header) {
  if (!status_.ok()) return;
  FinishSheet();
  if (header.size() > kExcelMaxColumns) {
    return Fail(
        InvalidArgumentError(Bilingual("{}：{} 列超过 Excel 的上限 {} 列", "{}: {} columns exceed Excel's {}",
                                       path_, header.size(), kExcelMaxColumns)));
  }
  sheet_names_.push_back(XlsxSheetName(name, sheet_names_));
  sheet_ = workbook_add_worksheet(workbook_, sheet_names_.back().c_str());
  if (sheet_ == nullptr) {
    return Fail(InternalError(
        Bilingual("{}：无法添加工作表 {}", "{}: cannot add the sheet {}", path_, sheet_names_.back())));
  }
  row_ = 0;
  column_ = 0;
  widths_.assign(header.size(), 0);
  for (const std::string& cell : header) {
    widths_[column_] = internal::XlsxCellWidth(cell);
    worksheet_write_string(sheet_, 0, column_++, cell.c_str(), bold_);
  }
  row_ = 1;
  column_ = 0;
}

void XlsxWriter::StartSheet(std::string_view name, std::initializer_list<std::string_view> header) {
  const std::vector<std::string> cells(header.begin(), header.end());
  StartSheet(name, cells);
}

void XlsxWriter::Widen(size_t width) {
  if (column_ >= widths_.size()) widths_.resize(column_ + size_t{1}, 0);
  widths_[column_] = std::max(widths_[column_], width);
}

void XlsxWriter::Text(std::string_view value) {
  assert(sheet_ != nullptr || !status_.ok());
  if (!status_.ok()) return;
  if (column_ >= kExcelMaxColumns) {
    return Fail(InvalidArgumentError(
        Bilingual("{}：超过 Excel 的 {} 列", "{}: more than Excel's {} columns", path_, kExcelMaxColumns)));
  }
  if (!value.empty()) {
    const std::string text = internal::XlsxCutText(NeutralizeFormula(value));
    const lxw_error error = worksheet_write_string(sheet_, row_, column_, text.c_str(), nullptr);
    if (error != LXW_NO_ERROR) {
      return Fail(DataLossError(Bilingual("{}：无法写入第 {} 行（{}）", "{}: cannot write row {} ({})", path_,
                                          row_ + 1, lxw_strerror(error))));
    }
    Widen(internal::XlsxCellWidth(text));
  }
  ++column_;
}

void XlsxWriter::Number(double value, XlsxStyle style) {
  assert(sheet_ != nullptr || !status_.ok());
  if (!status_.ok()) return;
  if (column_ >= kExcelMaxColumns) return Text("");  // reports the limit
  worksheet_write_number(sheet_, row_, column_, value, number_formats_[static_cast<size_t>(style)]);
  Widen(internal::XlsxNumberWidth(value, style));
  ++column_;
}

void XlsxWriter::Blank() {
  if (status_.ok()) ++column_;
}

void XlsxWriter::EndRow() {
  if (!status_.ok()) return;
  column_ = 0;
  ++rows_written_;
  if (++row_ >= kExcelMaxRows) {
    Fail(InvalidArgumentError(Bilingual("{}：超过 Excel 一张工作表 {} 行的上限",
                                        "{}: more than the {} rows Excel holds in a sheet", path_,
                                        kExcelMaxRows)));
  }
}

void XlsxWriter::TextRow(std::span<const std::string> cells) {
  for (const std::string& cell : cells) Text(cell);
  EndRow();
}

void XlsxWriter::TextRow(std::initializer_list<std::string_view> cells) {
  for (const std::string_view cell : cells) Text(cell);
  EndRow();
}

// Widths, the frozen header and the autofilter are kept by libxlsxwriter and written when the
// workbook is assembled, so they can be set after the rows in constant_memory mode.
void XlsxWriter::FinishSheet() {
  if (sheet_ == nullptr) return;
  for (size_t c = 0; c < widths_.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet_, col, col, internal::XlsxColumnWidth(widths_[c]), nullptr);
  }
  worksheet_freeze_panes(sheet_, 1, 0);
  if (!widths_.empty()) {
    const lxw_row_t last = column_ > 0 ? row_ : row_ - 1;
    worksheet_autofilter(sheet_, 0, 0, last, static_cast<lxw_col_t>(widths_.size() - 1));
  }
  sheet_ = nullptr;
}

Status XlsxWriter::Close() {
  if (closed_) return status_;
  closed_ = true;
  FinishSheet();
  if (sheet_names_.empty() && status_.ok()) StartSheet("Sheet1", std::span<const std::string>());
  FinishSheet();
  // Frees the workbook in every case; null only when Create() failed to make it.
  const lxw_error error = workbook_ == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : workbook_close(workbook_);
  workbook_ = nullptr;
  if (error != LXW_NO_ERROR) {
    Fail(DataLossError(Bilingual("写入 {} 失败（{}）", "cannot write {} ({})", path_, lxw_strerror(error))));
  }
  if (status_.ok() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    Fail(FileCreateError(path_, errno));
  }
  if (!status_.ok()) ::unlink(temp_path_.c_str());
  return status_;
}

Status WriteXlsx(const std::string& path, std::span<const ReportTable> tables, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
  for (const ReportTable& table : tables) {
    std::vector<std::string> header;
    for (size_t c = 0; c < table.columns().size(); ++c) header.push_back(table.Header(c, lang));
    xlsx->StartSheet(table.name(), header);
    for (size_t r = 0; r < table.rows().size(); ++r) {
      for (size_t c = 0; c < table.columns().size(); ++c)
        internal::WriteReportCell(*xlsx, table.rows()[r][c], table.columns()[c].kind);
      xlsx->EndRow();
    }
  }
  return xlsx->Close();
}

}  // namespace jz
