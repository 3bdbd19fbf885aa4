// The layout and required columns of a registry header (registry_header.h).
#include "io/registry_header.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace jz {
namespace {

using C = RegistryColumn;

constexpr C kRequiredColumns[] = {C::kHouseholdNo, C::kName, C::kIdNumber, C::kRelationship};
constexpr C kPlaceNameColumns[] = {C::kCountyName, C::kTownshipName, C::kVillageName};
constexpr C kMonitoringColumns[] = {C::kMonitoringType, C::kRiskEliminated, C::kRiskIdentified,
                                    C::kRiskEliminatedDate};
// Aliases named per missing column: enough to show the idea, not the whole list.
constexpr size_t kAliasesShown = 4;

bool Has(const std::vector<bool>& present, C column) { return present[static_cast<size_t>(column)]; }

// "证件号码（或 身份证号、身份证号码、公民身份号码…）".
std::string WithAlternatives(C column) {
  std::string text(RegistryColumnInfoOf(column).zh_header);
  std::vector<std::string_view> aliases;
  for (const RegistryHeaderAlias& alias : RegistryHeaderAliases()) {
    if (alias.column == column) aliases.push_back(alias.header);
  }
  if (aliases.empty()) return text;
  text += "（或 ";
  for (size_t i = 0; i < aliases.size() && i < kAliasesShown; ++i) {
    if (i > 0) text += "、";
    text += aliases[i];
  }
  if (aliases.size() > kAliasesShown) text += "…";
  text += "）";
  return text;
}

std::string JoinMissing(const std::vector<bool>& present, std::span<const C> columns) {
  std::string text;
  for (C column : columns) {
    if (Has(present, column)) continue;
    if (!text.empty()) text += "、";
    text += WithAlternatives(column);
  }
  return text;
}

}  // namespace

std::string_view RegistryLayoutName(RegistryLayoutKind layout) {
  switch (layout) {
    case RegistryLayoutKind::kPersonDetail:
      return "人员明细导出 | person-detail export";
    case RegistryLayoutKind::kMonitoring:
      return "监测对象导出 | monitoring export";
    case RegistryLayoutKind::kJingzhun:
      return "精准登记导出（含行政区划代码） | Jingzhun registry layout (with region codes)";
  }
  return "";
}

RegistryLayoutKind RecognizeRegistryLayout(const std::vector<bool>& present) {
  if (Has(present, C::kRegionCode)) return RegistryLayoutKind::kJingzhun;
  for (C column : kMonitoringColumns) {
    if (Has(present, column)) return RegistryLayoutKind::kMonitoring;
  }
  return RegistryLayoutKind::kPersonDetail;
}

bool PlaceByNames(const std::vector<bool>& present) { return !Has(present, C::kRegionCode); }

Status CheckRequiredRegistryColumns(const std::vector<bool>& present, std::string_view file) {
  const std::string missing = JoinMissing(present, kRequiredColumns);
  const std::string missing_names = JoinMissing(present, kPlaceNameColumns);
  const bool place_missing = !Has(present, C::kRegionCode) && !missing_names.empty();
  if (missing.empty() && !place_missing) return OkStatus();
  std::string zh = missing.empty() ? "" : fmt::format("缺少必需的列：{}", missing);
  std::string en = missing.empty() ? "" : fmt::format("required columns are missing: {}", missing);
  if (place_missing) {
    if (!zh.empty()) zh += "；", en += "; ";
    zh += fmt::format("地点需要“行政区划代码”列，或县、乡、村三列名称（缺 {}）", missing_names);
    en += fmt::format(
        "the place needs a 行政区划代码 (region code) column, or the three name columns of county, "
        "township and village (missing: {})",
        missing_names);
  }
  return InvalidArgumentError(Bilingual(fmt::format("{}: {}", file, zh), fmt::format("{}: {}", file, en)));
}

}  // namespace jz
