// Test support: the same table as CSV, .xlsx and .xls, so that an import can be checked to
// give the same result from each. The CSV text must be simple (no quotes); in the
// workbooks, cells of at most 15 digits become number cells (as Excel stores typed numbers),
// everything else text.
#ifndef JZ_TESTS_TESTUTIL_TABLE_FILES_H_
#define JZ_TESTS_TESTUTIL_TABLE_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include "tests/testutil/xls_builder.h"
#include "tests/testutil/xlsx_builder.h"

namespace jz::testing {

inline std::vector<std::vector<std::string>> SplitSimpleCsv(std::string_view csv) {
  std::vector<std::vector<std::string>> rows;
  while (!csv.empty()) {
    const size_t end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv = end == std::string_view::npos ? std::string_view() : csv.substr(end + 1);
    std::vector<std::string> cells;
    while (true) {
      const size_t comma = line.find(',');
      cells.emplace_back(line.substr(0, comma));
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

inline bool IsShortNumber(const std::string& cell) {
  if (cell.empty() || cell.size() > 15) return false;
  size_t dots = 0;
  for (char c : cell) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots <= 1 && cell.front() != '.' && cell.back() != '.' && (cell.size() == 1 || cell[0] != '0');
}

inline std::u16string Utf16(const std::string& utf8) {
  std::u16string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
    for (int k = 1; k < n; ++k)
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(n);
    if (c >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(c);
    }
  }
  return out;
}

inline void WriteCsvAsXlsx(const std::string& path, std::string_view csv) {
  std::vector<std::vector<XlsxTestCell>> rows;
  for (const auto& cells : SplitSimpleCsv(csv)) {
    rows.emplace_back();
    for (const std::string& cell : cells) {
      rows.back().push_back(cell.empty() ? Empty() : IsShortNumber(cell) ? Number(cell) : Text(cell));
    }
  }
  WriteXlsx(path, rows);
}

inline void WriteCsvAsXls(const std::string& path, std::string_view csv) {
  std::vector<std::vector<XlsTestCell>> rows;
  for (const auto& cells : SplitSimpleCsv(csv)) {
    rows.emplace_back();
    for (const std::string& cell : cells) {
      rows.back().push_back(cell.empty()          ? XlsEmpty()
                            : IsShortNumber(cell) ? XlsNumber(std::stod(cell))
                                                  : XlsText(Utf16(cell)));
    }
  }
  WriteXls(path, rows);
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_TABLE_FILES_H_
