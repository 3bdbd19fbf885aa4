// Where the generated persons live: the villages of the region data (or a small synthetic
// tree when none is given), each with its names and the number of persons allotted to it.
#ifndef JZ_SYNTH_VILLAGE_PLAN_H_
#define JZ_SYNTH_VILLAGE_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/registry.h"
#include "core/status.h"

namespace jz::gen {

struct PlannedVillage {
  RegionCode code;
  std::string county_name;
  std::string township_name;
  std::string village_name;
  int64_t persons = 0;  // allotted; the sum over all villages is the requested total
};

// Allots `persons` persons over the Jilin (province 22) villages in `regions`, weighted
// toward rural villages (村委会) and the province's 15 former poverty counties
// (DOMAIN.md §6). With no regions, uses a synthetic tree under prefecture 2299.
// Deterministic in `seed`. Fails with InvalidArgument when `regions` has no Jilin village.
StatusOr<std::vector<PlannedVillage>> PlanVillages(const std::vector<Region>& regions, int64_t persons,
                                                   uint64_t seed);

// The synthetic region tree used when no region data is given (for tests and `regions load`).
std::vector<Region> SyntheticRegions();

}  // namespace jz::gen

#endif  // JZ_SYNTH_VILLAGE_PLAN_H_
