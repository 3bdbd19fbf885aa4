// Reads a registry export (one row per person, io/registry_layout.h columns under their
// Chinese or English headers) into typed records, one row at a time. Cells that cannot be
// stored as valid values (a malformed date, an unknown label, an ID number with a bad
// check character) become RowProblems naming the file, line, column and value; checks
// that span fields or rows belong to the validator, not here.
#ifndef JZ_IO_REGISTRY_READER_H_
#define JZ_IO_REGISTRY_READER_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/status.h"
#include "io/csv_reader.h"
#include "io/registry_layout.h"

namespace jz {

// One reason a row cannot be imported.
struct RowProblem {
  std::string file;
  int64_t line = 0;
  std::string column;        // header as written in the file
  std::string value;         // the cell (ID numbers masked)
  std::string_view rule_id;  // e.g. "id.check_character", "import.value"
  std::string reason;        // Bilingual(zh-Hans, English)
  std::string household_no;  // of the row, when its cell could be read
  std::string person_no;
};

// The place of a row as the file names it (县(市、区、旗), 乡(镇), 行政村 columns), trimmed;
// empty where the file has no such column. The importer resolves names to a code
// (app/registry/region_names.h) when the file has no 行政区划代码, and checks that they agree
// with it when it has both.
struct PlaceNames {
  std::string county;
  std::string township;
  std::string village;
  bool empty() const { return county.empty() && township.empty() && village.empty(); }
};

// One person row, parsed. `household` carries only the household's own fields (no
// members, one year); the importer assembles households from rows by household_no.
struct RegistryRow {
  int64_t line = 0;
  PlaceNames place;
  Household household;
  Person person;
  HouseholdYear year;
};

struct RegistryReaderOptions {
  std::optional<TextEncoding> encoding;  // nullopt: detect UTF-8 / GB18030
  int data_year = 0;                     // the year the income columns are for
};

class RegistryReader {
 public:
  // Opens `path` and reads its header. Fails with NotFound for a missing file, and with
  // InvalidArgument for an empty file, a duplicated column, or missing required columns
  // (户编号, 证件号码, 姓名, 与户主关系, 行政区划代码), naming them.
  static StatusOr<std::unique_ptr<RegistryReader>> Open(const std::string& path,
                                                        const RegistryReaderOptions& options);
  // The same, over bytes in memory (tests and fuzzing).
  static StatusOr<std::unique_ptr<RegistryReader>> FromString(std::string data, std::string name,
                                                              const RegistryReaderOptions& options);

  // Reads the next row into `row`. Returns false at the end. A row with bad cells is still
  // returned (so its household can be rejected whole) with its problems appended to
  // `problems`; the return value's error is kept for a file that cannot be read on (an
  // unbalanced quote, an over-long field, bytes that are not the file's encoding).
  StatusOr<bool> Next(RegistryRow& row, std::vector<RowProblem>& problems);

  // Parses `fields` as the data row on line `line`: what Next() does with each record it
  // reads, for loaders that split the file's records themselves (engine/registry_loader.h
  // re-reads the rows its fast path finds a problem in, so that the problems are the same).
  // REQUIRES: the fields are UTF-8.
  void ParseFields(std::span<const std::string_view> fields, int64_t line, RegistryRow& row,
                   std::vector<RowProblem>& problems);

  // Reads the next row but only its 户编号 cell (trimmed; empty when absent): the cheap
  // first pass of the importer, which counts the rows of each household. Returns false at
  // the end; errors as Next().
  StatusOr<bool> NextHouseholdNo(std::string_view& household_no);

  // Headers that are not registry columns; they are ignored, and reported to the user.
  const std::vector<std::string>& unknown_columns() const { return unknown_columns_; }
  const std::string& name() const { return csv_->name(); }
  int64_t bytes_consumed() const { return csv_->bytes_consumed(); }
  int64_t total_bytes() const { return csv_->total_bytes(); }

 private:
  RegistryReader(std::unique_ptr<CsvReader> csv, const RegistryReaderOptions& options)
      : csv_(std::move(csv)), options_(options) {}
  Status ReadHeader();
  void ParseCell(RegistryColumn column, std::string_view cell, RegistryRow& row,
                 std::vector<RowProblem>& problems);
  void Problem(std::vector<RowProblem>& problems, RegistryColumn column, std::string_view value,
               std::string_view rule_id, std::string reason);
  // Marks the row's income components unknown when the file has none of the five columns.
  void FinishRow(RegistryRow& row);

  std::unique_ptr<CsvReader> csv_;
  RegistryReaderOptions options_;
  std::vector<std::optional<RegistryColumn>> columns_;  // per file column
  size_t household_no_index_ = 0;                       // file column of 户编号
  std::vector<std::string> headers_;
  std::vector<std::string> unknown_columns_;
  std::vector<std::string_view> fields_;
  bool row_has_birth_date_ = false;
  bool row_has_sex_ = false;
  std::optional<bool> income_components_present_;  // any component column; set by FinishRow
  int64_t row_line_ = 0;                           // the line of the row being parsed, for Problem()
};

// The rule id of a malformed ID number: "id.length", "id.check_character" or "id.format".
std::string_view ClassifyIdProblem(std::string_view text);

// `text` with the middle of anything that looks like an ID number hidden.
std::string MaskIdText(std::string_view text);

}  // namespace jz

#endif  // JZ_IO_REGISTRY_READER_H_
