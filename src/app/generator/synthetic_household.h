// What the generator makes for one household: the registry record plus the export-only
// facts the record does not hold (risk dates, per-person identification dates) and the
// deliberate corruptions of a planted problem that no valid record can carry.
#ifndef JZ_APP_GENERATOR_SYNTHETIC_HOUSEHOLD_H_
#define JZ_APP_GENERATOR_SYNTHETIC_HOUSEHOLD_H_

#include <optional>
#include <string>
#include <vector>

#include "core/registry.h"

namespace jz::gen {

// Cell values written instead of the record's own, to plant problems that valid types
// cannot represent (a bad check character, a wrong member count, broken arithmetic).
struct ExportOverrides {
  int person_index = -1;               // whose ID cell is replaced, or -1
  std::string id_text;                 // replacement ID cell
  std::optional<int> household_size;   // replacement 人数
  std::optional<Money> net_income_per_capita;  // replacement 人均纯收入
};

struct SyntheticHousehold {
  Household household;
  std::vector<Date> person_identified;  // 人员识别时间, one per member
  std::optional<Date> risk_identified;  // 风险识别时间
  std::optional<Date> risk_eliminated;  // 风险消除时间
  ExportOverrides overrides;
};

}  // namespace jz::gen

#endif  // JZ_APP_GENERATOR_SYNTHETIC_HOUSEHOLD_H_
