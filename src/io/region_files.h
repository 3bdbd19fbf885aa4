// Reads statistical division codes from the CSV layout of the project's shared region data
// (see ../shared/data/regions/README.md): a county-level file (code,name,parent_code,level,
// code12), a township file (code,name,parent_code,code12) and a village file
// (code,name,parent_code,county_code[,ur_code,dummy]). Every parent must be present, so
// the result is a closed tree.
#ifndef JZ_IO_REGION_FILES_H_
#define JZ_IO_REGION_FILES_H_

#include <string>
#include <vector>

#include "core/progress.h"
#include "core/registry.h"
#include "core/status.h"

namespace jz {

// The file names of one NBS edition inside a region directory.
struct RegionEdition {
  int year = 0;
  std::string counties_file;
  std::string townships_file;
  std::string villages_file;
};

// The editions the shared data ships: 2023 (default, whole country to county level and
// Jilin below) and 2016 (Jilin only, with urban-rural codes).
StatusOr<RegionEdition> RegionEditionFor(int year);

// Reads the three files of `edition` from `dir`, in order: regions by ascending level.
// County-level rows that repeat their prefecture's code (cities without counties, such as
// 东莞市 441900) are skipped: the prefecture row stands for them.
// Fails with NotFound naming a missing file, and with InvalidArgument naming the file,
// line, column and value of the first bad row (bad code, wrong level, unknown parent, a
// code that is not below its parent, a duplicate code).
StatusOr<std::vector<Region>> ReadRegionDirectory(const std::string& dir, const RegionEdition& edition,
                                                  Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_IO_REGION_FILES_H_
