// Terminal table, CSV and JSON output of ReportTables (row_printer.h).
#include "cli/row_printer.h"

#include <fmt/format.h>

#include "cli/text_table.h"

namespace jz::cli {

StatusOr<OutputFormat> ParseOutputFormat(std::string_view text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "csv") return OutputFormat::kCsv;
  if (text == "json") return OutputFormat::kJson;
  return InvalidArgumentError(Bilingual("--format {} 无效（可用 table、csv、json）",
                                        "invalid --format {} (use table, csv or json)", text));
}

namespace {

std::string RenderText(const GlobalOptions& options, const ReportTable& table) {
  std::vector<std::string> header;
  for (size_t c = 0; c < table.columns().size(); ++c) header.push_back(table.Header(c, options.lang));
  TextTable text(std::move(header));
  for (size_t r = 0; r < table.rows().size(); ++r) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < table.columns().size(); ++c) cells.push_back(table.Display(r, c));
    text.AddRow(std::move(cells));
  }
  return options.lang == Lang::kZhHant ? ToTraditional(text.Render()) : text.Render();
}

}  // namespace

StatusOr<std::string> RenderTables(const GlobalOptions& options, OutputFormat format,
                                   std::span<const ReportTable> tables) {
  std::string out;
  if (format == OutputFormat::kJson) {
    if (tables.size() == 1) return tables[0].ToJson() + "\n";
    out = "{\n";
    for (size_t i = 0; i < tables.size(); ++i) {
      out += fmt::format("\"{}\": {}{}\n", tables[i].name(), tables[i].ToJson(),
                         i + 1 < tables.size() ? "," : "");
    }
    return out + "}\n";
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += "\n";
    if (format == OutputFormat::kTable) {
      out += RenderText(options, tables[i]);
    } else {
      ASSIGN_OR_RETURN(std::string csv, tables[i].ToCsv(options.lang));
      out += csv;
    }
  }
  return out;
}

Status PrintTables(const GlobalOptions& options, OutputFormat format, std::span<const ReportTable> tables) {
  ASSIGN_OR_RETURN(std::string out, RenderTables(options, format, tables));
  fmt::print("{}", out);
  return OkStatus();
}

}  // namespace jz::cli
