// The routes of the JSON API under /api/v1. Each handler parses, calls one function of
// src/app and serialises its result: no decision is made here.
#ifndef JZ_SERVER_API_H_
#define JZ_SERVER_API_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "server/router.h"
#include "server/workspace_pool.h"

namespace jz::server {

struct ApiOptions {
  std::string db_path = {};
  // The workspaces of the routes that need a database; unset: only /health is served (the
  // protocol tests). Held by the routes, so it lives as long as the router.
  std::shared_ptr<WorkspacePool> pool = nullptr;
  // Unix seconds now; unset: the system clock (SystemNowUnixSeconds). Tests move it.
  std::function<int64_t()> now_unix_s = nullptr;
  // Mark the session cookie Secure (the server is reached over TLS through a proxy).
  bool secure_cookies = false;
};

// Adds every route of the API to `router`:
//   GET /api/v1/health → 200 {"status": "ok", "version", "database": "ok", "schema_version"},
//                        or a 503 problem when the database cannot be opened.
// and, when options.pool is set, the session routes (AddSessionRoutes).
void AddApiRoutes(const ApiOptions& options, Router& router);

// The session routes (session_routes.cc; the checks of every signed-in route: session_auth.h).
// The session object S is {"username", "display_name", "roles": [role ids], "scopes":
// {"write", "view", "search": 12-digit code or null}, "csrf_token", "password_change_required",
// "idle_expires", "absolute_expires" (Unix seconds)}.
//   POST   /api/v1/sessions  application/json {"username", "password"} → 201 S and
//          Set-Cookie: jz_session=TOKEN; Path=/; HttpOnly; SameSite=Strict[; Secure]. A new
//          token every time, whatever cookie was sent. 400 naming a missing or oversized
//          field, 415 for another content type, 401 for refused credentials (one body for an
//          unknown user and a wrong password) or a locked/disabled account (told so), 429
//          with Retry-After (seconds) while throttled. Audited as session.start.
//   GET    /api/v1/sessions/current → 200 S (with the csrf_token: the UI needs it after a
//          reload).
//   DELETE /api/v1/sessions/current → 204 and the cookie cleared (Max-Age=0). Audited as
//          session.end.
//   PUT    /api/v1/sessions/current/password {"old_password", "new_password"} → 204; the
//          account's other sessions end. 403 for a wrong old password, 400 for a refused new one.
// A failed audit record fails the request (500; a sign-in's new session is ended again).
// REQUIRES: options.pool set.
void AddSessionRoutes(const ApiOptions& options, Router& router);

}  // namespace jz::server

#endif  // JZ_SERVER_API_H_
