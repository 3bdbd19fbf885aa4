// Reads a registry export (one row per person, io/registry_layout.h columns under their
// Chinese or English headers or the aliases counties use) from a CSV, .xlsx or .xls table
// (io/table_reader.h) into typed records, one row at a time. The header is found below
// title rows, the layout recognised (io/registry_header.h), footer rows skipped with a note. Cells that
// cannot be stored as valid values (a malformed date, an unknown label, an ID number with a bad check
// character) become RowProblems naming the file, line, column and value; checks that span fields or rows
// belong to the validator, not here.
#ifndef JZ_IO_REGISTRY_READER_H_
#define JZ_IO_REGISTRY_READER_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/registry.h"
#include "core/status.h"
#include "io/registry_header.h"
#include "io/registry_layout.h"
#include "io/table_reader.h"

namespace jz {

// One reason a row cannot be imported.
struct RowProblem {
  std::string file;
  int64_t line = 0;          // the row's first line (CSV) or sheet row
  std::string column;        // header as written in the file
  std::string value;         // the cell (ID numbers masked)
  std::string_view rule_id;  // e.g. "id.check_character", "import.value"
  std::string reason;        // Bilingual(zh-Hans, English)
  std::string household_no;  // of the row, when its cell could be read
  std::string person_no;
  // The row's last line: past `line` when a quoted field of the row holds line breaks, so
  // the importer can show physical lines and records both. 0 when not known.
  int64_t last_line = 0;
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
  friend bool operator==(const PlaceNames&, const PlaceNames&) = default;
};

// One person row, parsed. `household` carries only the household's own fields (no
// members, one year); the importer assembles households from rows by household_no.
struct RegistryRow {
  int64_t line = 0;       // the row's first line (CSV) or sheet row
  int64_t last_line = 0;  // its last line: past `line` when a quoted field holds line breaks
  PlaceNames place;
  Household household;
  Person person;
  HouseholdYear year;
};

struct RegistryReaderOptions {
  std::optional<TextEncoding> encoding;  // nullopt: detect UTF-8 / GB18030
  int data_year = 0;                     // the year the income columns are for
};

// A footer row skipped by the reader (合计, 制表人, 填报日期 …, see IsFooterRow), for the
// importer to print: such rows are office paperwork, never persons.
struct RegistryReaderNote {
  std::string file;
  int64_t line = 0;
  std::string first_cell;         // the row's first non-empty cell (at most 100 bytes)
  bool followed_by_data = false;  // data rows came after it: a footer in the middle of the data
  // "{file} 第 {line} 行为表尾行“合计”，已跳过 | {file} line {line}: footer row ..."
  std::string Message() const;
};

class RegistryReader {
 public:
  // Opens `path` (CSV in UTF-8 or GB18030, .xlsx or .xls: io/table_reader.h) and reads its
  // header, which may sit on any of the first kHeaderSearchRows rows, after title rows, and
  // span two rows under merged group cells. Fails with NotFound for a missing file, and with
  // InvalidArgument for a file that is no table, an empty file, no header row, a duplicated
  // column, or missing required columns (户编号, 姓名, 证件号码, 与户主关系, and 行政区划代码 or
  // the three names 县, 乡, 村), naming them and the other headers that would do.
  static StatusOr<std::unique_ptr<RegistryReader>> Open(const std::string& path,
                                                        const RegistryReaderOptions& options);
  // The same, over bytes in memory (tests and fuzzing); `name`'s extension is the format's
  // hint where the bytes do not decide.
  static StatusOr<std::unique_ptr<RegistryReader>> FromString(std::string data, std::string name,
                                                              const RegistryReaderOptions& options);
  // The same, over an open table (tests: a table whose cells carry given provenance).
  static StatusOr<std::unique_ptr<RegistryReader>> FromTable(std::unique_ptr<TableReader> table,
                                                             const RegistryReaderOptions& options);

  // Reads the next data row into `row`. Returns false at the end. Footer rows are skipped and
  // noted (notes()). A row with bad cells is still returned (so its household can be rejected
  // whole) with its problems appended to `problems`, each naming the row's first line and its
  // last: a cell that is a quoted field across lines in a column that cannot hold a line break
  // (import.quote_span, with the lines where the quote opened and closed), an ID number whose
  // digits Excel lost (id.digits_lost), a name that is no name (person.name), and the cell
  // problems of ParseFields(). The return value's error is kept for a file that cannot be
  // read on (an unbalanced quote, an over-long field, bytes that are not the file's encoding).
  StatusOr<bool> Next(RegistryRow& row, std::vector<RowProblem>& problems);

  // Parses `fields` as the data row on line `line`: what Next() does with each record it
  // reads, for loaders that split the file's records themselves (engine/registry_loader.h
  // re-reads the rows its fast path finds a problem in, so that the problems are the same).
  // It knows nothing of the cells' provenance (quoted line breaks, lost digits): those checks
  // are Next()'s. REQUIRES: the fields are UTF-8.
  void ParseFields(std::span<const std::string_view> fields, int64_t line, RegistryRow& row,
                   std::vector<RowProblem>& problems);

  // Reads the next data row but only its 户编号 cell (trimmed; empty when absent): the cheap
  // first pass of the importer, which counts the rows of each household. Footer rows are
  // skipped (and noted) as by Next(). Returns false at the end; errors as Next().
  StatusOr<bool> NextHouseholdNo(std::string_view& household_no);

  // Headers that are not registry columns; they are ignored, and reported to the user.
  const std::vector<std::string>& unknown_columns() const { return unknown_columns_; }
  // The header's cells (a two-row header counted once): where a copy of the file adds a column.
  size_t header_width() const { return headers_.size(); }
  // The layout the header was recognised as, and its name (Bilingual).
  RegistryLayoutKind layout() const { return layout_; }
  std::string_view layout_name() const { return RegistryLayoutName(layout_); }
  // Whether rows give their place as names only (no 行政区划代码 column).
  bool place_by_names() const { return place_by_names_; }
  // The lines (CSV) or sheet rows of the header: equal unless it spans two rows.
  int64_t header_line() const { return header_line_; }
  int64_t header_last_line() const { return header_last_line_; }
  // The footer rows skipped so far.
  const std::vector<RegistryReaderNote>& notes() const { return notes_; }
  TableFormat format() const { return table_->format(); }
  const std::string& name() const { return table_->name(); }
  int64_t bytes_consumed() const { return table_->bytes_consumed(); }
  int64_t total_bytes() const { return table_->total_bytes(); }

 private:
  RegistryReader(std::unique_ptr<TableReader> table, const RegistryReaderOptions& options)
      : table_(std::move(table)), options_(options) {}
  Status ReadHeader();
  Status UseHeader(const std::vector<std::string>& header);
  StatusOr<bool> NextRawRow();
  StatusOr<bool> NextDataRow();
  CellInfo InfoOf(size_t i) const;
  void ParseRow(std::span<const std::string_view> fields, bool with_sources, RegistryRow& row,
                std::vector<RowProblem>& problems);
  // registry_row_checks.cc: what the cells' provenance and the name say.
  bool CheckSource(size_t i, RegistryColumn column, std::string_view cell, std::vector<RowProblem>& problems);
  void CheckName(std::string_view name, std::vector<RowProblem>& problems);
  void ParseCell(RegistryColumn column, std::string_view cell, RegistryRow& row,
                 std::vector<RowProblem>& problems);
  void Problem(std::vector<RowProblem>& problems, RegistryColumn column, std::string_view value,
               std::string_view rule_id, std::string reason);
  // Marks the row's income components unknown when the file has none of the five columns.
  void FinishRow(RegistryRow& row);

  std::unique_ptr<TableReader> table_;
  RegistryReaderOptions options_;
  RegistryLayoutKind layout_ = RegistryLayoutKind::kJingzhun;
  bool place_by_names_ = false;
  std::vector<RegistryColumn> row_required_;            // cells every data row must fill
  std::vector<std::optional<RegistryColumn>> columns_;  // per file column
  size_t household_no_index_ = 0;                       // file column of 户编号
  std::vector<std::string> headers_;
  std::vector<std::string> unknown_columns_;
  int64_t header_line_ = 0;
  int64_t header_last_line_ = 0;
  // The first rows, read to find the header; those after it are served before the table's.
  // Invariant: head_cells_, head_infos_ and head_lines_ have one entry per row read.
  std::vector<std::vector<std::string>> head_cells_;
  std::vector<std::vector<CellInfo>> head_infos_;
  std::vector<std::pair<int64_t, int64_t>> head_lines_;
  size_t next_head_row_ = 0;
  bool serving_head_row_ = false;  // fields_ are head_cells_[head_row_] (InfoOf reads head_infos_)
  size_t head_row_ = 0;
  std::vector<RegistryReaderNote> notes_;
  size_t notes_before_data_ = 0;  // notes_[notes_before_data_..] have no data row after them yet
  std::vector<std::string_view> fields_;
  bool row_name_multiline_ = false;  // the 姓名 cell is a quote across lines (no name check)
  bool row_has_birth_date_ = false;
  bool row_has_sex_ = false;
  std::optional<bool> income_components_present_;  // any component column; set by FinishRow
  int64_t row_line_ = 0;                           // the first line of the row being parsed, for Problem()
  int64_t row_last_line_ = 0;  // its last line (differs when a quoted field holds line breaks)
};

// The reason `name` (trimmed, non-empty) cannot be a person's name, Bilingual, or empty when
// it can: longer than kMaxPersonNameChars code points, a control character (a line break
// included), or a run of seven or more digits (an ID or phone number pasted into the name).
std::string PersonNameProblem(std::string_view name);

// `text` with the middle of every run of seven or more ASCII digits hidden: ID and phone
// numbers that a swallowed row or a pasted cell carried into another column.
std::string MaskDigitRuns(std::string_view text);

// The rule id of a malformed ID number: "id.length", "id.check_character" or "id.format".
std::string_view ClassifyIdProblem(std::string_view text);

// `text` with the middle of anything that looks like an ID number hidden.
std::string MaskIdText(std::string_view text);

}  // namespace jz

#endif  // JZ_IO_REGISTRY_READER_H_
