// Registry loading: the needed columns, the slow path (the reference) and the choice of
// path. The fast path is in registry_fast_path.cc.
#include "engine/registry_loader.h"

#include <fmt/format.h>

#include <unordered_map>

#include "engine/registry_fast_path.h"
#include "rules/schema.h"

namespace jz {
namespace {

using C = RegistryColumn;

// The export columns a field is read from, besides 证件号码 (which birth date and sex
// default from) that every snapshot reads anyway.
std::vector<C> SourceColumns(const FieldDef& field) {
  const std::string_view name = field.name;
  if (field.scope == FieldScope::kPerson) {
    if (name == "age" || name == "birth_date") return {C::kBirthDate};
    if (name == "sex") return {C::kSex};
    if (name == "relationship") return {C::kRelationship};
    if (name == "education") return {C::kEducation};
    if (name == "school_status") return {C::kSchoolStatus};
    if (name == "health") return {C::kHealth};
    if (name == "labour_skill") return {C::kLabourSkill};
    if (name == "work_status") return {C::kWorkStatus};
    if (name == "work_months") return {C::kWorkMonths};
    if (name == "medical_insured") return {C::kMedicalInsured};
    if (name == "critical_illness_insured") return {C::kCriticalIllnessInsured};
    if (name == "receives_dibao") return {C::kReceivesDibao};
    if (name == "receives_tekun") return {C::kReceivesTekun};
    return {};
  }
  if (name == "type") return {C::kHouseholdType};
  if (name == "attribute") return {C::kHouseholdAttribute};
  if (name == "main_cause") return {C::kMainCause};
  if (name == "monitoring_type") return {C::kMonitoringType};
  if (name == "net_income" || name == "net_income_per_capita") {
    return {C::kWageIncome, C::kBusinessIncome, C::kPropertyIncome, C::kTransferIncome, C::kBusinessExpense};
  }
  if (name == "wage_income") return {C::kWageIncome};
  if (name == "business_income") return {C::kBusinessIncome};
  if (name == "property_income") return {C::kPropertyIncome};
  if (name == "transfer_income") return {C::kTransferIncome};
  if (name == "business_expense") return {C::kBusinessExpense};
  if (name == "safe_drinking_water") return {C::kSafeDrinkingWater};
  if (name == "housing_grade") return {C::kHousingGrade};
  return {};  // size, data_year and the guarantees the export does not carry
}

// Keeps the problems of `row_problems` that are in needed cells (or about the row's shape);
// returns whether there was one.
bool KeepNeededProblems(std::vector<RowProblem>& row_problems, const std::vector<bool>& needed,
                        std::vector<RowProblem>& problems) {
  bool any = false;
  for (RowProblem& p : row_problems) {
    if (!ProblemIsInNeededCell(p, needed)) continue;
    problems.push_back(std::move(p));
    any = true;
  }
  return any;
}

StatusOr<RegistryLoadResult> LoadSlow(const std::string& path, const SnapshotNeeds& needs, Date as_of,
                                      const RegistryLoadOptions& options, int data_year, Progress& progress) {
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryReader> reader,
                   RegistryReader::Open(path, RegistryReaderOptions{options.encoding, data_year}));
  if (reader->place_by_names()) {
    // Names become codes only through the loaded region tree, which is the database's: a file
    // screened directly must carry its codes.
    return InvalidArgumentError(
        Bilingual("{}：文件没有行政区划代码列，只有县、乡、村名称；直接筛查文件需要代码。请先导入"
                  "（jingzhun import DB 文件，名称按已加载的区划解析为代码），再筛查数据库",
                  "{}: the file has no 行政区划代码 (region code) column, only county, township and "
                  "village names; screening a file directly needs the codes. Import it first "
                  "(jingzhun import DB FILE resolves the names through the loaded regions), then "
                  "screen the database",
                  path));
  }
  progress.Start(fmt::format("读取登记数据 reading {}", path), reader->total_bytes());
  const std::vector<bool> needed = NeededRegistryColumns(needs);
  RegistryLoadResult result;
  result.data_year = data_year;
  std::vector<Household> households;
  std::vector<bool> rejected;
  std::unordered_map<std::string, size_t> index;
  RegistryRow row;
  std::vector<RowProblem> row_problems;
  while (true) {
    row_problems.clear();
    ASSIGN_OR_RETURN(bool more, reader->Next(row, row_problems));
    if (!more) break;
    ++result.rows;
    auto [it, fresh] = index.try_emplace(row.household.household_no, households.size());
    if (fresh) {
      row.household.years.push_back(row.year);
      households.push_back(std::move(row.household));
      rejected.push_back(false);
    }
    households[it->second].members.push_back(std::move(row.person));
    if (KeepNeededProblems(row_problems, needed, result.problems)) rejected[it->second] = true;
    if ((result.rows & 16383) == 0) progress.Update(reader->bytes_consumed());
  }
  SnapshotBuilder builder(needs, as_of);
  for (size_t h = 0; h < households.size(); ++h) {
    if (rejected[h]) {
      ++result.households_rejected;
    } else {
      builder.Add(households[h]);
    }
  }
  result.households = static_cast<int64_t>(households.size());
  result.snapshot = std::move(builder).Finish();
  progress.Finish();
  return result;
}

}  // namespace

bool ProblemIsInNeededCell(const RowProblem& problem, const std::vector<bool>& needed) {
  if (problem.rule_id == "import.ragged") return true;
  const std::optional<RegistryColumn> column = FindRegistryColumn(problem.column);
  return column.has_value() && needed[static_cast<size_t>(*column)];
}

std::vector<bool> NeededRegistryColumns(const SnapshotNeeds& needs) {
  std::vector<bool> needed(RegistryColumns().size(), false);
  for (C c : {C::kHouseholdNo, C::kPersonNo, C::kIdNumber, C::kRegionCode})
    needed[static_cast<size_t>(c)] = true;
  const std::span<const FieldDef> fields = Fields();
  for (size_t f = 0; f < fields.size(); ++f) {
    if (f >= needs.fields.size() || !needs.fields[f]) continue;
    for (C c : SourceColumns(fields[f])) needed[static_cast<size_t>(c)] = true;
  }
  return needed;
}

StatusOr<RegistryLoadResult> LoadRegistrySnapshot(const std::string& path, const SnapshotNeeds& needs,
                                                  Date as_of, const RegistryLoadOptions& options,
                                                  Progress& progress) {
  const int data_year = options.data_year != 0 ? options.data_year : as_of.year();
  if (!options.force_slow && options.encoding != TextEncoding::kGb18030) {
    ASSIGN_OR_RETURN(std::optional<RegistryLoadResult> fast,
                     LoadRegistryFast(path, needs, as_of, options, data_year, progress));
    if (fast) return std::move(*fast);
  }
  return LoadSlow(path, needs, as_of, options, data_year, progress);
}

}  // namespace jz
