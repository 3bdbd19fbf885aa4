// Region loading: read and check every file first, then write once.
#include "app/registry/region_loader.h"

#include "app/workspace.h"
#include "io/region_files.h"
#include "store/store.h"

namespace jz {

StatusOr<RegionLoadSummary> LoadRegions(Store& store, const std::string& dir, int edition_year,
                                        Progress& progress) {
  ASSIGN_OR_RETURN(RegionEdition edition, RegionEditionFor(edition_year));
  ASSIGN_OR_RETURN(std::vector<Region> regions, ReadRegionDirectory(dir, edition, progress));
  RETURN_IF_ERROR(store.UpsertRegions(regions));
  RegionLoadSummary summary;
  summary.edition_year = edition_year;
  for (const Region& region : regions) ++summary.by_level[static_cast<size_t>(region.code.level())];
  summary.total = static_cast<int64_t>(regions.size());
  return summary;
}

StatusOr<RegionLoadSummary> LoadRegions(Workspace& workspace, const RegionLoadRequest& request,
                                        Progress& progress) {
  return LoadRegions(workspace.store(), request.dir, request.edition_year, progress);
}

}  // namespace jz
