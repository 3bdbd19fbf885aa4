// Registry validation: one scan, rules per household, counts rolled up the region tree.
#include "app/registry/registry_validation.h"

#include <fmt/format.h>

#include "app/workspace.h"
#include "io/csv_writer.h"
#include "store/store.h"

namespace jz {
namespace {

constexpr RegionLevel kLevels[] = {RegionLevel::kProvince, RegionLevel::kPrefecture, RegionLevel::kCounty,
                                   RegionLevel::kTownship, RegionLevel::kVillage};

Date ReferenceDate(const Household& h, const ValidationOptions& options) {
  if (options.reference_date) return *options.reference_date;
  int year = Date::Today().year() - 1;
  for (const HouseholdYear& y : h.years) year = y.data_year;  // years are ordered
  return *Date::FromYmd(year, 12, 31);
}

}  // namespace

StatusOr<ValidationResult> ValidateRegistry(Store& store, const ValidationOptions& options,
                                            Progress& progress) {
  ValidationResult result;
  ASSIGN_OR_RETURN(RegistryCounts sizes, store.Counts());
  progress.Start("校验 validating", sizes.households);
  std::vector<Finding> household_findings;
  RETURN_IF_ERROR(store.ScanHouseholds(options.scope, [&](const Household& h) {
    ++result.households;
    result.persons += static_cast<int64_t>(h.members.size());
    household_findings.clear();
    ValidateHousehold(h, ValidationContext{ReferenceDate(h, options)}, household_findings);
    auto& prefecture = result.by_prefecture[h.village.AtLevel(RegionLevel::kPrefecture)];
    ++prefecture.first;
    if (!household_findings.empty()) {
      ++result.households_with_findings;
      ++prefecture.second;
    }
    for (Finding& f : household_findings) {
      (f.severity == Severity::kError ? result.errors : result.warnings)++;
      auto& per_region = result.counts[f.rule_id];
      for (RegionLevel level : kLevels) ++per_region[h.village.AtLevel(level)];
      result.finding_villages.push_back(h.village);
      result.findings.push_back(std::move(f));
    }
    if ((result.households & 4095) == 0) progress.Update(result.households);
    return OkStatus();
  }));
  progress.Finish();
  return result;
}

Status WriteValidationReport(Store& store, const ValidationResult& result, const std::string& path,
                             const std::string& counts_path) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out, CsvWriter::Create(path));
  out->Row({"规则", "严重程度", "户编号", "人编号", "行政区划代码", "字段", "值", "说明"});
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    out->Row({f.rule_id, f.severity == Severity::kError ? "错误" : "警告", f.household_no, f.person_no,
              result.finding_villages[i].ToString(), f.field, f.value, MessageHalf(f.message, false)});
  }
  RETURN_IF_ERROR(out->Close());
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> counts, CsvWriter::Create(counts_path));
  counts->Row({"级别", "区划代码", "名称", "规则", "问题数"});
  std::map<RegionCode, std::string> names;  // each region looked up once
  for (const auto& [rule, per_region] : result.counts) {
    for (const auto& [region, n] : per_region) {
      auto [it, fresh] = names.try_emplace(region);
      if (fresh) {
        ASSIGN_OR_RETURN(std::optional<Region> known, store.FindRegion(region));
        if (known) it->second = known->name;
      }
      counts->Row({RegionLevelName(region.level(), false), region.ShortString(), it->second, rule,
                   std::to_string(n)});
    }
  }
  return counts->Close();
}

namespace {

std::vector<RuleFindings> SummariseRules(const ValidationResult& result) {
  std::vector<RuleFindings> rules;
  for (const RuleInfo& rule : ValidationRules()) {
    auto it = result.counts.find(rule.id);
    if (it == result.counts.end()) continue;
    // Counts hold every level from the province down; the province's entry (the smallest
    // code) comes first and holds the scope's whole count.
    rules.push_back(RuleFindings{rule.id, rule.severity, rule.zh, rule.en, it->second.begin()->second});
  }
  return rules;
}

}  // namespace

StatusOr<ValidationSummary> ValidateRegistry(Workspace& workspace, const ValidateRequest& request,
                                             Progress& progress) {
  ASSIGN_OR_RETURN(RegionCode scope, workspace.ScopeOr(request.scope));
  Store& store = workspace.store();
  ASSIGN_OR_RETURN(ValidationResult result,
                   ValidateRegistry(store, {scope, request.reference_date}, progress));
  ValidationSummary summary{result.households,
                            result.persons,
                            result.households_with_findings,
                            result.errors,
                            result.warnings,
                            SummariseRules(result),
                            {},
                            {},
                            {}};
  summary.report_path =
      request.report_path.empty() ? workspace.db_path() + ".validation.csv" : request.report_path;
  summary.counts_path = summary.report_path + ".counts.csv";
  RETURN_IF_ERROR(WriteValidationReport(store, result, summary.report_path, summary.counts_path));
  for (const auto& [code, counts] : result.by_prefecture) {
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
    summary.prefectures.push_back(
        PrefectureFindings{code, region ? region->name : "", counts.first, counts.second});
  }
  return summary;
}

}  // namespace jz
