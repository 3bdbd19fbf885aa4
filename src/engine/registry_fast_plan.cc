// MakePlan of the fast registry load: resolves each needed field to its Kind, finds the
// needed columns in the file's header, and groups the household cells into spans of
// household-level columns, which RangeParser::Row skips on a later member's row when they
// repeat the household's first row. Runs once per load, before any row is read.
#include "engine/internal/registry_fast_plan.h"

#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include "core/limits.h"
#include "engine/registry_loader.h"
#include "rules/schema.h"

namespace jz::internal::registry_fast {
namespace {

using C = RegistryColumn;

// The Kind of field `f`; nullopt for a field the fast path cannot load.
std::optional<Kind> KindOf(const FieldDef& f) {
  static constexpr std::pair<std::string_view, Kind> kPerson[] = {
      {"age", Kind::kAge},
      {"birth_date", Kind::kBirthDate},
      {"sex", Kind::kSex},
      {"relationship", Kind::kRelationship},
      {"education", Kind::kEducation},
      {"school_status", Kind::kSchoolStatus},
      {"health", Kind::kHealth},
      {"labour_skill", Kind::kLabourSkill},
      {"work_status", Kind::kWorkStatus},
      {"work_months", Kind::kWorkMonths},
      {"medical_insured", Kind::kMedicalInsured},
      {"critical_illness_insured", Kind::kCriticalIllnessInsured},
      {"receives_dibao", Kind::kReceivesDibao},
      {"receives_tekun", Kind::kReceivesTekun}};
  static constexpr std::pair<std::string_view, Kind> kHousehold[] = {
      {"size", Kind::kSize},
      {"type", Kind::kType},
      {"attribute", Kind::kAttribute},
      {"main_cause", Kind::kMainCause},
      {"monitoring_type", Kind::kMonitoringType},
      {"net_income", Kind::kNetIncome},
      {"net_income_per_capita", Kind::kNetIncomePerCapita},
      {"data_year", Kind::kDataYear},
      {"wage_income", Kind::kWage},
      {"business_income", Kind::kBusiness},
      {"property_income", Kind::kProperty},
      {"transfer_income", Kind::kTransfer},
      {"business_expense", Kind::kExpense},
      {"food_secure", Kind::kNoColumn},
      {"clothing_secure", Kind::kNoColumn},
      {"compulsory_education_secured", Kind::kNoColumn},
      {"basic_medical_secured", Kind::kNoColumn},
      {"housing_secure", Kind::kNoColumn},
      {"safe_drinking_water", Kind::kSafeDrinkingWater},
      {"housing_grade", Kind::kHousingGrade}};
  if (f.scope == FieldScope::kPerson) {
    for (const auto& [name, kind] : kPerson)
      if (name == f.name) return kind;
  } else {
    for (const auto& [name, kind] : kHousehold)
      if (name == f.name) return kind;
  }
  return std::nullopt;
}

// The needed cells whose values the fast path takes from a household's first row only.
bool IsHouseholdCell(C column) {
  switch (column) {
    case C::kRegionCode:
    case C::kHouseholdType:
    case C::kHouseholdAttribute:
    case C::kMainCause:
    case C::kMonitoringType:
    case C::kHousingGrade:
    case C::kSafeDrinkingWater:
    case C::kWageIncome:
    case C::kBusinessIncome:
    case C::kPropertyIncome:
    case C::kTransferIncome:
    case C::kBusinessExpense:
      return true;
    default:
      return false;
  }
}

// Columns that describe the household, not the person: the export repeats them on each
// member's row, so a span of them reads the same on every row of a household.
bool IsHouseholdLevel(C column) {
  switch (column) {
    case C::kCountyName:
    case C::kTownshipName:
    case C::kVillageName:
    case C::kNaturalVillage:
    case C::kRegionCode:
    case C::kHouseholdNo:
    case C::kHouseholdSize:
    case C::kHouseholdType:
    case C::kHouseholdAttribute:
    case C::kMainCause:
    case C::kOtherCauses:
    case C::kDangerousHouse:
    case C::kHousingGrade:
    case C::kSafeDrinkingWater:
    case C::kWageIncome:
    case C::kBusinessIncome:
    case C::kPropertyIncome:
    case C::kTransferIncome:
    case C::kBusinessExpense:
    case C::kNetIncomePerCapita:
    case C::kHouseholdPhone:
    case C::kFirstIdentified:
    case C::kMonitoringType:
    case C::kRiskEliminated:
    case C::kRiskIdentified:
    case C::kRiskEliminatedDate:
    case C::kCadreName:
      return true;
    default:
      return false;
  }
}

bool NeedsIncome(const Plan& plan) {
  for (const Kind kind : plan.household_kinds) {
    switch (kind) {
      case Kind::kNetIncome:
      case Kind::kNetIncomePerCapita:
      case Kind::kWage:
      case Kind::kBusiness:
      case Kind::kProperty:
      case Kind::kTransfer:
      case Kind::kExpense:
        return true;
      default:
        break;
    }
  }
  return false;
}

bool HasAnyIncomeColumn(const std::vector<bool>& present) {
  for (const C column :
       {C::kWageIncome, C::kBusinessIncome, C::kPropertyIncome, C::kTransferIncome, C::kBusinessExpense}) {
    if (present[static_cast<size_t>(column)]) return true;
  }
  return false;
}

}  // namespace

std::optional<Plan> MakePlan(const std::string& path, const SnapshotNeeds& needs, Date as_of, int data_year,
                             const std::string& header) {
  Plan plan;
  plan.path = path;
  plan.as_of = as_of;
  plan.data_year = data_year;
  plan.has_year = data_year <= as_of.year();
  plan.header = header;
  const std::span<const FieldDef> fields = Fields();
  for (size_t f = 0; f < fields.size() && f < needs.fields.size(); ++f) {
    if (!needs.fields[f]) continue;
    const std::optional<Kind> kind = KindOf(fields[f]);
    if (!kind) return std::nullopt;
    if (fields[f].scope == FieldScope::kPerson) {
      plan.person_fields.push_back(f);
      plan.person_kinds.push_back(*kind);
      plan.person_width.push_back(FieldWidth(f));
    } else {
      plan.household_fields.push_back(f);
      plan.household_kinds.push_back(*kind);
      plan.household_width.push_back(FieldWidth(f));
      plan.household_computed.push_back(*kind == Kind::kSize || *kind == Kind::kNetIncomePerCapita);
      if (*kind == Kind::kNetIncome && FieldWidth(f) == ColumnWidth::kWide) {
        plan.net_income = static_cast<int>(plan.household_kinds.size()) - 1;
      }
    }
  }
  for (const Kind kind : plan.household_kinds) plan.store_net |= kind == Kind::kNetIncomePerCapita;
  plan.store_net &= plan.net_income < 0;
  plan.needed = NeededRegistryColumns(needs);
  plan.column_index.assign(RegistryColumns().size(), -1);
  std::string_view rest(header);
  std::vector<bool> household_level;  // per file column
  std::vector<bool> present(RegistryColumns().size(), false);
  for (int index = 0;; ++index) {
    const size_t comma = rest.find(',');
    const std::optional<RegistryColumn> column = FindRegistryColumn(rest.substr(0, comma));
    household_level.push_back(column && IsHouseholdLevel(*column));
    if (column) present[static_cast<size_t>(*column)] = true;
    if (column && plan.needed[static_cast<size_t>(*column)]) {
      plan.column_index[static_cast<size_t>(*column)] = index;
      plan.cells.push_back(NeededCell{*column, static_cast<uint32_t>(index)});
      plan.fields_kept = std::max(plan.fields_kept, static_cast<size_t>(index) + 1);
    }
    ++plan.header_fields;
    if (plan.header_fields > kMaxCsvFields) return std::nullopt;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  // Without any income component column, 人均纯收入 is the declared figure (or unknown): the
  // slow path's reader has that rule, and such files (a county's person-detail export) are
  // small enough for it.
  if (NeedsIncome(plan) && !HasAnyIncomeColumn(present)) return std::nullopt;
  // Without a code column the slow path explains why the file cannot be screened directly.
  if (plan.column_index[static_cast<size_t>(RegistryColumn::kRegionCode)] < 0) return std::nullopt;
  // Household cells, in file order, grouped into spans of household-level columns.
  std::sort(plan.cells.begin(), plan.cells.end(),
            [](const NeededCell& a, const NeededCell& b) { return a.index < b.index; });
  for (NeededCell& cell : plan.cells) {
    if (!IsHouseholdCell(cell.column)) continue;
    if (!plan.household_spans.empty()) {
      HouseholdSpan& span = plan.household_spans.back();
      bool joined = true;
      for (uint32_t k = span.last + 1; k < cell.index && joined; ++k) joined = household_level[k];
      if (joined) {
        span.last = cell.index;
        cell.span = static_cast<int>(plan.household_spans.size()) - 1;
        continue;
      }
    }
    if (plan.household_spans.size() == kMaxHouseholdSpans) continue;  // parsed on every row
    plan.household_spans.push_back(HouseholdSpan{cell.index, cell.index});
    cell.span = static_cast<int>(plan.household_spans.size()) - 1;
  }
  return plan;
}

}  // namespace jz::internal::registry_fast
