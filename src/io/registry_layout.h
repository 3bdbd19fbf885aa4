// The registry export layout: one row per person, household facts repeated on each
// member's row, columns named as the national system exports them (DOMAIN.md §1.3) with
// our snake_case English name beside each. The generator writes this layout and the
// importer reads it, so the two can never disagree about a column.
#ifndef JZ_IO_REGISTRY_LAYOUT_H_
#define JZ_IO_REGISTRY_LAYOUT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jz {

enum class RegistryColumn : uint8_t {
  kCountyName,
  kTownshipName,
  kVillageName,
  kNaturalVillage,
  kRegionCode,
  kHouseholdNo,
  kPersonNo,
  kName,
  kIdNumber,
  kSex,
  kBirthDate,
  kHouseholdSize,
  kRelationship,
  kEthnicity,
  kEducation,
  kSchoolStatus,
  kHealth,
  kLabourSkill,
  kWorkStatus,
  kWorkMonths,
  kMedicalInsured,
  kCriticalIllnessInsured,
  kReceivesDibao,
  kReceivesTekun,
  kHouseholdType,
  kHouseholdAttribute,
  kMainCause,
  kOtherCauses,
  kDangerousHouse,
  kHousingGrade,
  kSafeDrinkingWater,
  kWageIncome,
  kBusinessIncome,
  kPropertyIncome,
  kTransferIncome,
  kBusinessExpense,
  kNetIncomePerCapita,
  kHouseholdPhone,
  kPersonPhone,
  kFirstIdentified,
  kPersonIdentified,
  kMonitoringType,
  kRiskEliminated,
  kRiskIdentified,
  kRiskEliminatedDate,
  kCadreName,
};

struct RegistryColumnInfo {
  RegistryColumn column;
  std::string_view zh_header;  // as the national export names it
  std::string_view en_name;    // our snake_case name, also accepted as a header
};

// Every column in export order.
std::span<const RegistryColumnInfo> RegistryColumns();
const RegistryColumnInfo& RegistryColumnInfoOf(RegistryColumn column);
// The column whose zh-Hans header or English name is `header` (trimmed), or nullopt.
std::optional<RegistryColumn> FindRegistryColumn(std::string_view header);

// Separator of multi-valued cells (其他致贫原因), as the national export writes it.
inline constexpr std::string_view kMultiValueSeparator = "、";

}  // namespace jz

#endif  // JZ_IO_REGISTRY_LAYOUT_H_
