// Registry validation: one scan, rules per household, counts rolled up the region tree.
#include "app/registry/registry_validation.h"

#include <fmt/format.h>

#include "app/workspace.h"
#include "io/report_file.h"
#include "io/xlsx_writer.h"
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
  ASSIGN_OR_RETURN(RegistryCounts sizes, store.Counts(ReadScope::Within(options.scope)));
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

const std::vector<ReportColumn>& ValidationReportColumns() {
  static const std::vector<ReportColumn> kColumns = {{"rule", "规则", "rule"},
                                                     {"severity", "严重程度", "severity"},
                                                     {"household_no", "户编号", "household no"},
                                                     {"person_no", "人编号", "person no"},
                                                     {"region", "行政区划代码", "region code"},
                                                     {"field", "字段", "field"},
                                                     {"value", "值", "value"},
                                                     {"message", "说明", "message"}};
  return kColumns;
}

std::string ValidationErrorLabel(Lang lang) { return TextIn(lang, Bilingual("错误", "error")); }

namespace {

const std::vector<ReportColumn>& CountColumns() {
  static const std::vector<ReportColumn> kColumns = {{"level", "级别", "level"},
                                                     {"region", "区划代码", "region code"},
                                                     {"name", "名称", "name"},
                                                     {"rule", "规则", "rule"},
                                                     {"findings", "问题数", "findings", CellKind::kInt}};
  return kColumns;
}

void WriteFindings(ReportFile& out, const ValidationResult& result) {
  const Lang lang = out.lang();
  const std::string error = ValidationErrorLabel(lang);
  const std::string warning = TextIn(lang, Bilingual("警告", "warning"));
  out.StartTable("findings", ValidationReportColumns());
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    out.Row({std::string(f.rule_id), f.severity == Severity::kError ? error : warning, f.household_no,
             f.person_no, result.finding_villages[i].ToString(), std::string(f.field), f.value,
             TextIn(lang, f.message)});
  }
}

Status WriteCounts(Store& store, ReportFile& out, const ValidationResult& result) {
  const Lang lang = out.lang();
  out.StartTable("counts", CountColumns());
  std::map<RegionCode, std::string> names;  // each region looked up once
  for (const auto& [rule, per_region] : result.counts) {
    for (const auto& [region, n] : per_region) {
      auto [it, fresh] = names.try_emplace(region);
      if (fresh) {
        ASSIGN_OR_RETURN(std::optional<Region> known, store.FindRegion(region));
        if (known) it->second = known->name;
      }
      const std::string level(RegionLevelName(region.level(), lang == Lang::kEn));
      out.Row({lang == Lang::kZhHant ? ToTraditional(level) : level, region.ShortString(), it->second,
               std::string(rule), int64_t{n}});
    }
  }
  return OkStatus();
}

}  // namespace

Status WriteValidationReport(Store& store, const ValidationResult& result, const std::string& path,
                             const std::string& counts_path, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  WriteFindings(*out, result);
  if (counts_path == path) {
    RETURN_IF_ERROR(WriteCounts(store, *out, result));
    return out->Close();
  }
  RETURN_IF_ERROR(out->Close());
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> counts, ReportFile::Create(counts_path, lang));
  RETURN_IF_ERROR(WriteCounts(store, *counts, result));
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
  // A workbook holds the counts as its second sheet; a CSV file holds one table.
  summary.counts_path =
      IsXlsxOutputPath(summary.report_path) ? summary.report_path : summary.report_path + ".counts.csv";
  RETURN_IF_ERROR(
      WriteValidationReport(store, result, summary.report_path, summary.counts_path, request.lang));
  for (const auto& [code, counts] : result.by_prefecture) {
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
    summary.prefectures.push_back(
        PrefectureFindings{code, region ? region->name : "", counts.first, counts.second});
  }
  return summary;
}

}  // namespace jz
