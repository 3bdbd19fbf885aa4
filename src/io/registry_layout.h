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

// Another header under which counties write a column: the national system's exports changed
// wording between versions (县(市、区) / 县(市、区、旗), 证件号码 / 公民身份号码), and offices
// shorten them in their own sheets (乡镇, 村, 身份证号, 户主关系).
struct RegistryHeaderAlias {
  RegistryColumn column;
  std::string_view header;
};
// Every alias, grouped by column. Each normalises (NormalizeRegistryHeader) to a different
// text, none to a column's zh_header or en_name.
std::span<const RegistryHeaderAlias> RegistryHeaderAliases();

// `header` as headers are compared: surrounding and inner spaces (ASCII, full-width, line
// breaks of a wrapped Excel header) removed, full-width brackets made ASCII, a leading
// required-field mark (* or ＊) and a trailing unit "(元)" dropped, ASCII letters lowercased.
std::string NormalizeRegistryHeader(std::string_view header);

// The column whose zh-Hans header, English name or alias is `header` (compared normalised),
// or nullopt.
std::optional<RegistryColumn> FindRegistryColumn(std::string_view header);

// Whether a cell of `column` may hold a line break. Only 自然村 (a free-text place such as a
// group and its hamlet) may; in any other column a quoted field across lines is a stray quote
// that swallowed the rows after it (import.quote_span).
bool RegistryColumnMayHoldLineBreak(RegistryColumn column);

// Separator of multi-valued cells (其他致贫原因), as the national export writes it.
inline constexpr std::string_view kMultiValueSeparator = "、";

}  // namespace jz

#endif  // JZ_IO_REGISTRY_LAYOUT_H_
