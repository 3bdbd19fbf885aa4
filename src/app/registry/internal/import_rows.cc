// Per-row checks of the import and the user-layout copy (internal/import_rows.h).
#include "app/registry/internal/import_rows.h"

#include <fmt/format.h>

#include "app/registry/validation/rule_catalogue.h"
#include "io/csv_annotate.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/table_reader.h"
#include "io/xlsx_writer.h"
#include "store/store.h"

namespace jz::internal {
namespace {

using validation::Rule;
using validation::SpecOf;

// The income components that may not be negative (DOMAIN.md §2.2). 工资性收入, 财产性收入 and
// 转移性收入 are amounts received, and 生产经营性支出 an amount spent: below zero each is a
// typing error (a minus sign, a column shifted) that would lower 人均纯收入 and could push a
// household under the monitoring line. 生产经营性收入 is absent on purpose: it is the family
// operation's net result (farming, herding, a shop, in-kind produce valued at price), and a
// year of hail, drought or falling prices makes it a real loss that the registry must keep.
struct IncomeComponent {
  RegistryColumn column;
  Money HouseholdYear::*amount;
};
constexpr IncomeComponent kNonNegativeIncome[] = {
    {RegistryColumn::kWageIncome, &HouseholdYear::wage_income},
    {RegistryColumn::kPropertyIncome, &HouseholdYear::property_income},
    {RegistryColumn::kTransferIncome, &HouseholdYear::transfer_income},
    {RegistryColumn::kBusinessExpense, &HouseholdYear::business_expense},
};

// "县/乡/村" as the row wrote them, for the report's value cell.
std::string PlaceText(const PlaceNames& place) {
  std::string out;
  for (const std::string* name : {&place.county, &place.township, &place.village}) {
    if (name->empty()) continue;
    if (!out.empty()) out += '/';
    out += *name;
  }
  return out;
}

RowProblem PlaceProblem(const RegistryRow& row, const std::string& file, Rule rule, std::string value,
                        std::string reason) {
  const validation::RuleSpec& spec = SpecOf(rule);
  return RowProblem{file,
                    row.line,
                    std::string(RegistryColumnInfoOf(spec.column).zh_header),
                    std::move(value),
                    spec.id,
                    std::move(reason),
                    row.household.household_no,
                    row.person.person_no};
}

}  // namespace

void CheckIncomeSigns(const RegistryRow& row, const std::string& file, std::vector<RowProblem>& out) {
  for (const IncomeComponent& component : kNonNegativeIncome) {
    const Money amount = row.year.*component.amount;
    if (amount.fen() >= 0) continue;
    const RegistryColumnInfo& info = RegistryColumnInfoOf(component.column);
    out.push_back(RowProblem{
        file, row.line, std::string(info.zh_header), amount.ToString(), SpecOf(Rule::kNegativeIncome).id,
        Bilingual(
            "{0}为负数（{2} 元）；只有生产经营性收入可为负（经营亏损），其余收入与生产经营性支出应为 0 "
            "或正数",
            "{1} ({0}) is negative ({2} yuan); only business income (生产经营性收入) may be negative, a "
            "loss; the other income components and the business expense must be 0 or more",
            info.zh_header, info.en_name, amount.ToString()),
        row.household.household_no, row.person.person_no});
  }
}

void PlaceRow(RegistryRow& row, const RegionNameResolver* resolver, const std::string& file,
              std::vector<RowProblem>& out, PlaceMemo* memo) {
  RegionCode& village = row.household.village;
  if (village.value() != 0) {
    if (resolver == nullptr) return;
    PlaceMemo fresh;
    if (memo == nullptr || !memo->valid || memo->code != village || memo->place != row.place) {
      fresh.valid = true;
      fresh.code = village;
      fresh.place = row.place;
      // A code of the 2016 edition is stored as the unit it became; a code of no edition is
      // left as it is for the writer's region.unknown_village.
      StatusOr<RegionCode> current = resolver->Current(village);
      fresh.current = current.ok() ? *current : village;
      if (!row.place.empty()) {
        if (Status agrees = resolver->CheckAgrees(fresh.current, row.place); !agrees.ok()) {
          fresh.mismatch = std::string(agrees.message());
        }
      }
      if (memo != nullptr) *memo = fresh;
    }
    const PlaceMemo& checked = memo != nullptr ? *memo : fresh;
    village = checked.current;
    if (!checked.mismatch.empty()) {
      out.push_back(PlaceProblem(row, file, Rule::kRegionMismatch, village.ToString(), checked.mismatch));
    }
    return;
  }
  if (row.place.empty()) return;  // no place at all: the reader reports the missing cells
  if (resolver == nullptr) {
    out.push_back(PlaceProblem(row, file, Rule::kRegionName, PlaceText(row.place),
                               Bilingual("无法确定按名称查找区划的省份（数据库中有多个省份的区划）；"
                                         "请在文件中填写 12 位行政区划代码",
                                         "cannot tell which province to look the names up in (the "
                                         "database holds several); give the 12-digit region code")));
    return;
  }
  StatusOr<RegionCode> resolved = resolver->Resolve(row.place);
  if (!resolved.ok()) {
    out.push_back(
        PlaceProblem(row, file, Rule::kRegionName, PlaceText(row.place), resolved.status().message()));
    return;
  }
  village = *resolved;
}

StatusOr<const RegionNameResolver*> PrepareRegions(Store& store, const std::optional<RegionCode>& province,
                                                   const RegionNameResolver* given,
                                                   std::unique_ptr<RegionNameResolver>& owned) {
  if (given != nullptr) return given;
  if (province) {
    ASSIGN_OR_RETURN(owned, RegionNameResolver::Load(store, *province));
    return owned.get();
  }
  ASSIGN_OR_RETURN(RegistryCounts counts,
                   store.Counts(ReadScope::WholeDatabase()));  // regions are not scoped
  if (counts.regions == 0) {
    return FailedPreconditionError(Bilingual(
        "数据库中还没有区划代码，无法确定各户所在村；请先运行 jingzhun regions load <数据库> <区划目录>",
        "the database has no region codes yet, so no household can be placed in a village: "
        "run jingzhun regions load <database> <regions dir> first"));
  }
  return nullptr;
}

namespace {

std::string_view NoteFor(const LayoutNotes& notes, int64_t line) {
  if (line == notes.header_line) return "问题 | problems";
  auto it = notes.by_line.find(line);
  return it == notes.by_line.end() ? std::string_view() : std::string_view(it->second);
}

Status CopyCsv(const std::string& file, const std::optional<TextEncoding>& encoding, const LayoutNotes& notes,
               const std::string& out_path) {
  CsvOptions options;
  if (encoding) {
    options.encoding = *encoding;
    options.detect_encoding = false;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> in, CsvReader::Open(file, options));
  std::vector<std::string_view> fields;
  // The encoding and delimiter are known once the first record is read.
  ASSIGN_OR_RETURN(bool more, in->Next(fields));
  if (CanAnnotateCsv(in->encoding(), in->delimiter())) {
    const AnnotateCsvOptions annotate{
        .encoding = in->encoding(), .delimiter = in->delimiter(), .width = notes.header_width};
    in.reset();
    return AnnotateCsv(file, out_path, annotate, [&notes](int64_t line) { return NoteFor(notes, line); });
  }
  // A GB18030 file split at '|' cannot be split byte by byte: re-read and re-write it.
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out,
                   CsvWriter::Create(out_path, in->encoding(), in->delimiter(), FormulaGuard::kVerbatim));
  while (more) {
    for (std::string_view cell : fields) out->Field(cell);
    // Title and footer rows are shorter than the header: the note still goes in its column.
    for (size_t i = fields.size(); i < notes.header_width; ++i) out->EmptyField();
    out->Field(NoteFor(notes, in->line_number()));
    out->EndRow();
    ASSIGN_OR_RETURN(more, in->Next(fields));
  }
  return out->Close();
}

// A workbook's copy is a workbook: its first row (a title or the header) opens the sheet.
Status CopyTable(const std::string& file, const LayoutNotes& notes, const std::string& out_path) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> in, OpenTable(file));
  ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> out, XlsxWriter::Create(out_path));
  std::vector<std::string_view> cells;
  std::vector<std::string> row;
  bool started = false;
  while (true) {
    ASSIGN_OR_RETURN(bool more, in->Next(cells));
    if (!more) break;
    row.assign(cells.begin(), cells.end());
    if (row.size() < notes.header_width) row.resize(notes.header_width);  // the note's column
    row.emplace_back(NoteFor(notes, in->first_line()));
    if (!started) {
      out->StartSheet("问题", row);
      started = true;
    } else {
      out->TextRow(row);
    }
  }
  if (!started) out->StartSheet("问题", std::initializer_list<std::string_view>{"问题 | problems"});
  return out->Close();
}

}  // namespace

Status WriteLayoutCopy(const std::string& file, const std::optional<TextEncoding>& encoding,
                       const LayoutNotes& notes, const std::string& out_path) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> probe, OpenTable(file));
  if (probe->format() == TableFormat::kCsv) return CopyCsv(file, encoding, notes, out_path);
  return CopyTable(file, notes, out_path);
}

}  // namespace jz::internal
