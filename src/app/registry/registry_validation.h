// Use case: run every data-quality rule (validation/household_validator.h) over the
// registry in a scope, and count the findings per rule at every region level from the
// province down to the village.
#ifndef JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_
#define JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_

#include <map>
#include <string>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "core/progress.h"
#include "core/status.h"
#include "store/store.h"

namespace jz {

struct ValidationOptions {
  RegionCode scope;
  // Ages are taken on 31 December of each household's latest data year; this overrides it.
  std::optional<Date> reference_date;
};

struct ValidationResult {
  int64_t households = 0;
  int64_t persons = 0;
  int64_t households_with_findings = 0;
  int64_t errors = 0;
  int64_t warnings = 0;
  std::vector<Finding> findings;
  std::vector<RegionCode> finding_villages;  // parallel to `findings`
  // counts[rule_id][region] for every level (region codes at province..village level).
  std::map<std::string_view, std::map<RegionCode, int64_t>> counts;
  // Households and households with findings per prefecture, for the summary table.
  std::map<RegionCode, std::pair<int64_t, int64_t>> by_prefecture;
};

StatusOr<ValidationResult> ValidateRegistry(Store& store, const ValidationOptions& options,
                                            Progress& progress = NoProgress());

// Writes every finding (rule, severity, household, person, region, field, value, message in
// zh-Hans) to `path`, and the per-rule counts at every region level to `counts_path`.
Status WriteValidationReport(Store& store, const ValidationResult& result, const std::string& path,
                             const std::string& counts_path);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_
