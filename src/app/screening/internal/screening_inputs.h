// Shared by the screen and what-if requests (screening_requests.h): the checks and defaults
// both make before the registry is read — threads, the as-of date, the policy and its
// period, the feeds folder and the declared feeds missing from it, the scope.
#ifndef JZ_APP_SCREENING_INTERNAL_SCREENING_INPUTS_H_
#define JZ_APP_SCREENING_INTERNAL_SCREENING_INPUTS_H_

#include <string>
#include <vector>

#include "app/screening/registry_screening.h"
#include "app/screening/screening_requests.h"
#include "app/workspace.h"

namespace jz::internal {

struct PreparedScreening {
  Policy policy;
  ScreenOptions options;
  std::vector<std::string> missing_feeds;  // declared feeds without a file (when allowed)
};

// 31 December of the year before `today`: the default as-of date (the data year just closed).
Date DefaultAsOf(Date today);

// Applies the refusals and defaults of screening_requests.h to `inputs`. `workspace` is
// null for the export door (the scope is then inputs.scope or none).
[[nodiscard]] StatusOr<PreparedScreening> PrepareScreening(const ScreeningInputs& inputs,
                                                           Workspace* workspace, Date today);

}  // namespace jz::internal

#endif  // JZ_APP_SCREENING_INTERNAL_SCREENING_INPUTS_H_
