// Use case: load statistical division codes from a region directory into the store.
#ifndef JZ_APP_REGISTRY_REGION_LOADER_H_
#define JZ_APP_REGISTRY_REGION_LOADER_H_

#include <array>
#include <cstdint>
#include <string>

#include "core/progress.h"
#include "core/status.h"
#include "store/store.h"

namespace jz {

struct RegionLoadSummary {
  int edition_year = 0;
  // Regions loaded per level, indexed by RegionLevel (1..5); index 0 unused.
  std::array<int64_t, 6> by_level{};
  int64_t total = 0;
};

// Reads the files of `edition_year` from `dir` and upserts them in one transaction: on any
// bad row nothing is stored. Errors are those of ReadRegionDirectory and the store.
StatusOr<RegionLoadSummary> LoadRegions(Store& store, const std::string& dir, int edition_year,
                                        Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGION_LOADER_H_
