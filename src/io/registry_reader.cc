// RegistryReader: opening a table, finding its header and layout, skipping footer rows,
// and parsing a row (its cells: registry_cells.cc; its provenance and name:
// registry_row_checks.cc). Empty cells of optional columns stay empty; the validator decides
// whether a field was mandatory for that person.
#include "io/registry_reader.h"

#include <fmt/format.h>

#include <cctype>

#include "core/internal/text.h"

namespace jz {
namespace {

using C = RegistryColumn;
using internal::TrimAsciiWhitespace;

// The cells every data row must fill; the place besides, as a code or as three names.
constexpr RegistryColumn kRequired[] = {C::kHouseholdNo, C::kIdNumber, C::kName, C::kRelationship};
constexpr RegistryColumn kPlaceNames[] = {C::kCountyName, C::kTownshipName, C::kVillageName};

// A header row has at least this many registry headers: a title row ("XX县已脱贫人口名单") or a
// unit and date line has none, a data row none, and every header has the four required
// columns besides the place.
constexpr size_t kMinKnownHeaderCells = 2;

// How much of a footer row's first cell a note quotes.
constexpr size_t kNoteCellBytes = 100;

TableOptions TableOptionsOf(const RegistryReaderOptions& options) {
  TableOptions table;
  table.encoding = options.encoding;
  return table;
}

// `text` cut to at most `bytes` bytes, not inside a UTF-8 sequence.
std::string TruncateUtf8(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return std::string(text.substr(0, bytes));
}

}  // namespace

std::string_view ClassifyIdProblem(std::string_view text) {
  text = TrimAsciiWhitespace(text);
  if (text.size() != 18 && text.size() != 15) return "id.length";
  if (text.size() == 18) {
    const std::string_view first17 = text.substr(0, 17);
    const bool digits = first17.find_first_not_of("0123456789") == std::string_view::npos;
    const char last = static_cast<char>(text[17] == 'x' ? 'X' : text[17]);
    if (digits && (std::isdigit(static_cast<unsigned char>(last)) || last == 'X') &&
        IdNumber::CheckCharacter(first17) != last) {
      return "id.check_character";
    }
  }
  return "id.format";
}

std::string MaskIdText(std::string_view text) {
  text = TrimAsciiWhitespace(text);
  if (text.size() <= 10) return std::string(text.size(), '*');
  return fmt::format("{}{}{}", text.substr(0, 6), std::string(text.size() - 10, '*'),
                     text.substr(text.size() - 4));
}

StatusOr<std::unique_ptr<RegistryReader>> RegistryReader::Open(const std::string& path,
                                                               const RegistryReaderOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> table, OpenTable(path, TableOptionsOf(options)));
  return FromTable(std::move(table), options);
}

StatusOr<std::unique_ptr<RegistryReader>> RegistryReader::FromString(std::string data, std::string name,
                                                                     const RegistryReaderOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> table,
                   TableFromBytes(std::move(data), std::move(name), TableOptionsOf(options)));
  return FromTable(std::move(table), options);
}

StatusOr<std::unique_ptr<RegistryReader>> RegistryReader::FromTable(std::unique_ptr<TableReader> table,
                                                                    const RegistryReaderOptions& options) {
  std::unique_ptr<RegistryReader> reader(new RegistryReader(std::move(table), options));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

// Reads the first rows and finds the header among them; the rows after it are kept, to be
// returned first by NextRawRow().
Status RegistryReader::ReadHeader() {
  while (head_cells_.size() < kHeaderSearchRows) {
    ASSIGN_OR_RETURN(bool more, table_->Next(fields_));
    if (!more) break;
    head_cells_.emplace_back(fields_.begin(), fields_.end());
    std::vector<CellInfo>& infos = head_infos_.emplace_back();
    for (size_t i = 0; i < fields_.size(); ++i) infos.push_back(table_->cell_info(i));
    head_lines_.emplace_back(table_->first_line(), table_->last_line());
  }
  fields_.clear();
  if (head_cells_.empty()) {
    return InvalidArgumentError(
        Bilingual("{}: 文件为空，没有表头", "{}: the file is empty (no header row)", name()));
  }
  const std::optional<LocatedHeader> header = FindHeader(
      head_cells_, [](std::string_view cell) { return FindRegistryColumn(cell).has_value(); },
      kMinKnownHeaderCells);
  if (!header) {
    return InvalidArgumentError(Bilingual(
        "{}: 前 {} 行中没有表头（应有 户编号、姓名、证件号码、与户主关系 等列）",
        "{}: no header among the first {} rows (expected columns such as 户编号, 姓名, 证件号码, 与户主关系)",
        name(), head_cells_.size()));
  }
  header_line_ = head_lines_[header->first_row].first;
  header_last_line_ = head_lines_[header->first_row + header->row_count - 1].second;
  next_head_row_ = header->first_row + header->row_count;
  return UseHeader(header->cells);
}

Status RegistryReader::UseHeader(const std::vector<std::string>& header) {
  std::vector<bool> seen(RegistryColumns().size(), false);
  for (const std::string& cell : header) {
    headers_.emplace_back(TrimAsciiWhitespace(cell));
    std::optional<RegistryColumn> column = FindRegistryColumn(headers_.back());
    if (column && seen[static_cast<size_t>(*column)]) {
      return InvalidArgumentError(Bilingual(
          "{}: 表头中列“{}”重复", "{}: column \"{}\" appears twice in the header", name(), headers_.back()));
    }
    if (column) seen[static_cast<size_t>(*column)] = true;
    if (column == C::kHouseholdNo) household_no_index_ = columns_.size();
    if (!column && !headers_.back().empty()) unknown_columns_.push_back(headers_.back());
    columns_.push_back(column);
  }
  RETURN_IF_ERROR(CheckRequiredRegistryColumns(seen, name()));
  layout_ = RecognizeRegistryLayout(seen);
  place_by_names_ = PlaceByNames(seen);
  row_required_.assign(std::begin(kRequired), std::end(kRequired));
  if (place_by_names_) {
    row_required_.insert(row_required_.end(), std::begin(kPlaceNames), std::end(kPlaceNames));
  } else {
    row_required_.push_back(C::kRegionCode);
  }
  return OkStatus();
}

void RegistryReader::Problem(std::vector<RowProblem>& problems, RegistryColumn column, std::string_view value,
                             std::string_view rule_id, std::string reason) {
  std::string header;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == column) header = headers_[i];
  }
  std::string shown = column == C::kIdNumber ? MaskIdText(value) : MaskDigitRuns(value.substr(0, 200));
  problems.push_back(RowProblem{name(),
                                row_line_,
                                std::move(header),
                                std::move(shown),
                                rule_id,
                                std::move(reason),
                                {},
                                {},
                                row_last_line_});
}

// The next row of the file after the header: the kept head rows first, then the table's.
StatusOr<bool> RegistryReader::NextRawRow() {
  if (next_head_row_ < head_cells_.size()) {
    const size_t r = next_head_row_++;
    fields_.assign(head_cells_[r].begin(), head_cells_[r].end());
    serving_head_row_ = true;
    row_line_ = head_lines_[r].first;
    row_last_line_ = head_lines_[r].second;
    head_row_ = r;
    return true;
  }
  serving_head_row_ = false;
  ASSIGN_OR_RETURN(bool more, table_->Next(fields_));
  if (!more) return false;
  row_line_ = table_->first_line();
  row_last_line_ = table_->last_line();
  return true;
}

CellInfo RegistryReader::InfoOf(size_t i) const {
  if (!serving_head_row_) return table_->cell_info(i);
  const std::vector<CellInfo>& infos = head_infos_[head_row_];
  return i < infos.size() ? infos[i] : CellInfo{CellSource::kText, row_line_, row_line_, false};
}

// The next row that is data: footer rows are skipped with a note, and a data row after them
// marks them as in the middle of the data.
StatusOr<bool> RegistryReader::NextDataRow() {
  while (true) {
    ASSIGN_OR_RETURN(bool more, NextRawRow());
    if (!more) return false;
    if (!IsFooterRow(fields_)) {
      for (size_t n = notes_before_data_; n < notes_.size(); ++n) notes_[n].followed_by_data = true;
      notes_before_data_ = notes_.size();
      return true;
    }
    std::string_view first;
    for (std::string_view cell : fields_) {
      first = TrimAsciiWhitespace(cell);
      if (!first.empty()) break;
    }
    notes_.push_back(RegistryReaderNote{name(), row_line_, TruncateUtf8(first, kNoteCellBytes), false});
  }
}

StatusOr<bool> RegistryReader::NextHouseholdNo(std::string_view& household_no) {
  ASSIGN_OR_RETURN(bool more, NextDataRow());
  if (!more) return false;
  household_no =
      household_no_index_ < fields_.size() ? TrimAsciiWhitespace(fields_[household_no_index_]) : "";
  return true;
}

StatusOr<bool> RegistryReader::Next(RegistryRow& row, std::vector<RowProblem>& problems) {
  ASSIGN_OR_RETURN(bool more, NextDataRow());
  if (!more) return false;
  // A spreadsheet row ends at its last non-empty cell: pad it to the header's width, and drop
  // empty cells past it (cells formatted but never filled), so neither reads as ragged.
  if (table_->format() != TableFormat::kCsv) {
    if (fields_.size() < columns_.size()) fields_.resize(columns_.size());
    while (fields_.size() > columns_.size() && TrimAsciiWhitespace(fields_.back()).empty())
      fields_.pop_back();
  }
  ParseRow(fields_, true, row, problems);
  return true;
}

void RegistryReader::ParseFields(std::span<const std::string_view> fields, int64_t line, RegistryRow& row,
                                 std::vector<RowProblem>& problems) {
  row_line_ = line;
  row_last_line_ = line;
  ParseRow(fields, false, row, problems);
}

void RegistryReader::ParseRow(std::span<const std::string_view> fields, bool with_sources, RegistryRow& row,
                              std::vector<RowProblem>& problems) {
  const size_t first_problem = problems.size();
  row = RegistryRow();
  row_has_birth_date_ = false;
  row_has_sex_ = false;
  row_name_multiline_ = false;
  row.line = row_line_;
  row.last_line = row_last_line_;
  row.year.data_year = options_.data_year;
  if (fields.size() != columns_.size()) {
    problems.push_back(
        RowProblem{name(),
                   row.line,
                   "",
                   fmt::format("{}", fields.size()),
                   "import.ragged",
                   Bilingual("本行有 {} 列，表头有 {} 列", "the row has {} fields, the header {}",
                             fields.size(), columns_.size()),
                   {},
                   {},
                   row.last_line});
  }
  const size_t n = std::min(fields.size(), columns_.size());
  for (size_t i = 0; i < n; ++i) {
    if (!columns_[i]) continue;
    const std::string_view cell = TrimAsciiWhitespace(fields[i]);
    if (with_sources && !CheckSource(i, *columns_[i], cell, problems)) continue;
    ParseCell(*columns_[i], cell, row, problems);
  }
  for (RegistryColumn required : row_required_) {
    bool present = false;
    for (size_t i = 0; i < n; ++i)
      present |= columns_[i] == required && !TrimAsciiWhitespace(fields[i]).empty();
    if (!present) {
      Problem(problems, required, "", "import.required",
              Bilingual("必填列“{}”为空", "required column \"{}\" is empty",
                        RegistryColumnInfoOf(required).zh_header, RegistryColumnInfoOf(required).en_name));
    }
  }
  if (!row.person.name.empty() && !row_name_multiline_) CheckName(row.person.name, problems);
  for (size_t i = first_problem; i < problems.size(); ++i) {
    problems[i].household_no = row.household.household_no;
    problems[i].person_no = row.person.person_no;
  }
  // Sex and birth date default to what the ID number says when their cells are empty.
  if (row.person.id_number.Packed() != 0) {
    if (!row_has_birth_date_) row.person.birth_date = row.person.id_number.BirthDate();
    if (!row_has_sex_) row.person.sex = row.person.id_number.IsMale() ? Sex::kMale : Sex::kFemale;
  }
}

}  // namespace jz
