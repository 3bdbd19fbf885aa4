// Simulated campaign findings for demos and training: a findings file for every sampled
// household of a campaign, from the registry's own facts plus hidden planted problems, so that
// `campaign record` and the report can be shown without field work. Never used by app/.
// This header includes only core/ headers, so the CLI may call it.
#ifndef JZ_SYNTH_CAMPAIGN_SIMULATION_H_
#define JZ_SYNTH_CAMPAIGN_SIMULATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

class Store;
class Workspace;

struct SimulationOptions {
  std::string out_path;
  uint64_t truth_seed = 2024;  // the same for every level: it fixes the hidden true problems
  double problem_rate = 0.05;  // share of households given one hidden problem
  uint64_t seed = 1;           // this level's own draws (which problems it misses)
  double miss_rate = 0;        // share of true problems this level does not see
};

// Writes a findings CSV for every sampled household of the campaign, taking the registry's own
// facts (两不愁三保障 + water flags and per-capita net income of the newest data year) as the
// truth plus hidden problems planted by `truth_seed`, and missing `miss_rate` of the true
// problems (answered 符合). Returns the households written. FOR DEMOS AND TRAINING: simulated
// findings are not field work. InvalidArgument, naming the option and value, for a rate
// outside [0, 1] or a seed above kMaxSampleSeed (core/limits.h); NotFound for an unknown
// campaign; FailedPrecondition when it has no sample.
[[nodiscard]] StatusOr<int64_t> SimulateFindings(Store& store, std::string_view campaign,
                                                 const SimulationOptions& options);

// The door's request of `jingzhun campaign simulate`: the campaign's code and the options.
struct CampaignSimulateRequest {
  std::string campaign;
  SimulationOptions options;
};

// SimulateFindings over the workspace's store.
[[nodiscard]] StatusOr<int64_t> SimulateCampaignFindings(Workspace& ws,
                                                         const CampaignSimulateRequest& request);

}  // namespace jz

#endif  // JZ_SYNTH_CAMPAIGN_SIMULATION_H_
