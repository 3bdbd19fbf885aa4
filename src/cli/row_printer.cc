// Terminal table, CSV and JSON output of ReportTables (row_printer.h).
#include "cli/row_printer.h"

#include <fmt/format.h>

#include <fstream>

#include "cli/text_table.h"
#include "io/report_file.h"
#include "io/xlsx_writer.h"

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

namespace {

bool EndsWithNoCase(std::string_view text, std::string_view tail) {
  if (text.size() < tail.size()) return false;
  for (size_t i = 0; i < tail.size(); ++i) {
    const char c = text[text.size() - tail.size() + i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != tail[i]) return false;
  }
  return true;
}

Status WriteJsonFile(const std::string& path, const std::string& json) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << json;
  if (out) out.close();
  if (!out) return DataLossError(Bilingual("无法写入 {}", "cannot write {}", path));
  return OkStatus();
}

Status WriteOutputFile(const GlobalOptions& options, std::span<const ReportTable> tables) {
  const std::string& path = options.output_path;
  if (EndsWithNoCase(path, ".json")) {
    ASSIGN_OR_RETURN(std::string json, RenderTables(options, OutputFormat::kJson, tables));
    RETURN_IF_ERROR(WriteJsonFile(path, json));
  } else {
    RETURN_IF_ERROR(WriteReportFile(path, tables, options.lang));
  }
  size_t rows = 0;
  for (const ReportTable& table : tables) rows += table.rows().size();
  PrintLine(options, Bilingual("已写入 {}（{} 张表，{} 行）", "wrote {} ({} tables, {} rows)", path,
                               tables.size(), rows));
  return OkStatus();
}

}  // namespace

Status CheckOutputPath(std::string_view path) {
  if (path.empty() || EndsWithNoCase(path, ".xlsx") || EndsWithNoCase(path, ".csv") ||
      EndsWithNoCase(path, ".json")) {
    return OkStatus();
  }
  return InvalidArgumentError(Bilingual("--output {} 无效：文件名须以 .xlsx、.csv 或 .json 结尾",
                                        "invalid --output {}: the file name must end in .xlsx, .csv or .json",
                                        path));
}

Status PrintTables(const GlobalOptions& options, OutputFormat format, std::span<const ReportTable> tables) {
  if (!options.output_path.empty()) return WriteOutputFile(options, tables);
  ASSIGN_OR_RETURN(std::string out, RenderTables(options, format, tables));
  fmt::print("{}", out);
  return OkStatus();
}

}  // namespace jz::cli
