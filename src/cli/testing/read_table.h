// Test support: every row of a file a command wrote (CSV, .xlsx or .xls), the header first,
// read through io's OpenTable as our own importers read it. An unreadable file is a test
// failure and an empty result.
#ifndef JZ_CLI_TESTING_READ_TABLE_H_
#define JZ_CLI_TESTING_READ_TABLE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/table_reader.h"

namespace jz::cli_testing {

inline std::vector<std::vector<std::string>> ReadTable(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  StatusOr<std::unique_ptr<TableReader>> reader = OpenTable(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return rows;
  std::vector<std::string_view> cells;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(cells);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    rows.emplace_back(cells.begin(), cells.end());
  }
  if (rows.empty()) rows.emplace_back();  // callers index the header
  return rows;
}

}  // namespace jz::cli_testing

#endif  // JZ_CLI_TESTING_READ_TABLE_H_
