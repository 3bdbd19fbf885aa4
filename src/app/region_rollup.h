// Region roll-up: counts kept per region at one level (screening keeps them per county) summed
// up the five-level hierarchy to any coarser level, each row named from the store's regions.
// Written once here so every use case that reports by region (screening, cases, campaigns)
// prints the same codes, names and order.
//
//   std::map<RegionCode, std::vector<int64_t>> per_county = ...;  // {households, warned}
//   ASSIGN_OR_RETURN(std::vector<RegionRow> rows,
//                    RollUpRegions(store, per_county, RegionLevel::kPrefecture, /*detail=*/true));
#ifndef JZ_APP_REGION_ROLLUP_H_
#define JZ_APP_REGION_ROLLUP_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "core/status.h"

namespace jz {

class Store;

// One row of a roll-up. Invariant: counts has as many entries as every input vector.
struct RegionRow {
  RegionCode code;
  std::string name;  // the store's name of the region; empty when it is not loaded
  int depth = 0;     // 0: a region at the rolled-up level; 1: one of its regions beneath
  std::vector<int64_t> counts;
};

// Sums `by_region` (regions at one finer level, e.g. counties, each with the same number of
// counts) into their ancestors at `level`, in code order. With `detail`, when the sum has
// exactly one region, the input regions follow it as depth-1 rows (one prefecture in scope:
// its counties beneath). Names come from store.FindRegion; a store error is returned as is.
// REQUIRES: every vector of `by_region` has the same size; `level` is not finer than the
// input regions' level.
[[nodiscard]] StatusOr<std::vector<RegionRow>> RollUpRegions(
    Store& store, const std::map<RegionCode, std::vector<int64_t>>& by_region, RegionLevel level,
    bool detail = false);

}  // namespace jz

#endif  // JZ_APP_REGION_ROLLUP_H_
