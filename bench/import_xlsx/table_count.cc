// table_count: reads a table file (CSV, .xlsx, .xls) through jz::OpenTable and prints its
// rows, cells and cell bytes, so that every cell's text is produced and looked at (the
// work cannot be optimised away). The xlsx import benchmark (scripts/bench-xlsx) times it
// with /usr/bin/time beside openpyxl reading the same file.
//
// It also times its two phases, which is where a slow read is looked for first:
//   open  the package, workbook, styles and the whole shared-strings part (into one arena);
//   rows  the worksheet streamed through expat, row by row.
//
// Usage: table_count FILE
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "io/table_reader.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: table_count FILE\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  jz::StatusOr<std::unique_ptr<jz::TableReader>> table = jz::OpenTable(argv[1]);
  if (!table.ok()) {
    std::fprintf(stderr, "table_count: %s\n", table.status().ToString().c_str());
    return 1;
  }
  const double open_seconds = Since(start);
  const auto rows_start = std::chrono::steady_clock::now();
  std::vector<std::string_view> cells;
  int64_t rows = 0;
  int64_t non_empty = 0;
  uint64_t bytes = 0;
  while (true) {
    jz::StatusOr<bool> more = (*table)->Next(cells);
    if (!more.ok()) {
      std::fprintf(stderr, "table_count: %s\n", more.status().ToString().c_str());
      return 1;
    }
    if (!*more) break;
    ++rows;
    for (std::string_view cell : cells) {
      non_empty += cell.empty() ? 0 : 1;
      bytes += cell.size();
    }
  }
  fmt::print("{} ({}): {} rows, {} cells, {} bytes of cell text; open {:.2f} s, rows {:.2f} s\n", argv[1],
             jz::TableFormatName((*table)->format()), rows, non_empty, bytes, open_seconds,
             Since(rows_start));
  return 0;
}
