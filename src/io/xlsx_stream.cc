// The .xlsx TableReader. (First cut: over the DOM reader of xlsx_reader.h, replaced by a
// streaming reader on expat.)
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/internal/table_readers.h"
#include "io/xlsx_reader.h"

namespace jz::internal {
namespace {

class XlsxDomTableReader final : public TableReader {
 public:
  XlsxDomTableReader(std::string name, std::vector<XlsxRow> rows)
      : name_(std::move(name)), rows_(std::move(rows)) {}

  StatusOr<bool> Next(std::vector<std::string_view>& cells) override {
    cells.clear();
    if (next_ == rows_.size()) return false;
    const XlsxRow& row = rows_[next_++];
    for (const std::string& cell : row.cells) cells.emplace_back(cell);
    line_ = row.row_number;
    return true;
  }
  CellInfo cell_info(size_t /*i*/) const override { return {CellSource::kText, line_, line_, false}; }
  int64_t first_line() const override { return line_; }
  int64_t last_line() const override { return line_; }
  int64_t rows_read() const override { return static_cast<int64_t>(next_); }
  TableFormat format() const override { return TableFormat::kXlsx; }
  const std::string& name() const override { return name_; }
  int64_t bytes_consumed() const override { return -1; }
  int64_t total_bytes() const override { return -1; }

 private:
  std::string name_;
  std::vector<XlsxRow> rows_;
  size_t next_ = 0;
  int64_t line_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<TableReader>> OpenXlsxTable(TableSource source) {
  std::vector<XlsxRow> rows;
  if (source.bytes.has_value()) {
    ASSIGN_OR_RETURN(rows, ReadXlsxFirstSheetFromBuffer(*source.bytes, source.name));
  } else {
    ASSIGN_OR_RETURN(rows, ReadXlsxFirstSheet(source.name));
  }
  return std::unique_ptr<TableReader>(new XlsxDomTableReader(std::move(source.name), std::move(rows)));
}

StatusOr<std::unique_ptr<TableReader>> OpenXlsTable(TableSource source) {
  return InvalidArgumentError(
      Bilingual("{}：暂不能读取 Excel 97-2003 工作簿（.xls）；请另存为 .xlsx 或 CSV",
                "{}: Excel 97-2003 workbooks (.xls) are not read yet; save it as .xlsx or CSV", source.name));
}

}  // namespace jz::internal
