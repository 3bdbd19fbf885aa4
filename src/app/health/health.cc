// CheckHealth: open the workspace read-only and read what proves it is a Jingzhun database.
#include "app/health/health.h"

#include <memory>

#include "app/workspace.h"
#include "core/version.h"
#include "store/store.h"

namespace jz {

StatusOr<HealthResult> CheckHealth(const HealthRequest& request) {
  ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = request.db_path}));
  return HealthResult{std::string(kJingzhunVersion), ws->store().SchemaVersion()};
}

}  // namespace jz
