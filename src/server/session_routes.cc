// The session routes (api.h): sign in, the signed-in session, sign out, password change.
// Each parses, calls app (SignIn, ValidateSession through Authenticated, SignOut,
// ChangePassword, RecordAudit) and serialises. The session token travels only in the
// Set-Cookie and Cookie headers: never in a body, a log line or the audit.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/accounts/account_requests.h"
#include "app/audit/audit_log.h"
#include "core/audit_records.h"
#include "server/api.h"
#include "server/problem.h"
#include "server/session_auth.h"

namespace jz::server {
namespace {

// The longest username CheckUsername accepts; a longer one is refused before it reaches the
// sign-in attempts table.
constexpr size_t kMaxUsernameBytes = 64;

struct SessionRouteOptions {
  std::shared_ptr<WorkspacePool> pool;
  std::function<int64_t()> now_unix_s;
  bool secure_cookies = false;
};

Response Problem4xx(const RouteContext& c, http::status status, StatusCode code, std::string detail) {
  return ProblemResponse({status, code, std::move(detail)}, c.lang, c.request.version());
}

// A failure that is ours, not the client's: logged (without any secret), answered 500.
Response Internal(const RouteContext& c, std::string_view what, const Status& cause) {
  std::fprintf(stderr, "jingzhun serve: %s: %s\n", std::string(what).c_str(), cause.ToString().c_str());
  return Problem4xx(c, http::status::internal_server_error, StatusCode::kInternal,
                    Bilingual("服务器内部错误，已记录", "internal server error; it has been logged"));
}

Response Unavailable(const RouteContext& c, const Status& cause) {
  std::fprintf(stderr, "jingzhun serve: sessions: %s\n", cause.ToString().c_str());
  return Problem4xx(c, http::status::service_unavailable, StatusCode::kUnavailable,
                    Bilingual("数据库暂不可用", "the database is unavailable"));
}

// The string fields `names` of the request's JSON object body, each at most `max_bytes`;
// InvalidArgument naming the first missing, mistyped or oversized field.
StatusOr<std::vector<std::string>> StringFields(
    const Request& request, std::initializer_list<std::pair<const char*, size_t>> fields) {
  const nlohmann::json body = nlohmann::json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgumentError(Bilingual("请求体应为 JSON 对象", "the request body must be a JSON object"));
  }
  std::vector<std::string> values;
  for (const auto& [name, max_bytes] : fields) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_string()) {
      return InvalidArgumentError(
          Bilingual("缺少字符串字段 {}", "the string field {} is missing", std::string_view(name)));
    }
    std::string value = it->get<std::string>();
    if (value.size() > max_bytes) {
      return InvalidArgumentError(Bilingual("字段 {} 超过 {} 字节", "the field {} exceeds {} bytes",
                                            std::string_view(name), max_bytes));
    }
    values.push_back(std::move(value));
  }
  return values;
}

std::string CookieHeader(std::string_view value, bool secure, bool clear) {
  return fmt::format("{}={}; Path=/; {}HttpOnly; SameSite=Strict{}", kSessionCookie, value,
                     clear ? "Max-Age=0; " : "", secure ? "; Secure" : "");
}

nlohmann::json ScopeJson(const std::optional<RegionCode>& scope) {
  return scope ? nlohmann::json(scope->ToString()) : nlohmann::json(nullptr);
}

// The session as the client sees it (the times in Unix seconds, UTC).
nlohmann::json SessionJson(const Account& account, const std::string& csrf_token, int64_t idle_expires,
                           int64_t absolute_expires) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role role : account.roles) roles.push_back(std::string(CliName(role)));
  return {{"username", account.username},
          {"display_name", account.display_name},
          {"roles", std::move(roles)},
          {"scopes",
           {{"write", ScopeJson(account.scopes.write)},
            {"view", ScopeJson(account.scopes.view)},
            {"search", ScopeJson(account.scopes.search)}}},
          {"csrf_token", csrf_token},
          {"password_change_required", account.password_change_required},
          {"idle_expires", idle_expires},
          {"absolute_expires", absolute_expires}};
}

Response NoContent(const RouteContext& c) {
  Response response{http::status::no_content, c.request.version()};
  SetApiHeaders(response);
  return response;
}

// A refused sign-in: app's PermissionDenied (one message for an unknown user and a wrong
// password; the lock and the account's state told to whoever may know) → 401; throttling →
// 429 with Retry-After; the database's own Unavailable → 503.
Response SignInRefused(const RouteContext& c, Workspace& ws, const SignInRequest& request, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied) {
    return Problem4xx(c, http::status::unauthorized, StatusCode::kPermissionDenied, s.message());
  }
  if (s.code() != StatusCode::kUnavailable) return Internal(c, "sign-in", s);
  StatusOr<int64_t> wait = SignInRetryAfterSeconds(ws, request);
  if (!wait.ok()) return Unavailable(c, wait.status());
  if (*wait == 0) return Unavailable(c, s);
  Response response = Problem4xx(c, http::status::too_many_requests, StatusCode::kUnavailable, s.message());
  response.set(http::field::retry_after, std::to_string(*wait));
  return response;
}

Response StartSession(const SessionRouteOptions& o, const RouteContext& c) {
  if (!c.request[http::field::content_type].starts_with("application/json")) {
    return Problem4xx(c, http::status::unsupported_media_type, StatusCode::kInvalidArgument,
                      Bilingual("请求体应为 application/json", "the request body must be application/json"));
  }
  StatusOr<std::vector<std::string>> fields =
      StringFields(c.request, {{"username", kMaxUsernameBytes}, {"password", kMaxPasswordBytes}});
  if (!fields.ok()) {
    return Problem4xx(c, http::status::bad_request, StatusCode::kInvalidArgument, fields.status().message());
  }
  StatusOr<WorkspacePool::Lease> ws = o.pool->Acquire();
  if (!ws.ok()) return Unavailable(c, ws.status());
  // A fresh token every time, whatever cookie the client sent (no session fixation).
  const SignInRequest request{(*fields)[0], (*fields)[1], c.client_address, o.now_unix_s()};
  StatusOr<SignInResult> session = SignIn(**ws, request);
  if (!session.ok()) return SignInRefused(c, **ws, request, session.status());
  Status audited = RecordAudit(**ws, {.actor = session->account.username,
                                      .client = c.client_address,
                                      .action = std::string(audit_action::kSessionStart)})
                       .status();
  if (!audited.ok()) {
    // No session without its audit entry: end the one just opened.
    (void)SignOut(**ws, {session->token, request.now_unix_s});
    return Internal(c, "sign-in audit", audited);
  }
  Response response =
      JsonResponse(SessionJson(session->account, session->csrf_token, session->idle_expires_unix_s,
                               session->absolute_expires_unix_s),
                   c.request.version(), http::status::created);
  response.set(http::field::set_cookie, CookieHeader(session->token, o.secure_cookies, false));
  return response;
}

Response CurrentSession(const SessionRouteOptions& o, const RouteContext& c, const Caller& caller) {
  const SessionInfo& s = caller.session;
  return JsonResponse(SessionJson(s.account, s.csrf_token, o.now_unix_s() + kSessionIdleSeconds,
                                  s.created_unix_s + kSessionAbsoluteSeconds),
                      c.request.version());
}

Response EndSession(const SessionRouteOptions& o, const RouteContext& c, const Caller& caller,
                    Workspace& ws) {
  const std::optional<std::string> token = SessionToken(c.request);  // present: Authenticated checked
  if (Status s = SignOut(ws, {token.value_or(""), o.now_unix_s()}); !s.ok()) return Unavailable(c, s);
  Status audited = RecordAudit(ws, {.actor = caller.session.account.username,
                                    .client = caller.client_address,
                                    .action = std::string(audit_action::kSessionEnd)})
                       .status();
  if (!audited.ok()) return Internal(c, "sign-out audit", audited);
  Response response = NoContent(c);
  response.set(http::field::set_cookie, CookieHeader("", o.secure_cookies, true));
  return response;
}

Response ChangeOwnPassword(const SessionRouteOptions& o, const RouteContext& c, Workspace& ws) {
  StatusOr<std::vector<std::string>> fields =
      StringFields(c.request, {{"old_password", kMaxPasswordBytes}, {"new_password", kMaxPasswordBytes}});
  if (!fields.ok()) {
    return Problem4xx(c, http::status::bad_request, StatusCode::kInvalidArgument, fields.status().message());
  }
  const std::optional<std::string> token = SessionToken(c.request);
  StatusOr<int64_t> ended =
      ChangePassword(ws, {token.value_or(""), (*fields)[0], (*fields)[1], o.now_unix_s()});
  if (ended.ok()) return NoContent(c);
  switch (ended.status().code()) {
    case StatusCode::kPermissionDenied:  // the current password is wrong
      return Problem4xx(c, http::status::forbidden, StatusCode::kPermissionDenied, ended.status().message());
    case StatusCode::kInvalidArgument:  // the new password is refused, saying which rule
      return Problem4xx(c, http::status::bad_request, StatusCode::kInvalidArgument, ended.status().message());
    default:
      return Unavailable(c, ended.status());
  }
}

}  // namespace

void AddSessionRoutes(const ApiOptions& options, Router& router) {
  auto o = std::make_shared<SessionRouteOptions>(SessionRouteOptions{
      options.pool, options.now_unix_s ? options.now_unix_s : SystemNowUnixSeconds, options.secure_cookies});
  // Reading, ending the own session and changing the password stay open to an account that
  // must change its password: that is how it gets out of the state.
  const AuthOptions pending_ok{.allow_pending_password_change = true};
  router.Add(http::verb::post, "/api/v1/sessions",
             [o](const RouteContext& c) { return StartSession(*o, c); });
  router.Add(http::verb::get, "/api/v1/sessions/current",
             Authenticated(
                 *o->pool, o->now_unix_s,
                 [o](const RouteContext& c, const Caller& caller, Workspace&) {
                   return CurrentSession(*o, c, caller);
                 },
                 pending_ok));
  router.Add(http::verb::delete_, "/api/v1/sessions/current",
             Authenticated(
                 *o->pool, o->now_unix_s,
                 [o](const RouteContext& c, const Caller& caller, Workspace& ws) {
                   return EndSession(*o, c, caller, ws);
                 },
                 pending_ok));
  router.Add(
      http::verb::put, "/api/v1/sessions/current/password",
      Authenticated(
          *o->pool, o->now_unix_s,
          [o](const RouteContext& c, const Caller&, Workspace& ws) { return ChangeOwnPassword(*o, c, ws); },
          pending_ok));
}

}  // namespace jz::server
