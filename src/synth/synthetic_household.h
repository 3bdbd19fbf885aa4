// What the generator makes for one household: the registry record plus the export-only
// facts the record does not hold (per-person identification dates) and the deliberate
// corruption of an ID cell, which no valid record can carry.
#ifndef JZ_SYNTH_SYNTHETIC_HOUSEHOLD_H_
#define JZ_SYNTH_SYNTHETIC_HOUSEHOLD_H_

#include <optional>
#include <string>
#include <vector>

#include "core/registry.h"

namespace jz::gen {

// An ID cell written instead of a member's valid ID, to plant problems that IdNumber
// cannot represent (a bad check character, a wrong length).
struct ExportOverrides {
  int person_index = -1;  // whose ID cell is replaced, or -1
  std::string id_text;    // replacement ID cell
};

struct SyntheticHousehold {
  Household household;
  std::vector<Date> person_identified;  // 人员识别时间, one per member
  ExportOverrides overrides;
};

}  // namespace jz::gen

#endif  // JZ_SYNTH_SYNTHETIC_HOUSEHOLD_H_
