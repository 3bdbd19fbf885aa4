// Leads from screening warnings (cases.h): one lead per warned household, idempotent per
// period, and the rules of a policy whose warnings are leads.
#include "app/cases/cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "app/cases/internal/case_guards.h"

namespace jz {

using cases_internal::OfHousehold;

std::set<std::string> LeadRulesOf(const Policy& policy) {
  std::set<std::string> ids;
  for (const Rule& rule : policy.rules) {
    if (rule.kind != RuleKind::kExclusion) ids.insert(rule.id);
  }
  return ids;
}

StatusOr<LeadsFromWarnings> OpenCasesFromWarnings(Store& store, RegionCode scope, std::string_view period,
                                                  Date lead_date, const std::string& actor,
                                                  const std::set<std::string>* lead_rules) {
  ASSIGN_OR_RETURN(std::vector<PeriodWarning> warnings, store.cases().ListWarningsOfPeriod(scope, period));
  std::map<std::string, std::vector<const PeriodWarning*>> by_household;
  std::set<std::string> warned;
  for (const PeriodWarning& w : warnings) {
    warned.insert(w.household_no);
    // Without a policy the stored kind decides; a warning stored before kinds were recorded
    // (unknown) stays a possible lead, as every warning was then.
    const bool lead =
        lead_rules != nullptr ? lead_rules->contains(w.rule_id) : w.kind != WarningKind::kExclusion;
    if (lead) by_household[w.household_no].push_back(&w);
  }
  LeadsFromWarnings result;
  result.households_skipped = static_cast<int64_t>(warned.size() - by_household.size());
  CaseService service(store, actor);
  std::vector<int64_t>& opened = result.opened;
  for (const auto& [household_no, list] : by_household) {
    ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(OfHousehold(household_no)));
    std::set<int64_t> ids;
    std::set<std::string> rules;
    for (const PeriodWarning* w : list) {
      ids.insert(w->id);
      rules.insert(w->rule_id);
    }
    const bool covered = std::any_of(cases.begin(), cases.end(), [&](const MonitoringCase& c) {
      return IsOpen(c.state) || (c.warning_id && ids.contains(*c.warning_id));
    });
    if (covered) continue;
    std::string evidence = fmt::format("部门筛查预警 {}：", period);
    for (const std::string& r : rules) evidence += r + (r == *rules.rbegin() ? "" : ", ");
    ASSIGN_OR_RETURN(int64_t id,
                     service.Open({household_no, CaseSource::kScreening, lead_date, evidence, list[0]->id}));
    opened.push_back(id);
  }
  return result;
}

}  // namespace jz
