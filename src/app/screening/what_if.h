// Use case: what if a policy value changed? Re-evaluates every rule over an already loaded
// snapshot (engine/snapshot.h) under the policy with changed parameters, and reports per
// county and rule how many households would enter or leave it, with the list of those
// households. Only the evaluation is repeated: the registry and the feeds are read once.
#ifndef JZ_APP_SCREENING_WHAT_IF_H_
#define JZ_APP_SCREENING_WHAT_IF_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/rule_engine.h"
#include "engine/snapshot.h"
#include "rules/policy.h"

namespace jz {

struct WhatIfChange {
  uint32_t household = 0;  // snapshot household
  uint32_t rule = 0;       // index into Policy::rules
  bool enters = false;     // fires under the changed policy only (else: under the base only)
};

struct WhatIfResult {
  // Per (6-digit county, rule index): (households entering, households leaving).
  std::map<std::pair<uint32_t, uint32_t>, std::pair<int64_t, int64_t>> per_county;
  std::vector<int64_t> base_households_per_rule;
  std::vector<int64_t> changed_households_per_rule;
  std::vector<WhatIfChange> changes;  // by household, then rule
  int rules_reevaluated = 0;          // rules a changed value reaches; the others cannot change
  double base_seconds = 0;            // evaluating the base policy
  double rerun_seconds = 0;           // re-evaluating under the changed policy and comparing
};

// Evaluates `base` and `changed` over `snapshot` and compares them household by household.
// REQUIRES nothing of the two but that they have the same rules in the same order (the
// rule ids are checked: InvalidArgumentError otherwise); each must read only what the
// snapshot holds (FailedPrecondition otherwise, from the engine). When `decidable` is not
// empty, rule r is evaluated under neither policy unless decidable[r] (a feed it reads is
// missing: DecidableRules of registry_screening.h); it then counts 0 households and no change.
StatusOr<WhatIfResult> CompareWhatIf(const Snapshot& snapshot, const Policy& base, const Policy& changed,
                                     int threads = 0, const std::vector<bool>& decidable = {});

// Writes the changes: 县, 户编号, 规则, 规则名称, 变化 (进入 / 退出), with headers and labels
// in `lang`, as .xlsx when `path` ends in .xlsx and CSV otherwise.
[[nodiscard]] Status WriteWhatIfList(const std::string& path, const Snapshot& snapshot, const Policy& policy,
                                     const WhatIfResult& result, Lang lang = Lang::kZhHans);

}  // namespace jz

#endif  // JZ_APP_SCREENING_WHAT_IF_H_
