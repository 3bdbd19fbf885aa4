// ReportTable: one table of a report or list as typed cells under named, bilingual columns —
// the one shape every command's output takes before it is printed as a terminal table, CSV
// or JSON (and, later, a spreadsheet). Keeping the cells typed (counts, money in fen, shares)
// lets each format write them as its readers expect: aligned text for a terminal, plain
// numbers for a spreadsheet, numbers for a program.
//
//   ReportTable t("counties", {{"code", "区划代码", "code"},
//                              {"households", "户数", "households", CellKind::kInt}});
//   t.AddRow({std::string("222424"), int64_t{1234}});
//   ASSIGN_OR_RETURN(std::string csv, t.ToCsv(Lang::kZhHans));
#ifndef JZ_IO_REPORT_TABLE_H_
#define JZ_IO_REPORT_TABLE_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/i18n.h"
#include "core/status.h"

namespace jz {

// How a column's cells are written.
enum class CellKind : uint8_t {
  kText,     // a string
  kInt,      // an integer count or code
  kMoney,    // integer fen, written as yuan with two decimals ("1234.56")
  kShare,    // a proportion in [0, 1]: "12.3%" for people, 0.123 for programs
  kDecimal,  // a measured value (seconds, ratios), written with its own precision
};

struct ReportColumn {
  std::string key;  // JSON key, stable across languages (snake_case)
  std::string zh;   // header in zh-Hans; zh-Hant is derived with OpenCC
  std::string en;   // header in English
  CellKind kind = CellKind::kText;
};

// An empty cell (std::monostate) is written as nothing, or null in JSON.
using ReportCell = std::variant<std::monostate, std::string, int64_t, double>;

// Invariant: every row has exactly columns().size() cells (AddRow pads or truncates nothing:
// it REQUIRES the right count).
class ReportTable {
 public:
  ReportTable(std::string name, std::vector<ReportColumn> columns);

  const std::string& name() const { return name_; }
  const std::vector<ReportColumn>& columns() const { return columns_; }
  const std::vector<std::vector<ReportCell>>& rows() const { return rows_; }

  // REQUIRES: cells.size() == columns().size().
  void AddRow(std::vector<ReportCell> cells);

  // The header of column `i` in `lang`.
  std::string Header(size_t i, Lang lang) const;
  // The cell as a person reads it: money "1234.56", shares "12.3%", decimals to 3 places.
  std::string Display(size_t row, size_t column) const;
  // The cell for a spreadsheet: as Display() but shares as a plain proportion (0.123).
  std::string Plain(size_t row, size_t column) const;
  // Plain() of any cell of a column of `kind`, for writers that stream rows (io/report_file.h).
  static std::string PlainCell(const ReportCell& cell, CellKind kind);

  // RFC 4180 CSV with a header row in `lang`.
  [[nodiscard]] StatusOr<std::string> ToCsv(Lang lang) const;
  // A JSON array of objects keyed by the columns' keys; money as integer fen, shares and
  // decimals as numbers, empty cells as null.
  std::string ToJson() const;

 private:
  std::string name_;
  std::vector<ReportColumn> columns_;
  std::vector<std::vector<ReportCell>> rows_;
};

}  // namespace jz

#endif  // JZ_IO_REPORT_TABLE_H_
