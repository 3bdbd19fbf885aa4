// CsvTableReader: the TableReader over a CsvReader. Cells are the CsvReader's own views
// (the import hot path copies nothing); cell_info() looks the cell up in the record's few
// multi-line fields and, for digits_lost, at the cell's text only when asked.
#include <cctype>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/csv_reader.h"
#include "io/internal/table_readers.h"

namespace jz::internal {
namespace {

class CsvTableReader final : public TableReader {
 public:
  explicit CsvTableReader(std::unique_ptr<CsvReader> csv) : csv_(std::move(csv)) {}

  StatusOr<bool> Next(std::vector<std::string_view>& cells) override {
    last_cells_ = &cells;
    ASSIGN_OR_RETURN(const bool more, csv_->Next(cells));
    if (more) ++rows_read_;
    return more;
  }

  // Reads the vector last passed to Next(), which the contract says holds the row.
  CellInfo cell_info(size_t i) const override {
    CellInfo info;
    info.open_line = info.close_line = csv_->line_number();
    for (const CsvReader::MultilineField& field : csv_->multiline_fields()) {
      if (field.index != i) continue;
      info.source = CellSource::kMultiline;
      info.open_line = csv_->line_number() + field.open_newlines;
      info.close_line = csv_->line_number() + field.close_newlines;
      return info;
    }
    if (last_cells_ != nullptr && i < last_cells_->size())
      info.digits_lost = LooksLikeLostDigits((*last_cells_)[i]);
    return info;
  }

  int64_t first_line() const override { return csv_->line_number(); }
  int64_t last_line() const override {
    const auto& multiline = csv_->multiline_fields();
    return csv_->line_number() + (multiline.empty() ? 0 : multiline.back().close_newlines);
  }
  int64_t rows_read() const override { return rows_read_; }
  TableFormat format() const override { return TableFormat::kCsv; }
  const std::string& name() const override { return csv_->name(); }
  int64_t bytes_consumed() const override { return csv_->bytes_consumed(); }
  int64_t total_bytes() const override { return csv_->total_bytes(); }

 private:
  std::unique_ptr<CsvReader> csv_;
  const std::vector<std::string_view>* last_cells_ = nullptr;
  int64_t rows_read_ = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool LooksLikeLostDigits(std::string_view text) {
  // Cheap rejection first: this runs on any cell an importer asks about.
  if (text.size() < 5 || text.size() > 40) return false;
  size_t i = text[0] == '+' || text[0] == '-' ? 1 : 0;
  int64_t integer_digits = 0;
  bool leading = true;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    if (leading && text[i] == '0') continue;
    leading = false;
    ++integer_digits;
  }
  if (integer_digits == 0) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
  }
  if (i == text.size() || (text[i] != 'E' && text[i] != 'e')) return false;
  ++i;
  if (i < text.size() && text[i] == '+') ++i;
  if (i == text.size()) return false;
  int64_t exponent = 0;
  for (; i < text.size(); ++i) {
    if (!IsDigit(text[i])) return false;
    exponent = exponent * 10 + (text[i] - '0');
    if (exponent > 400) return true;  // a magnitude no digits survive, and no overflow
  }
  return integer_digits + exponent >= 16;
}

StatusOr<std::unique_ptr<TableReader>> OpenCsvTable(TableSource source, const TableOptions& options) {
  CsvOptions csv;
  csv.delimiter = options.delimiter;
  if (options.encoding.has_value()) {
    csv.encoding = *options.encoding;
    csv.detect_encoding = false;
  }
  std::unique_ptr<CsvReader> reader;
  if (source.bytes.has_value()) {
    ASSIGN_OR_RETURN(reader, CsvReader::FromString(std::move(*source.bytes), std::move(source.name), csv));
  } else {
    ASSIGN_OR_RETURN(reader, CsvReader::Open(source.name, csv));
  }
  return std::unique_ptr<TableReader>(new CsvTableReader(std::move(reader)));
}

}  // namespace jz::internal
