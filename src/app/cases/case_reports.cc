// The case lists and the county overview over a Store (cases.h): a case with its history,
// overdue leads, cases per region and state, monitored households not visited.
#include <fmt/format.h>

#include <map>

#include "app/cases/cases.h"
#include "app/cases/internal/case_guards.h"

namespace jz {

using cases_internal::InScope;

StatusOr<CaseDetail> LoadCaseDetail(Store& store, int64_t case_id) {
  ASSIGN_OR_RETURN(std::optional<MonitoringCase> c, store.cases().FindCase(case_id));
  if (!c) {
    return NotFoundError(Bilingual("监测案件 {} 不存在", "case {} does not exist", case_id));
  }
  CaseDetail d;
  d.c = std::move(*c);
  ASSIGN_OR_RETURN(d.events, store.cases().ListCaseEvents(case_id));
  ASSIGN_OR_RETURN(d.measures, store.cases().ListCaseMeasures(case_id));
  return d;
}

StatusOr<std::vector<OverdueCase>> ListOverdueCases(Store& store, RegionCode scope, Date as_of,
                                                    int limit_days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  std::vector<OverdueCase> out;
  for (MonitoringCase& c : cases) {
    const bool waiting = c.state == CaseState::kLead || c.state == CaseState::kVerified;
    if (!waiting && !c.identified_date) continue;
    const int days = (waiting ? as_of : *c.identified_date).days() - c.lead_date.days();
    if (days > limit_days) out.push_back({std::move(c), days, !waiting});
  }
  return out;
}

StatusOr<CaseSummary> SummarizeCases(Store& store, RegionCode scope, RegionLevel level, Date as_of,
                                     int limit_days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  std::map<uint64_t, CaseRegionCounts> by_region;
  CaseSummary summary;
  summary.total.region = scope;
  for (const MonitoringCase& c : cases) {
    const RegionCode region = c.village.level() > level ? c.village.AtLevel(level) : c.village;
    CaseRegionCounts& counts = by_region[region.value()];
    counts.region = region;
    const size_t state = static_cast<size_t>(c.state) - 1;
    const bool waiting = c.state == CaseState::kLead || c.state == CaseState::kVerified;
    const bool overdue = waiting && as_of.days() - c.lead_date.days() > limit_days;
    for (CaseRegionCounts* x : {&counts, &summary.total}) {
      ++x->by_state[state];
      ++x->total;
      x->overdue += overdue ? 1 : 0;
    }
  }
  for (auto& [code, counts] : by_region) {
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(counts.region));
    if (region) counts.name = region->name;
    summary.regions.push_back(std::move(counts));
  }
  ASSIGN_OR_RETURN(std::optional<Region> whole, store.FindRegion(scope));
  if (whole) summary.total.name = whole->name;
  return summary;
}

StatusOr<std::vector<UnvisitedHousehold>> ListUnvisited(Store& store, RegionCode scope, Date as_of,
                                                        int days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  using LastVisits = std::map<std::string, Date>;
  ASSIGN_OR_RETURN(LastVisits last, store.cases().LastVisitDates(scope));
  std::vector<UnvisitedHousehold> out;
  for (MonitoringCase& c : cases) {
    if (c.state != CaseState::kIncluded && c.state != CaseState::kAssisting &&
        c.state != CaseState::kEliminationProposed) {
      continue;
    }
    UnvisitedHousehold u;
    if (auto it = last.find(c.household_no); it != last.end()) u.last_visit = it->second;
    if (u.last_visit && as_of.days() - u.last_visit->days() <= days) continue;
    ASSIGN_OR_RETURN(std::vector<CadreAssignment> cadres,
                     store.ListCadreAssignments(ReadScope::WholeDatabase(), c.household_no));
    std::optional<Date> start;
    for (const CadreAssignment& a : cadres) {
      if (a.start > as_of || (a.end && *a.end < as_of) || (start && a.start < *start)) continue;
      start = a.start;
      u.cadre = a.cadre_name;
    }
    u.c = std::move(c);
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace jz
