// Use case: load statistical division codes from a region directory into the database.
// The door calls LoadRegions(Workspace&, request) on a workspace opened with
// create_if_missing (the first command run on a new database).
#ifndef JZ_APP_REGISTRY_REGION_LOADER_H_
#define JZ_APP_REGISTRY_REGION_LOADER_H_

#include <array>
#include <cstdint>
#include <string>

#include "core/progress.h"
#include "core/status.h"

namespace jz {

class Store;
class Workspace;

struct RegionLoadRequest {
  std::string dir = {};     // holds the NBS files of the edition (io/region_files.h)
  int edition_year = 2023;  // 2023 or 2016; others are InvalidArgument
};

struct RegionLoadSummary {
  int edition_year = 0;
  // Regions loaded per level, indexed by RegionLevel (1..5); index 0 unused.
  std::array<int64_t, 6> by_level{};
  int64_t total = 0;
};

// Reads the files of `edition_year` from `dir` and upserts them in one transaction: on any
// bad row nothing is stored. Errors are those of ReadRegionDirectory and the store.
[[nodiscard]] StatusOr<RegionLoadSummary> LoadRegions(Store& store, const std::string& dir, int edition_year,
                                                      Progress& progress = NoProgress());

// The same in the workspace's database. A disk that fills during the write leaves the database
// as it was (ResourceExhausted naming the database).
[[nodiscard]] StatusOr<RegionLoadSummary> LoadRegions(Workspace& workspace, const RegionLoadRequest& request,
                                                      Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGION_LOADER_H_
