// What a re-import changes in a stored household: members added and removed (by name and
// masked ID number), and each household, member and year field whose value changed, with
// the old and the new value as a user reads them (labels, yuan, dates; ID numbers masked).
// The importer lists these in the change report so that an update is never silent.
#ifndef JZ_APP_REGISTRY_HOUSEHOLD_DIFF_H_
#define JZ_APP_REGISTRY_HOUSEHOLD_DIFF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"

namespace jz {

enum class ChangeKind : uint8_t {
  kMemberAdded,
  kMemberRemoved,
  kHouseholdField,  // a field of the household itself (户类型, 致贫原因, 行政区划代码 ...)
  kMemberField,     // a field of a member present before and after
  kYearField,       // a field of a data year present before and after (incomes, indicators)
  kYearAdded,
  kYearRemoved,
};

// "新增成员" / "member added", ...
std::string_view ChangeKindLabel(ChangeKind kind, bool english = false);

struct HouseholdChange {
  std::string household_no;
  ChangeKind kind = ChangeKind::kHouseholdField;
  std::string member;  // "金成浩 222424********0011" for member changes; empty otherwise
  int data_year = 0;   // for year changes; 0 otherwise
  std::string field;   // the column's header in the export layout (zh-Hans); empty for kMember*/kYear*
  std::string old_value;
  std::string new_value;

  friend bool operator==(const HouseholdChange&, const HouseholdChange&) = default;
};

// Every difference between `before` and `after` (the same household_no), in a stable order:
// household fields, members removed, members added, member fields (members in `after`'s
// order, keyed by ID number), then years (keyed by data year). Empty when they are equal
// apart from the order of members. Member order alone is not a change.
std::vector<HouseholdChange> DiffHouseholds(const Household& before, const Household& after);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_HOUSEHOLD_DIFF_H_
