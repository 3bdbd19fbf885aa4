// csv_to_xlsx: turns a registry CSV (from `jingzhun generate`) into the .xlsx a county
// office would export, as the input of the xlsx import benchmark (scripts/bench-xlsx).
// ID numbers, region codes, household and person numbers and phone numbers stay text cells
// (as an office's export keeps them, so no digit is lost); amounts and counts (the income
// columns, 人数, 务工时间(月)) are number cells; empty CSV fields are blank cells. A value
// in a number column that is not a number (a planted problem) stays text, as a typo would.
//
// Two modes, as libxlsxwriter writes them:
//   shared    strings in xl/sharedStrings.xml, as Excel itself saves a workbook; the
//             writer holds the whole sheet in memory, so use it up to a few 100,000 rows;
//   constant  libxlsxwriter's constant_memory mode: rows streamed to disk, strings written
//             inline in the sheet (no shared-strings part); for 1,000,000 rows.
//
// Usage: csv_to_xlsx shared|constant IN.csv OUT.xlsx
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/registry_layout.h"
#include "io/table_reader.h"

namespace {

// Excel's last row: a sheet holds at most 1,048,576 rows, the header included.
constexpr int64_t kMaxSheetRows = 1'048'576;

bool IsNumberColumn(std::string_view header) {
  using jz::RegistryColumn;
  const std::optional<RegistryColumn> column = jz::FindRegistryColumn(header);
  if (!column.has_value()) return false;
  switch (*column) {
    case RegistryColumn::kHouseholdSize:
    case RegistryColumn::kWorkMonths:
    case RegistryColumn::kWageIncome:
    case RegistryColumn::kBusinessIncome:
    case RegistryColumn::kPropertyIncome:
    case RegistryColumn::kTransferIncome:
    case RegistryColumn::kBusinessExpense:
    case RegistryColumn::kNetIncomePerCapita:
      return true;
    default:
      return false;
  }
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int Usage() {
  std::fprintf(stderr, "usage: csv_to_xlsx shared|constant IN.csv OUT.xlsx\n");
  return 2;
}

class Converter {
 public:
  explicit Converter(lxw_worksheet* sheet) : sheet_(sheet) {}

  // Writes row `row` (0-based) of the sheet; the first row read is the header.
  lxw_error WriteRow(lxw_row_t row, const std::vector<std::string_view>& cells) {
    if (row == 0) {
      for (std::string_view header : cells) number_column_.push_back(IsNumberColumn(header));
    }
    for (size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty()) continue;
      const auto col = static_cast<lxw_col_t>(i);
      if (row != 0 && i < number_column_.size() && number_column_[i]) {
        if (const std::optional<double> value = ParseNumber(cells[i]); value.has_value()) {
          if (lxw_error e = worksheet_write_number(sheet_, row, col, *value, nullptr)) return e;
          continue;
        }
      }
      text_.assign(cells[i]);  // libxlsxwriter takes NUL-terminated strings
      if (lxw_error e = worksheet_write_string(sheet_, row, col, text_.c_str(), nullptr)) return e;
    }
    return LXW_NO_ERROR;
  }

 private:
  lxw_worksheet* sheet_;
  std::vector<bool> number_column_;
  std::string text_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) return Usage();
  const std::string_view mode = argv[1];
  if (mode != "shared" && mode != "constant") return Usage();
  jz::StatusOr<std::unique_ptr<jz::TableReader>> table = jz::OpenTable(argv[2]);
  if (!table.ok()) {
    std::fprintf(stderr, "csv_to_xlsx: %s\n", table.status().ToString().c_str());
    return 1;
  }
  lxw_workbook_options options{};
  options.constant_memory = mode == "constant" ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = LXW_TRUE;  // a million-row sheet is several GB of XML before deflate
  lxw_workbook* workbook = workbook_new_opt(argv[3], &options);
  if (workbook == nullptr) {
    std::fprintf(stderr, "csv_to_xlsx: cannot create %s\n", argv[3]);
    return 1;
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  Converter converter(sheet);
  std::vector<std::string_view> cells;
  int64_t rows = 0;
  lxw_error error = LXW_NO_ERROR;
  std::string failure;
  while (error == LXW_NO_ERROR && failure.empty()) {
    jz::StatusOr<bool> more = (*table)->Next(cells);
    if (!more.ok()) failure = more.status().ToString();
    if (!more.ok() || !*more) break;
    if (rows == kMaxSheetRows) {
      failure = fmt::format("{} has more than {} rows, the most a sheet holds", argv[2], kMaxSheetRows);
      break;
    }
    error = converter.WriteRow(static_cast<lxw_row_t>(rows++), cells);
  }
  // workbook_close() also frees the workbook; called on every path so nothing leaks.
  const lxw_error closed = workbook_close(workbook);
  if (error == LXW_NO_ERROR) error = closed;
  if (error != LXW_NO_ERROR) failure = fmt::format("libxlsxwriter: {}", lxw_strerror(error));
  if (!failure.empty()) {
    std::fprintf(stderr, "csv_to_xlsx: %s\n", failure.c_str());
    return 1;
  }
  fmt::print("{}: {} rows ({} mode)\n", argv[3], rows, mode);
  return 0;
}
