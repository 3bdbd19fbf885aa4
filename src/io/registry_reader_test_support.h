// What the registry reader's tests share: CSV text from lines, valid ID numbers, reading a
// whole file, and the persons read grouped by their village name triple (the comparison the
// issue asks for: persons per village, not totals).
#ifndef JZ_IO_REGISTRY_READER_TEST_SUPPORT_H_
#define JZ_IO_REGISTRY_READER_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/registry_reader.h"

namespace jz::registry_reader_testing {

inline std::string Csv(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// A valid ID number of 长岭县 (220722) born on the given day; odd `sequence` for a man.
inline std::string Id(uint32_t sequence, int year, int month, int day) {
  return IdNumber::FromParts(220722, *Date::FromYmd(year, month, day), sequence)->ToString();
}

struct ReadResult {
  std::unique_ptr<RegistryReader> reader;
  std::vector<RegistryRow> rows;
  std::vector<RowProblem> problems;
  Status status;  // of the read that ended the file (OK at its end)

  std::string Describe() const {
    std::string text = std::to_string(problems.size()) + " problem(s)";
    for (const RowProblem& p : problems) {
      text += "\n  line " + std::to_string(p.line) + " " + std::string(p.rule_id) + " [" + p.column + "] " +
              p.value + ": " + p.reason;
    }
    return text;
  }
};

inline ReadResult ReadAll(std::unique_ptr<RegistryReader> reader) {
  ReadResult result;
  RegistryRow row;
  while (true) {
    StatusOr<bool> more = reader->Next(row, result.problems);
    if (!more.ok()) {
      result.status = more.status();
      break;
    }
    if (!*more) break;
    result.rows.push_back(row);
  }
  result.reader = std::move(reader);
  return result;
}

// "县/乡/村" -> the names of the persons read there, in file order.
inline std::map<std::string, std::vector<std::string>> PersonsByVillage(
    const std::vector<RegistryRow>& rows) {
  std::map<std::string, std::vector<std::string>> by_village;
  for (const RegistryRow& row : rows) {
    by_village[row.place.county + "/" + row.place.township + "/" + row.place.village].push_back(
        row.person.name);
  }
  return by_village;
}

}  // namespace jz::registry_reader_testing

#endif  // JZ_IO_REGISTRY_READER_TEST_SUPPORT_H_
