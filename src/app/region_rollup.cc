// Region roll-up (region_rollup.h): sums by ancestor code, then names from the store.
#include "app/region_rollup.h"

#include "store/store.h"

namespace jz {
namespace {

StatusOr<RegionRow> Named(Store& store, RegionCode code, int depth, std::vector<int64_t> counts) {
  ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
  return RegionRow{code, region ? region->name : std::string(), depth, std::move(counts)};
}

}  // namespace

StatusOr<std::vector<RegionRow>> RollUpRegions(Store& store,
                                               const std::map<RegionCode, std::vector<int64_t>>& by_region,
                                               RegionLevel level, bool detail) {
  std::map<RegionCode, std::vector<int64_t>> sums;
  for (const auto& [code, counts] : by_region) {
    std::vector<int64_t>& sum = sums[code.AtLevel(level)];
    sum.resize(counts.size());
    for (size_t i = 0; i < counts.size(); ++i) sum[i] += counts[i];
  }
  std::vector<RegionRow> rows;
  for (const auto& [code, counts] : sums) {
    ASSIGN_OR_RETURN(RegionRow row, Named(store, code, 0, counts));
    rows.push_back(std::move(row));
  }
  if (!detail || sums.size() != 1) return rows;
  for (const auto& [code, counts] : by_region) {
    ASSIGN_OR_RETURN(RegionRow row, Named(store, code, 1, counts));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace jz
