// The .xlsx TableReader: the first worksheet streamed through expat, 64 KiB of inflated XML
// at a time, so memory stays flat however long the sheet is. The rows parsed from one chunk
// wait in a small pool of rows that is reused, and Next() hands them out one by one. A
// cell's text lives in its row's buffer, or (a shared string, the common case) stays in
// the shared strings' arena and is only pointed at.
//
//   <sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" s="1"><v>45838</v></c>
//   <c r="D2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"
#include "io/internal/table_readers.h"
#include "io/internal/xlsx_package.h"
#include "io/internal/xlsx_shared_strings.h"
#include "io/internal/xml_stream.h"
#include "io/xlsx_reader.h"

namespace jz::internal {
namespace {

// Excel's limits: rows 1..1,048,576, columns A..XFD.
constexpr int64_t kMaxXlsxRows = 1'048'576;
constexpr int64_t kMaxXlsxColumns = 16'384;

// The 0-based column of a cell reference such as "AB12"; -1 when it has no letters or is
// past XFD.
int64_t ColumnOf(std::string_view ref) {
  int64_t column = 0;
  size_t i = 0;
  for (; i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z')); ++i) {
    column = column * 26 + ((ref[i] & ~0x20) - 'A' + 1);
    if (column > kMaxXlsxColumns) return -1;
  }
  return i == 0 ? -1 : column - 1;
}

enum class CellType : uint8_t { kNumber, kShared, kInline, kBool, kError, kFormulaText, kDate };

CellType TypeOf(const char* t) {
  const std::string_view type = t == nullptr ? "n" : t;
  if (type == "s") return CellType::kShared;
  if (type == "inlineStr") return CellType::kInline;
  if (type == "b") return CellType::kBool;
  if (type == "e") return CellType::kError;
  if (type == "str") return CellType::kFormulaText;
  if (type == "d") return CellType::kDate;
  return CellType::kNumber;
}

struct CellRef {
  uint32_t offset = 0;  // into the row's text, or the shared strings' arena
  uint32_t size = 0;
  bool shared = false;
  CellSource source = CellSource::kText;
  bool digits_lost = false;
};

struct ParsedRow {
  int64_t number = 0;
  std::string text;
  std::vector<CellRef> cells;
};

class XlsxTableReader final : public TableReader, private XmlStream {
 public:
  XlsxTableReader(std::string name, std::optional<std::string> bytes)
      : XmlStream(name, ""), name_(std::move(name)), bytes_(std::move(bytes)) {}

  [[nodiscard]] Status Open();
  StatusOr<bool> Next(std::vector<std::string_view>& cells) override;
  CellInfo cell_info(size_t i) const override {
    const CellRef& cell = rows_[current_].cells[i];
    return {cell.source, line_, line_, cell.digits_lost};
  }
  int64_t first_line() const override { return line_; }
  int64_t last_line() const override { return line_; }
  int64_t rows_read() const override { return rows_read_; }
  TableFormat format() const override { return TableFormat::kXlsx; }
  const std::string& name() const override { return name_; }
  int64_t bytes_consumed() const override { return sheet_.has_value() ? sheet_->bytes_read() : 0; }
  int64_t total_bytes() const override { return sheet_.has_value() ? sheet_->size() : -1; }

 private:
  void StartElement(std::string_view name, const XML_Char** attributes) override;
  void EndElement(std::string_view name) override;
  void Characters(std::string_view text) override;
  void StartRow(const XML_Char** attributes);
  void StartCell(const XML_Char** attributes);
  void EndCell();
  void EndRow();
  void SheetFail(std::string_view zh, std::string_view en);

  const std::string name_;
  const std::optional<std::string> bytes_;  // the package in memory; outlives zip_
  ZipHandle zip_;
  std::optional<PartStream> sheet_;
  std::string sheet_part_;
  SharedStrings shared_;
  std::vector<bool> date_styles_;
  std::string chunk_;
  bool sheet_ended_ = false;
  Status status_;

  // The pool: rows_[next_, filled_) are parsed and not yet returned.
  std::vector<ParsedRow> rows_;
  size_t filled_ = 0;
  size_t next_ = 0;
  size_t current_ = 0;
  int64_t line_ = 0;
  int64_t rows_read_ = 0;

  // Parser state.
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool collecting_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
  int64_t row_number_ = 0;
  int64_t next_column_ = 0;
  int64_t cell_column_ = 0;
  CellType cell_type_ = CellType::kNumber;
  size_t cell_style_ = 0;
  std::string value_;
};

Status XlsxTableReader::Open() {
  ASSIGN_OR_RETURN(zip_, OpenXlsxPackage(name_, bytes_.has_value() ? &*bytes_ : nullptr));
  ASSIGN_OR_RETURN(sheet_part_, FirstSheetPart(zip_.get(), name_));
  set_part(sheet_part_);
  ASSIGN_OR_RETURN(shared_, ReadSharedStrings(zip_.get(), name_));
  ASSIGN_OR_RETURN(date_styles_, ReadDateStyles(zip_.get(), name_));
  ASSIGN_OR_RETURN(sheet_, PartStream::Open(zip_.get(), name_, sheet_part_, kMaxXlsxSheetBytes));
  if (!sheet_.has_value()) {
    return XlsxUnreadable(name_, fmt::format("缺少 {}", sheet_part_),
                          fmt::format("{} is missing", sheet_part_));
  }
  chunk_.resize(kXlsxReadChunkBytes);
  return OkStatus();
}

StatusOr<bool> XlsxTableReader::Next(std::vector<std::string_view>& cells) {
  cells.clear();
  if (!status_.ok()) return status_;
  while (next_ == filled_) {
    if (sheet_ended_) return false;
    // Every parsed row was handed out: the pool starts over, keeping a row that the last
    // chunk ended inside.
    if (in_row_ && filled_ != 0) std::swap(rows_[0], rows_[filled_]);
    filled_ = next_ = 0;
    StatusOr<size_t> n = sheet_->Read(chunk_.data(), chunk_.size());
    Status fed = n.ok() ? Feed(chunk_.data(), *n, *n == 0) : n.status();
    if (!fed.ok()) {
      status_ = fed;
      return status_;
    }
    sheet_ended_ = *n == 0;
  }
  current_ = next_++;
  const ParsedRow& row = rows_[current_];
  for (const CellRef& cell : row.cells) {
    const std::string& base = cell.shared ? shared_.arena : row.text;
    cells.emplace_back(base.data() + cell.offset, cell.size);
  }
  line_ = row.number;
  ++rows_read_;
  return true;
}

void XlsxTableReader::SheetFail(std::string_view zh, std::string_view en) {
  Fail(
      InvalidArgumentError(Bilingual(fmt::format("{}：{} 第 {} 行：{}", name_, sheet_part_, row_number_, zh),
                                     fmt::format("{}: {} row {}: {}", name_, sheet_part_, row_number_, en))));
}

void XlsxTableReader::StartElement(std::string_view name, const XML_Char** attributes) {
  if (failed()) return;
  if (name == "sheetData") {
    in_sheet_data_ = true;
  } else if (!in_sheet_data_) {
    return;
  } else if (name == "row") {
    StartRow(attributes);
  } else if (name == "c" && in_row_) {
    StartCell(attributes);
  } else if (!in_cell_) {
    return;
  } else if (name == "v") {
    collecting_ = !in_inline_;
  } else if (name == "is") {
    in_inline_ = true;
  } else if (name == "rPh") {
    ++phonetic_depth_;
  } else if (name == "t") {
    collecting_ = in_inline_ && phonetic_depth_ == 0;
  }
}

void XlsxTableReader::EndElement(std::string_view name) {
  if (failed() || !in_sheet_data_) return;
  if (name == "v" || name == "t") {
    collecting_ = false;
  } else if (name == "rPh") {
    --phonetic_depth_;
  } else if (name == "is") {
    in_inline_ = false;
  } else if (name == "c" && in_cell_) {
    EndCell();
  } else if (name == "row" && in_row_) {
    EndRow();
  } else if (name == "sheetData") {
    in_sheet_data_ = false;
  }
}

void XlsxTableReader::Characters(std::string_view text) {
  if (!collecting_ || failed()) return;
  if (value_.size() + text.size() > kMaxCsvFieldBytes) {
    SheetFail(fmt::format("单元格内容超过 {} 字节（上限）", kMaxCsvFieldBytes),
              fmt::format("a cell is longer than {} bytes (the limit)", kMaxCsvFieldBytes));
    return;
  }
  value_.append(text);
}

void XlsxTableReader::StartRow(const XML_Char** attributes) {
  const char* r = Attribute(attributes, "r");
  int64_t number = row_number_ + 1;
  if (r != nullptr) {
    const std::string_view text(r);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size()) number = 0;
  }
  if (number < 1 || number > kMaxXlsxRows) {
    const std::string shown = r == nullptr ? std::to_string(number) : std::string(r);
    Fail(InvalidArgumentError(Bilingual(
        fmt::format("{}：{} 的行号 {} 无效（应为 1 至 {}）", name_, sheet_part_, shown, kMaxXlsxRows),
        fmt::format("{}: {}: invalid row number {} (1 to {})", name_, sheet_part_, shown, kMaxXlsxRows))));
    return;
  }
  row_number_ = number;
  in_row_ = true;
  next_column_ = 0;
  if (filled_ == rows_.size()) rows_.emplace_back();
  ParsedRow& row = rows_[filled_];
  row.number = number;
  row.text.clear();
  row.cells.clear();
}

void XlsxTableReader::StartCell(const XML_Char** attributes) {
  const char* ref = Attribute(attributes, "r");
  cell_column_ = ref != nullptr ? ColumnOf(ref) : next_column_;
  if (cell_column_ < 0 || cell_column_ < next_column_) {
    const std::string shown = ref == nullptr ? "" : ref;
    SheetFail(fmt::format("单元格引用 {} 无效或顺序颠倒", shown),
              fmt::format("invalid or out-of-order cell reference {}", shown));
    return;
  }
  if (cell_column_ >= static_cast<int64_t>(kMaxCsvFields)) {
    SheetFail(fmt::format("单元格超过 {} 列（上限）", kMaxCsvFields),
              fmt::format("cells past column {} (the limit)", kMaxCsvFields));
    return;
  }
  next_column_ = cell_column_ + 1;
  cell_type_ = TypeOf(Attribute(attributes, "t"));
  const char* style = Attribute(attributes, "s");
  cell_style_ = style == nullptr ? 0 : std::strtoul(style, nullptr, 10);
  in_cell_ = true;
  in_inline_ = false;
  phonetic_depth_ = 0;
  value_.clear();
}

void XlsxTableReader::EndCell() {
  in_cell_ = false;
  ParsedRow& row = rows_[filled_];
  row.cells.resize(static_cast<size_t>(cell_column_));  // gaps are empty cells
  CellRef cell;
  cell.offset = static_cast<uint32_t>(row.text.size());
  switch (cell_type_) {
    case CellType::kShared: {
      size_t index = 0;
      const auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (ec != std::errc() || end != value_.data() + value_.size() || index >= shared_.size()) {
        SheetFail(
            fmt::format("引用了不存在的共享字符串 {}（共 {} 个）", value_, shared_.size()),
            fmt::format("shared string {} does not exist ({} in the workbook)", value_, shared_.size()));
        return;
      }
      cell.shared = true;
      cell.offset = shared_.begin(index);
      cell.size = shared_.ends[index] - cell.offset;
      row.cells.push_back(cell);
      return;
    }
    case CellType::kBool:
      cell.source = CellSource::kBool;
      row.text += value_ == "1" ? "TRUE" : "FALSE";
      break;
    case CellType::kError:
      cell.source = CellSource::kError;
      row.text += value_;
      break;
    case CellType::kDate:
      cell.source = CellSource::kDate;
      row.text += std::string_view(value_).substr(0, value_.find('T'));
      break;
    case CellType::kInline:
    case CellType::kFormulaText:
      row.text += value_;
      break;
    case CellType::kNumber: {
      if (value_.empty()) break;
      const bool date_style = cell_style_ < date_styles_.size() && date_styles_[cell_style_];
      const std::string date = date_style ? ExcelSerialToIsoDate(std::strtod(value_.c_str(), nullptr)) : "";
      if (!date.empty()) {
        cell.source = CellSource::kDate;
        row.text += date;
      } else {
        cell.source = CellSource::kNumber;
        cell.digits_lost = AppendXlsxNumber(value_, row.text);
      }
      break;
    }
  }
  cell.size = static_cast<uint32_t>(row.text.size() - cell.offset);
  row.cells.push_back(cell);
}

void XlsxTableReader::EndRow() {
  in_row_ = false;
  ParsedRow& row = rows_[filled_];
  // Styled but empty cells (a formatted blank row) count as no cells: such a row is
  // skipped as a blank line is, and trailing empty cells are dropped.
  while (!row.cells.empty() && row.cells.back().size == 0) row.cells.pop_back();
  if (!row.cells.empty()) ++filled_;
}

}  // namespace

StatusOr<std::unique_ptr<TableReader>> OpenXlsxTable(TableSource source) {
  auto reader = std::make_unique<XlsxTableReader>(std::move(source.name), std::move(source.bytes));
  RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace jz::internal
