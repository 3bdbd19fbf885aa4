// The signed-in caller: the door every API route that needs one goes through. A route wraps
// its handler in Authenticated(); the wrapper reads the session cookie, checks the session
// with app's ValidateSession on a leased Workspace, checks the CSRF token of state-changing
// requests, and only then calls the handler with the caller and the workspace.
//
//   router.Add(http::verb::get, "/api/v1/households/{household_no}",
//              Authenticated(pool, now_unix_s, [](const RouteContext& c, const Caller& caller,
//                                                 Workspace& ws) { ... }));
//
// Refusals (problem+json, code PERMISSION_DENIED, the extension member "reason"):
//  - 401, reason SIGN_IN_REQUIRED, "请先登录 | please sign in": no cookie, an unknown, ended
//    or expired session, a disabled or expired account. One body for every cause, so a
//    client learns nothing about a token it did not get by signing in.
//  - 403, reason CSRF_TOKEN_INVALID: POST, PUT, PATCH or DELETE without the header
//    X-CSRF-Token equal to the session's CSRF token (SameSite=Strict is the first wall, the
//    token the second: a form or a script on another site cannot read it).
//  - 403, reason PASSWORD_CHANGE_REQUIRED: the account must change its password first
//    (after a reset or a roster import); routes built with allow_pending_password_change
//    (the password change, reading and ending the own session) are let through.
//  - 503 UNAVAILABLE when the database cannot be opened or read (the cause is logged).
#ifndef JZ_SERVER_SESSION_AUTH_H_
#define JZ_SERVER_SESSION_AUTH_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/accounts/account_requests.h"
#include "app/workspace.h"
#include "server/http_types.h"
#include "server/router.h"
#include "server/workspace_pool.h"

namespace jz::server {

// The session cookie's name and the CSRF header's.
inline constexpr std::string_view kSessionCookie = "jz_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct Caller {
  SessionInfo session;         // app/accounts/account_requests.h: account, roles, scopes, csrf
  std::string client_address;  // as RouteContext
};

// A handler that needs a signed-in caller; it gets a leased Workspace too (the one the
// session was checked on, for this request only).
using AuthedHandler = std::function<Response(const RouteContext&, const Caller&, Workspace&)>;

struct AuthOptions {
  // Let an account that must change its password through (see above).
  bool allow_pending_password_change = false;
};

// `handler` behind the checks above; `now_unix_s` is the clock (tests move it; empty: the
// system clock, so ApiOptions::now_unix_s can be passed as it is). `pool` must outlive the
// returned handler (ApiOptions::pool is shared: capture it in the route).
RouteHandler Authenticated(WorkspacePool& pool, std::function<int64_t()> now_unix_s, AuthedHandler handler,
                           AuthOptions options = {});

// The system clock in Unix seconds: the server's now_unix_s.
int64_t SystemNowUnixSeconds();

// The value of the jz_session cookie in the request's Cookie headers, or nullopt when there
// is none (or it is empty, or longer than any token we issue).
std::optional<std::string> SessionToken(const Request& request);

// POST, PUT, PATCH, DELETE: the methods that need the CSRF token.
bool IsStateChanging(http::verb method);

// The 401 of every refused session (see above), for routes that check a session themselves.
Response SignInRequired(const RouteContext& context);

}  // namespace jz::server

#endif  // JZ_SERVER_SESSION_AUTH_H_
