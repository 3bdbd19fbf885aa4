// The data-quality checks (逻辑校验) that the national system and the provinces ran on the
// 建档立卡 registry (DOMAIN.md §1.4) and that counties run on the monitoring exports
// (§3.8), as pure functions over one household: no I/O, no store, no shared state.
// `jingzhun validate` and the importer call ValidateHousehold() once per household and
// collect the findings; ValidationRules() lists every rule for help pages and reports.
//
//   std::vector<Finding> findings;
//   const ValidationContext context{*Date::FromYmd(2024, 12, 31)};
//   for (const Household& h : households) ValidateHousehold(h, context, findings);
//
// Rule ids, wordings and columns come from the public catalogue (rule_catalogue.h), shared
// with the test-data generator (synth/problem_planter.cc), which plants one problem of a
// given rule into a clean household so that exactly that rule fires. Problems that a record
// cannot even hold (a bad ID check character, an unknown village) are the importer's
// findings, listed in the catalogue too but not reported here.
#ifndef JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_H_
#define JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/registry/validation/rule_catalogue.h"
#include "core/date.h"
#include "core/registry.h"

namespace jz {

// One problem found in one household.
struct Finding {
  std::string_view rule_id;  // e.g. "cause.illness_all_healthy"; static storage
  Severity severity = Severity::kError;
  std::string household_no;
  std::string person_no;   // empty for household-level findings
  std::string_view field;  // zh header of the column concerned (io/registry_layout.h)
  std::string value;       // the offending value as text, "" when the cell is empty;
                           // an ID number only ever in its masked form
  std::string message;     // Bilingual(zh-Hans, English), naming household, person, field
};

struct ValidationContext {
  // Ages are taken on this date (e.g. 31 December of the data year), and income rules
  // check the latest HouseholdYear whose data_year is not after this date's year.
  Date reference_date;
};

// The description of one rule. All views have static storage.
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view zh;     // what is wrong, zh-Hans
  std::string_view en;     // what is wrong, English
  RuleScope scope;         // kPerson: every finding names a member (person_no non-empty)
  std::string_view field;  // the zh header every finding of the rule carries
};

// Returns every rule, in a stable order (grouped by family). Thread-safe.
std::span<const RuleInfo> ValidationRules();

// Appends every finding for `household` to `out`, in a stable order: first those of the
// rules that look across the household (composition, causes and benefits, income, housing,
// cadre), then each member's own, in member order. Appends nothing for a clean household,
// and then allocates nothing. Ages are whole years on
// context.reference_date from the ID number's birth date (as DOMAIN §3.8 rule 5_17_002
// does), so a wrong 出生日期 is reported once (id.birth_mismatch) and does not spill over
// into the age-based rules.
// Thread-safe: reads only its arguments; concurrent calls must use different `out`.
void ValidateHousehold(const Household& household, const ValidationContext& context,
                       std::vector<Finding>& out);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_H_
