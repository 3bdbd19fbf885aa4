// The one printer of every command's tables: a terminal table, CSV or JSON from the same
// ReportTable (io/report_table.h), in the language of --lang. Commands build ReportTables from
// an app result and call PrintTables(); none formats its own CSV or JSON.
#ifndef JZ_CLI_ROW_PRINTER_H_
#define JZ_CLI_ROW_PRINTER_H_

#include <span>
#include <string_view>

#include "cli/command.h"
#include "io/report_table.h"

namespace jz::cli {

enum class OutputFormat : uint8_t { kTable, kCsv, kJson };

// Parses a --format value: table, csv or json. InvalidArgument naming the accepted values.
[[nodiscard]] StatusOr<OutputFormat> ParseOutputFormat(std::string_view text);

// Renders `tables` in `format`:
//   table: each as an aligned terminal table (headers and cells in the chosen language),
//          separated by a blank line;
//   csv:   each with its header row, separated by a blank line;
//   json:  one table as an array of objects; several as an object keyed by table name.
[[nodiscard]] StatusOr<std::string> RenderTables(const GlobalOptions& options, OutputFormat format,
                                                 std::span<const ReportTable> tables);

// Checks a --output path before any work is done: empty, or ending in .xlsx, .csv or .json
// (any case). InvalidArgument naming the path and the accepted extensions otherwise.
[[nodiscard]] Status CheckOutputPath(std::string_view path);

// RenderTables() written to stdout; or, with --output, `tables` written to that file (a
// workbook with one sheet per table, CSV tables separated by a blank line, or JSON as
// RenderTables gives it, whatever `format` says) and one line on stdout naming the file.
[[nodiscard]] Status PrintTables(const GlobalOptions& options, OutputFormat format,
                                 std::span<const ReportTable> tables);

}  // namespace jz::cli

#endif  // JZ_CLI_ROW_PRINTER_H_
