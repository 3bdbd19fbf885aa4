// The plan of a fast registry load (engine/registry_fast_path.h): which fields the snapshot
// needs, what each is (Kind), which file columns hold them, and the spans of household cells
// that a later member's row may skip. Made once from the policy's needs and the file's
// header, then shared read-only by every thread. Internal to src/engine.
#ifndef JZ_ENGINE_INTERNAL_REGISTRY_FAST_PLAN_H_
#define JZ_ENGINE_INTERNAL_REGISTRY_FAST_PLAN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "engine/snapshot.h"
#include "io/registry_layout.h"

// The fast path's own names live one namespace below `internal`, so that its short type
// names (Plan, Kind, Part) cannot collide with another module's internal helpers.
namespace jz::internal::registry_fast {

// What a needed field is, resolved once from its name so rows need no string compares.
enum class Kind : uint8_t {
  kAge,
  kBirthDate,
  kSex,
  kRelationship,
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
  kSize,
  kType,
  kAttribute,
  kMainCause,
  kMonitoringType,
  kNetIncome,
  kNetIncomePerCapita,
  kDataYear,
  kWage,
  kBusiness,
  kProperty,
  kTransfer,
  kExpense,
  kNoColumn,  // a 两不愁三保障 indicator: no export column carries it, so always unknown
  kSafeDrinkingWater,
  kHousingGrade,
};

// A needed column of the file and, for a household cell, the span it lies in (or -1).
struct NeededCell {
  RegistryColumn column;
  uint32_t index;  // file column
  int span = -1;
};

// File columns [first, last] holding household cells and only household-level columns
// between them (the export repeats these on every member's row; see RangeParser::Row).
struct HouseholdSpan {
  uint32_t first = 0, last = 0;
};

// At most this many spans (a bit mask each); a header scattering household cells among
// more person columns than this gets the rest parsed on every row.
constexpr size_t kMaxHouseholdSpans = 8;

// What the whole load shares.
struct Plan {
  std::string path;
  Date as_of;
  int data_year = 0;
  bool has_year = false;
  std::vector<size_t> person_fields, household_fields;  // indices into Fields()
  std::vector<Kind> person_kinds, household_kinds;
  std::vector<ColumnWidth> person_width, household_width;  // FieldWidth of each
  // Household fields that depend on the whole household (size, 人均纯收入): not parsed, but
  // computed by Assemble for the kept households only.
  std::vector<uint8_t> household_computed;
  int net_income = -1;            // index into household_fields of net_income, or -1
  bool store_net = false;         // 人均纯收入 is needed and net_income is not: parts keep the net
  std::vector<int> column_index;  // per RegistryColumn: file column when needed and present, else -1
  std::vector<bool> needed;       // per RegistryColumn
  std::vector<NeededCell> cells;  // the needed columns present, in file order
  std::vector<HouseholdSpan> household_spans;
  size_t header_fields = 0;
  size_t fields_kept = 0;  // 1 + the last file column needed: the rest is only counted
  std::string header;
};

// Builds the plan; nullopt when the fast path cannot serve these needs or this header.
std::optional<Plan> MakePlan(const std::string& path, const SnapshotNeeds& needs, Date as_of, int data_year,
                             const std::string& header);

}  // namespace jz::internal::registry_fast

#endif  // JZ_ENGINE_INTERNAL_REGISTRY_FAST_PLAN_H_
