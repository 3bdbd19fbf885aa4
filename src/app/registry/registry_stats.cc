// Statistics from one scan of the registry.
#include "app/registry/registry_stats.h"

#include <fmt/format.h>

#include "app/workspace.h"
#include "store/store.h"

namespace jz {
namespace {

template <typename E>
int CodeOr0(const std::optional<E>& value) {
  return value ? static_cast<int>(*value) : 0;
}

void Add(RegionStats& s, const Household& h) {
  ++s.households;
  s.persons += static_cast<int64_t>(h.members.size());
  ++s.by_type[static_cast<int>(h.type)];
  ++s.by_attribute[CodeOr0(h.attribute)];
  ++s.by_main_cause[CodeOr0(h.main_cause)];
  ++s.by_monitoring_type[CodeOr0(h.monitoring_type)];
}

}  // namespace

StatusOr<RegistryStats> ComputeRegistryStats(Store& store, RegionCode scope, RegionLevel level) {
  if (level <= scope.level()) {
    return InvalidArgumentError(Bilingual(
        fmt::format("统计级别（{}）必须低于范围 {} 的级别", RegionLevelName(level, false), scope.ToString()),
        fmt::format("the level ({}) must be below the level of scope {}", RegionLevelName(level, true),
                    scope.ToString())));
  }
  RegistryStats stats;
  stats.level = level;
  stats.total.code = scope;
  std::map<uint64_t, RegionStats> by_region;
  RETURN_IF_ERROR(store.ScanHouseholds(scope, [&](const Household& h) {
    const RegionCode code = h.village.AtLevel(level);
    RegionStats& s = by_region[code.value()];
    s.code = code;
    Add(s, h);
    Add(stats.total, h);
    return OkStatus();
  }));
  for (auto& [value, s] : by_region) {
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(s.code));
    s.name = region ? region->name : s.code.ShortString();
    stats.regions.push_back(std::move(s));
  }
  ASSIGN_OR_RETURN(std::optional<Region> scope_region, store.FindRegion(scope));
  stats.total.name = scope_region ? scope_region->name : scope.ShortString();
  return stats;
}

StatusOr<RegistryStats> ComputeRegistryStats(Workspace& workspace, const StatsRequest& request) {
  ASSIGN_OR_RETURN(RegionCode scope, workspace.ScopeOr(request.scope));
  return ComputeRegistryStats(workspace.store(), scope, request.level);
}

StatusOr<DatabaseInfo> DescribeDatabase(Workspace& workspace) {
  ASSIGN_OR_RETURN(RegistryCounts counts, workspace.store().Counts(ReadScope::WholeDatabase()));
  return DatabaseInfo{workspace.db_path(), workspace.store().SchemaVersion(), counts.regions,
                      counts.households, counts.persons};
}

}  // namespace jz
