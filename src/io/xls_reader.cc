// The .xls (Excel 97-2003, BIFF8) TableReader, on FreeXL. FreeXL reads the whole workbook
// when it opens it, which is fine for the sizes the format allows (65,536 rows by 256
// columns); rows are then taken from its first worksheet one at a time. FreeXL reads files
// only, so bytes in memory go through a temporary file, removed as soon as it is open.
#include <fcntl.h>
#include <fmt/format.h>
#include <freexl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"
#include "io/internal/table_readers.h"
#include "io/internal/xlsx_package.h"

namespace jz::internal {
namespace {

Status XlsUnreadable(const std::string& file, int code) {
  return InvalidArgumentError(Bilingual(
      "{}：不是可读的 Excel 97-2003 工作簿（.xls）（FreeXL 错误 {}）；请用 Excel 另存为 .xlsx 或 CSV",
      "{}: not a readable Excel 97-2003 workbook (.xls) (FreeXL error {}); save it as .xlsx or CSV in Excel",
      file, code));
}

struct XlsCell {
  uint32_t offset = 0;
  uint32_t size = 0;
  CellSource source = CellSource::kText;
  bool digits_lost = false;
};

class XlsTableReader final : public TableReader {
 public:
  explicit XlsTableReader(std::string name) : name_(std::move(name)) {}
  ~XlsTableReader() override {
    if (handle_ != nullptr) freexl_close(handle_);
  }
  XlsTableReader(const XlsTableReader&) = delete;
  XlsTableReader& operator=(const XlsTableReader&) = delete;

  [[nodiscard]] Status Open(const std::string& path) {
    const int opened = freexl_open(path.c_str(), &handle_);
    if (opened != FREEXL_OK) return XlsUnreadable(name_, opened);
    const int selected = freexl_select_active_worksheet(handle_, 0);
    if (selected != FREEXL_OK) return XlsUnreadable(name_, selected);
    unsigned short columns = 0;
    const int sized = freexl_worksheet_dimensions(handle_, &rows_, &columns);
    if (sized != FREEXL_OK) return XlsUnreadable(name_, sized);
    columns_ = columns;
    if (columns_ > kMaxCsvFields) {
      return InvalidArgumentError(Bilingual("{}：第一个工作表有 {} 列，超过 {} 列（上限）",
                                            "{}: the first sheet has {} columns, more than {} (the limit)",
                                            name_, columns_, kMaxCsvFields));
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    total_bytes_ = ec ? -1 : static_cast<int64_t>(size);
    return OkStatus();
  }

  StatusOr<bool> Next(std::vector<std::string_view>& cells) override {
    cells.clear();
    while (next_row_ < rows_) {
      const uint32_t row = next_row_++;
      RETURN_IF_ERROR(ReadRow(row));
      if (cells_.empty()) continue;
      for (const XlsCell& cell : cells_) cells.emplace_back(text_.data() + cell.offset, cell.size);
      line_ = row + 1;
      ++rows_read_;
      return true;
    }
    return false;
  }

  CellInfo cell_info(size_t i) const override {
    return {cells_[i].source, line_, line_, cells_[i].digits_lost};
  }
  int64_t first_line() const override { return line_; }
  int64_t last_line() const override { return line_; }
  int64_t rows_read() const override { return rows_read_; }
  TableFormat format() const override { return TableFormat::kXls; }
  const std::string& name() const override { return name_; }
  // The file was read whole on opening; progress goes by rows.
  int64_t bytes_consumed() const override {
    return rows_ == 0 ? total_bytes_ : total_bytes_ * next_row_ / static_cast<int64_t>(rows_);
  }
  int64_t total_bytes() const override { return total_bytes_; }

 private:
  [[nodiscard]] Status ReadRow(uint32_t row) {
    text_.clear();
    cells_.clear();
    for (uint32_t column = 0; column < columns_; ++column) {
      FreeXL_CellValue value;
      const int got = freexl_get_cell_value(handle_, row, static_cast<unsigned short>(column), &value);
      if (got != FREEXL_OK) {
        return InvalidArgumentError(Bilingual("{}：第 {} 行第 {} 列无法读取（FreeXL 错误 {}）",
                                              "{}: row {} column {} cannot be read (FreeXL error {})", name_,
                                              row + 1, column + 1, got));
      }
      XlsCell cell;
      cell.offset = static_cast<uint32_t>(text_.size());
      AppendValue(value, cell);
      cell.size = static_cast<uint32_t>(text_.size() - cell.offset);
      if (cell.size > kMaxCsvFieldBytes) {
        return InvalidArgumentError(Bilingual("{}：第 {} 行第 {} 列超过 {} 字节（上限）",
                                              "{}: row {} column {} is longer than {} bytes (the limit)",
                                              name_, row + 1, column + 1, kMaxCsvFieldBytes));
      }
      cells_.push_back(cell);
    }
    while (!cells_.empty() && cells_.back().size == 0) cells_.pop_back();
    return OkStatus();
  }

  void AppendValue(const FreeXL_CellValue& value, XlsCell& cell) {
    switch (value.type) {
      case FREEXL_CELL_INT:
        cell.source = CellSource::kNumber;
        text_ += std::to_string(value.value.int_value);
        break;
      case FREEXL_CELL_DOUBLE: {
        cell.source = CellSource::kNumber;
        char buffer[64];
        // Scientific: the shortest digits that round-trip, never a fixed form's exact binary
        // digits ("410523198001011008"); AppendXlsxNumber writes them without exponent.
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value.value.double_value,
                                          std::chars_format::scientific);
        cell.digits_lost =
            AppendXlsxNumber(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)), text_) &&
            (value.value.double_value >= 1e15 || value.value.double_value <= -1e15);
        break;
      }
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME:
        // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS": the date, as from an .xlsx.
        cell.source = CellSource::kDate;
        text_ += std::string_view(value.value.text_value).substr(0, 10);
        break;
      case FREEXL_CELL_TEXT:
      case FREEXL_CELL_SST_TEXT:
      case FREEXL_CELL_TIME:
        text_ += value.value.text_value;
        break;
      default:  // FREEXL_CELL_NULL
        break;
    }
  }

  std::string name_;
  const void* handle_ = nullptr;
  uint32_t rows_ = 0;
  uint32_t columns_ = 0;
  uint32_t next_row_ = 0;
  int64_t line_ = 0;
  int64_t rows_read_ = 0;
  int64_t total_bytes_ = -1;
  std::string text_;
  std::vector<XlsCell> cells_;
};

// Writes `bytes` to a new temporary file and returns its path.
StatusOr<std::string> WriteTemporary(const std::string& name, const std::string& bytes) {
  std::string path = (std::filesystem::temp_directory_path() / "jz-xls-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    return UnavailableError(Bilingual("{}：无法创建临时文件", "{}: cannot create a temporary file", name));
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != bytes.size()) {
    std::filesystem::remove(path);
    return UnavailableError(Bilingual("{}：无法写入临时文件", "{}: cannot write a temporary file", name));
  }
  return path;
}

}  // namespace

StatusOr<std::unique_ptr<TableReader>> OpenXlsTable(TableSource source) {
  auto reader = std::make_unique<XlsTableReader>(source.name);
  if (!source.bytes.has_value()) {
    RETURN_IF_ERROR(reader->Open(source.name));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  ASSIGN_OR_RETURN(const std::string path, WriteTemporary(source.name, *source.bytes));
  const Status opened = reader->Open(path);
  std::filesystem::remove(path);
  RETURN_IF_ERROR(opened);
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace jz::internal
