// Use case: run every data-quality rule (validation/household_validator.h) over the
// registry in a scope, and count the findings per rule at every region level from the
// province down to the village. A door calls ValidateRegistry(Workspace&, ValidateRequest),
// which also writes the reports and names the prefectures of its summary table.
#ifndef JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_
#define JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_

#include <map>
#include <string>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "core/status.h"
#include "io/report_table.h"

namespace jz {

class Store;
class Workspace;

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

[[nodiscard]] StatusOr<ValidationResult> ValidateRegistry(Store& store, const ValidationOptions& options,
                                                          Progress& progress = NoProgress());

// The columns of the findings report, which `rectify import` also reads back (in any language).
const std::vector<ReportColumn>& ValidationReportColumns();
// The severity label of an error finding in the report, in `lang` ("错误", "錯誤", "error").
std::string ValidationErrorLabel(Lang lang);

// Writes every finding (rule, severity, household, person, region, field, value, message) to
// `path`, and the per-rule counts at every region level to `counts_path`, with headers, labels
// and messages in `lang`. A path ending in .xlsx is written as a workbook (io/report_file.h);
// when both paths are the same .xlsx, the counts are a second sheet of that workbook.
[[nodiscard]] Status WriteValidationReport(Store& store, const ValidationResult& result,
                                           const std::string& path, const std::string& counts_path,
                                           Lang lang = Lang::kZhHans);

// What a door asks for. Unset fields take the defaults filled in by ValidateRegistry().
struct ValidateRequest {
  std::optional<RegionCode> scope = std::nullopt;  // default: the database's province
  // Default: 31 December of each household's latest data year (see ValidationOptions).
  std::optional<Date> reference_date = std::nullopt;
  // The findings report; default "<database>.validation.csv". The counts by region level go
  // to the same name with ".counts.csv" appended, or, for a .xlsx report, to a second sheet.
  std::string report_path = {};
  Lang lang = Lang::kZhHans;  // of the reports' headers, labels and messages
};

// One rule that found something, with its findings in the whole scope.
struct RuleFindings {
  std::string_view id;  // static storage (the rule catalogue)
  Severity severity = Severity::kError;
  std::string_view zh;  // what is wrong
  std::string_view en;
  int64_t findings = 0;
};

// Households checked and households with findings in one prefecture.
struct PrefectureFindings {
  RegionCode code;
  std::string name;  // "" when the region is not loaded
  int64_t households = 0;
  int64_t with_findings = 0;
};

struct ValidationSummary {
  int64_t households = 0;
  int64_t persons = 0;
  int64_t households_with_findings = 0;
  int64_t errors = 0;
  int64_t warnings = 0;
  std::vector<RuleFindings> rules;              // in catalogue order; only rules that found something
  std::vector<PrefectureFindings> prefectures;  // by code
  std::string report_path;
  std::string counts_path;
};

// Validates the scope, writes both reports and summarises. Errors: NotFound when no regions
// are loaded and no scope is given; those of the scan and of writing the reports (naming the
// file).
[[nodiscard]] StatusOr<ValidationSummary> ValidateRegistry(Workspace& workspace,
                                                           const ValidateRequest& request,
                                                           Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_VALIDATION_H_
