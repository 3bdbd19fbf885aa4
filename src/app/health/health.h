// Health: whether a door's database can be opened and read, for the server's
// `GET /api/v1/health` (and a load balancer's probe).
#ifndef JZ_APP_HEALTH_HEALTH_H_
#define JZ_APP_HEALTH_HEALTH_H_

#include <string>

#include "core/status.h"

namespace jz {

struct HealthRequest {
  std::string db_path = {};
};

struct HealthResult {
  std::string version = {};  // kJingzhunVersion
  int schema_version = 0;    // the database's migration number
};

// Opens the database at `request.db_path` without writing (a fresh Workspace, so the
// check proves the file is reachable now, not when the server started) and reads its schema
// version. Errors: those of Workspace::Open (NotFound, FailedPrecondition, Unavailable …),
// naming the path.
// Thread-safe: each call opens its own connection.
[[nodiscard]] StatusOr<HealthResult> CheckHealth(const HealthRequest& request);

}  // namespace jz

#endif  // JZ_APP_HEALTH_HEALTH_H_
