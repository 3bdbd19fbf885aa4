// Use case: counts of households and persons by region, 户类型, 贫困户属性, 主要致贫原因
// and monitoring type, at a chosen region level inside a scope.
#ifndef JZ_APP_REGISTRY_REGISTRY_STATS_H_
#define JZ_APP_REGISTRY_REGISTRY_STATS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "core/status.h"

namespace jz {

class Store;
class Workspace;

// Counts for one region (or the total). Breakdown maps are keyed by the national code;
// 0 stands for "empty" where the field is optional.
struct RegionStats {
  RegionCode code;
  std::string name;
  int64_t households = 0;
  int64_t persons = 0;
  std::map<int, int64_t> by_type;             // HouseholdType
  std::map<int, int64_t> by_attribute;        // HouseholdAttribute
  std::map<int, int64_t> by_main_cause;       // PovertyCause
  std::map<int, int64_t> by_monitoring_type;  // MonitoringType
};

struct RegistryStats {
  RegionLevel level = RegionLevel::kCounty;
  std::vector<RegionStats> regions;  // by code; only regions with households
  RegionStats total;
};

// REQUIRES: `level` is below `scope`'s level. InvalidArgument otherwise.
[[nodiscard]] StatusOr<RegistryStats> ComputeRegistryStats(Store& store, RegionCode scope, RegionLevel level);

struct StatsRequest {
  std::optional<RegionCode> scope = std::nullopt;  // default: the database's province
  RegionLevel level = RegionLevel::kCounty;
};

// The counts in the workspace's database; region names come from its loaded regions.
// Errors: those above, and NotFound when no scope is given and no regions are loaded.
[[nodiscard]] StatusOr<RegistryStats> ComputeRegistryStats(Workspace& workspace, const StatsRequest& request);

// What a database holds, for `jingzhun info`.
struct DatabaseInfo {
  std::string db_path;
  int schema_version = 0;
  int64_t regions = 0;
  int64_t households = 0;
  int64_t persons = 0;
};

[[nodiscard]] StatusOr<DatabaseInfo> DescribeDatabase(Workspace& workspace);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_STATS_H_
