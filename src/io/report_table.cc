// ReportTable: typed cells under bilingual columns, written as CSV or JSON (report_table.h).
#include "io/report_table.h"

#include <fmt/format.h>

#include <cassert>
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/csv_writer.h"

namespace jz {

ReportTable::ReportTable(std::string name, std::vector<ReportColumn> columns)
    : name_(std::move(name)), columns_(std::move(columns)) {}

void ReportTable::AddRow(std::vector<ReportCell> cells) {
  assert(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
}

std::string ReportTable::Header(size_t i, Lang lang) const {
  const ReportColumn& c = columns_[i];
  switch (lang) {
    case Lang::kEn:
      return c.en;
    case Lang::kZhHant:
      return ToTraditional(c.zh);
    case Lang::kZhHans:
      break;
  }
  return c.zh;
}

namespace {

std::string Format(const ReportCell& cell, CellKind kind, bool for_people) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* n = std::get_if<int64_t>(&cell)) {
    return kind == CellKind::kMoney ? Money::FromFen(*n).ToString() : std::to_string(*n);
  }
  if (const auto* x = std::get_if<double>(&cell)) {
    if (kind == CellKind::kShare)
      return for_people ? fmt::format("{:.1f}%", 100 * *x) : fmt::format("{:.6g}", *x);
    return fmt::format("{:.3f}", *x);
  }
  return {};
}

}  // namespace

std::string ReportTable::Display(size_t row, size_t column) const {
  return Format(rows_[row][column], columns_[column].kind, true);
}

std::string ReportTable::PlainCell(const ReportCell& cell, CellKind kind) { return Format(cell, kind, false); }

std::string ReportTable::Plain(size_t row, size_t column) const {
  return Format(rows_[row][column], columns_[column].kind, false);
}

StatusOr<std::string> ReportTable::ToCsv(Lang lang) const {
  std::string out;
  auto csv = CsvWriter::ToString(&out);
  for (size_t c = 0; c < columns_.size(); ++c) csv->Field(Header(c, lang));
  csv->EndRow();
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      // Text goes through the formula guard; a typed number is written as the number it is.
      if (std::holds_alternative<std::string>(rows_[r][c])) {
        csv->Field(Plain(r, c));
      } else {
        csv->RawField(Plain(r, c));
      }
    }
    csv->EndRow();
  }
  RETURN_IF_ERROR(csv->Close());
  return out;
}

std::string ReportTable::ToJson() const {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const std::vector<ReportCell>& cells : rows_) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (size_t c = 0; c < columns_.size(); ++c) {
      const ReportCell& cell = cells[c];
      nlohmann::ordered_json& value = row[columns_[c].key];
      if (const auto* text = std::get_if<std::string>(&cell)) value = *text;
      if (const auto* n = std::get_if<int64_t>(&cell)) value = *n;
      if (const auto* x = std::get_if<double>(&cell)) value = *x;
    }
    rows.push_back(std::move(row));
  }
  return rows.dump(2);
}

}  // namespace jz
