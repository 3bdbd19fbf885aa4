// Registry validation: one scan, rules per household, counts rolled up the region tree.
#include "app/registry/registry_validation.h"

#include <fmt/format.h>

#include "io/csv_writer.h"

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

StatusOr<ValidationResult> ValidateRegistry(Store& store, const ValidationOptions& options, Progress& progress) {
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

}  // namespace jz
