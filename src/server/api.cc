// The API's routes (api.h).
#include "server/api.h"

#include <cstdio>

#include "app/health/health.h"
#include "server/household_routes.h"
#include "server/openapi_document.h"
#include "server/problem.h"
#include "server/session_auth.h"

namespace jz::server {
namespace {

Response Health(const std::string& db_path, const RouteContext& context) {
  StatusOr<HealthResult> health = CheckHealth({.db_path = db_path});
  if (!health.ok()) {
    // The cause names the server's files; it goes to the operator's log, not to the client.
    std::fprintf(stderr, "jingzhun serve: health: %s\n", health.status().ToString().c_str());
    return ProblemResponse({http::status::service_unavailable, StatusCode::kUnavailable,
                            Bilingual("数据库暂不可用", "the database is unavailable")},
                           context.lang, context.request.version());
  }
  return JsonResponse({{"status", "ok"},
                       {"version", health->version},
                       {"database", "ok"},
                       {"schema_version", health->schema_version}},
                      context.request.version());
}

}  // namespace

void AddApiRoutes(const ApiOptions& options, Router& router) {
  router.Add(http::verb::get, "/api/v1/health",
             [db_path = options.db_path](const RouteContext& context) { return Health(db_path, context); });
  if (!options.pool) return;
  AddSessionRoutes(options, router);
  AddHouseholdRoutes(options, router);
  // The document is served to signed-in users only (SERVER.md): the API's shape is not public.
  router.Add(http::verb::get, "/api/v1/openapi.json",
             Authenticated(*options.pool, options.now_unix_s,
                           [pool = options.pool](const RouteContext& c, const Caller&, Workspace&) {
                             Response response{http::status::ok, c.request.version()};
                             response.set(http::field::content_type, "application/json");
                             response.body() = std::string(OpenApiDocument());
                             SetApiHeaders(response);
                             response.prepare_payload();
                             return response;
                           }));
}

}  // namespace jz::server
