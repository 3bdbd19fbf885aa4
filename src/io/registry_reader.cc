// Cell parsing of the registry export, column by column. Empty cells of optional columns
// stay empty; the validator decides whether a field was mandatory for that person.
#include "io/registry_reader.h"

#include <fmt/format.h>

#include <cctype>

#include "core/internal/text.h"

namespace jz {
namespace {

using C = RegistryColumn;
using internal::TrimAsciiWhitespace;

constexpr RegistryColumn kRequired[] = {C::kHouseholdNo, C::kIdNumber, C::kName, C::kRelationship,
                                        C::kRegionCode};

std::string Reason(std::string_view zh, std::string_view en) { return Bilingual(zh, en); }

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
  CsvOptions csv_options;
  if (options.encoding) {
    csv_options.encoding = *options.encoding;
    csv_options.detect_encoding = false;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> csv, CsvReader::Open(path, csv_options));
  std::unique_ptr<RegistryReader> reader(new RegistryReader(std::move(csv), options));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

StatusOr<std::unique_ptr<RegistryReader>> RegistryReader::FromString(std::string data, std::string name,
                                                                     const RegistryReaderOptions& options) {
  CsvOptions csv_options;
  if (options.encoding) {
    csv_options.encoding = *options.encoding;
    csv_options.detect_encoding = false;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> csv,
                   CsvReader::FromString(std::move(data), std::move(name), csv_options));
  std::unique_ptr<RegistryReader> reader(new RegistryReader(std::move(csv), options));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

Status RegistryReader::ReadHeader() {
  ASSIGN_OR_RETURN(bool has_header, csv_->Next(fields_));
  if (!has_header) {
    return InvalidArgumentError(
        Bilingual("{}: 文件为空，没有表头", "{}: the file is empty (no header row)", name()));
  }
  std::vector<bool> seen(RegistryColumns().size(), false);
  for (std::string_view header : fields_) {
    headers_.emplace_back(TrimAsciiWhitespace(header));
    std::optional<RegistryColumn> column = FindRegistryColumn(header);
    if (column && seen[static_cast<size_t>(*column)]) {
      return InvalidArgumentError(Bilingual(
          "{}: 表头中列“{}”重复", "{}: column \"{}\" appears twice in the header", name(), headers_.back()));
    }
    if (column) seen[static_cast<size_t>(*column)] = true;
    if (column == C::kHouseholdNo) household_no_index_ = columns_.size();
    if (!column) unknown_columns_.push_back(headers_.back());
    columns_.push_back(column);
  }
  std::string missing;
  for (RegistryColumn required : kRequired) {
    if (seen[static_cast<size_t>(required)]) continue;
    if (!missing.empty()) missing += "、";
    missing += RegistryColumnInfoOf(required).zh_header;
  }
  if (!missing.empty()) {
    return InvalidArgumentError(
        Bilingual("{}: 缺少必需的列：{}", "{}: required columns are missing: {}", name(), missing));
  }
  return OkStatus();
}

void RegistryReader::Problem(std::vector<RowProblem>& problems, RegistryColumn column, std::string_view value,
                             std::string_view rule_id, std::string reason) {
  std::string header;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == column) header = headers_[i];
  }
  std::string shown = column == C::kIdNumber ? MaskIdText(value) : std::string(value.substr(0, 200));
  problems.push_back(
      RowProblem{name(), row_line_, std::move(header), std::move(shown), rule_id, std::move(reason), {}, {}});
}

StatusOr<bool> RegistryReader::NextHouseholdNo(std::string_view& household_no) {
  ASSIGN_OR_RETURN(bool more, csv_->Next(fields_));
  if (!more) return false;
  household_no =
      household_no_index_ < fields_.size() ? TrimAsciiWhitespace(fields_[household_no_index_]) : "";
  return true;
}

StatusOr<bool> RegistryReader::Next(RegistryRow& row, std::vector<RowProblem>& problems) {
  ASSIGN_OR_RETURN(bool more, csv_->Next(fields_));
  if (!more) return false;
  ParseFields(fields_, csv_->line_number(), row, problems);
  return true;
}

void RegistryReader::ParseFields(std::span<const std::string_view> fields, int64_t line, RegistryRow& row,
                                 std::vector<RowProblem>& problems) {
  const size_t first_problem = problems.size();
  row = RegistryRow();
  row_has_birth_date_ = false;
  row_has_sex_ = false;
  row_line_ = line;
  row.line = line;
  row.year.data_year = options_.data_year;
  if (fields.size() != columns_.size()) {
    problems.push_back(RowProblem{
        name(),
        row.line,
        "",
        fmt::format("{}", fields.size()),
        "import.ragged",
        Reason(fmt::format("本行有 {} 列，表头有 {} 列", fields.size(), columns_.size()),
               fmt::format("the row has {} fields, the header {}", fields.size(), columns_.size())),
        {},
        {}});
  }
  const size_t n = std::min(fields.size(), columns_.size());
  for (size_t i = 0; i < n; ++i) {
    if (columns_[i]) ParseCell(*columns_[i], TrimAsciiWhitespace(fields[i]), row, problems);
  }
  FinishRow(row);
  for (RegistryColumn required : kRequired) {
    bool present = false;
    for (size_t i = 0; i < n; ++i)
      present |= columns_[i] == required && !TrimAsciiWhitespace(fields[i]).empty();
    if (!present) {
      Problem(problems, required, "", "import.required",
              Reason(fmt::format("必填列“{}”为空", RegistryColumnInfoOf(required).zh_header),
                     fmt::format("required column \"{}\" is empty", RegistryColumnInfoOf(required).en_name)));
    }
  }
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
