// The signed-in caller (session_auth.h).
#include "server/session_auth.h"

#include <chrono>
#include <cstdio>
#include <utility>

#include "server/problem.h"

namespace jz::server {
namespace {

// Our tokens are 64 hex digits; anything much longer is not one of ours and is not hashed.
constexpr size_t kMaxTokenChars = 128;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Compares in time independent of where the texts differ, so the CSRF token cannot be
// guessed byte by byte from response times.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Response Forbidden(const RouteContext& context, std::string detail, std::string reason) {
  return ProblemResponse(
      {http::status::forbidden, StatusCode::kPermissionDenied, std::move(detail), std::move(reason)},
      context.lang, context.request.version());
}

Response DatabaseUnavailable(const RouteContext& context, const Status& cause) {
  // The cause names the server's files; it goes to the operator's log, not to the client.
  std::fprintf(stderr, "jingzhun serve: session check: %s\n", cause.ToString().c_str());
  return ProblemResponse({http::status::service_unavailable, StatusCode::kUnavailable,
                          Bilingual("数据库暂不可用", "the database is unavailable")},
                         context.lang, context.request.version());
}

}  // namespace

int64_t SystemNowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::string> SessionToken(const Request& request) {
  const auto [first, last] = request.equal_range(http::field::cookie);
  for (auto field = first; field != last; ++field) {
    std::string_view cookies = field->value();
    while (!cookies.empty()) {
      const size_t semicolon = cookies.find(';');
      const std::string_view pair = Trim(cookies.substr(0, semicolon));
      cookies = semicolon == std::string_view::npos ? std::string_view() : cookies.substr(semicolon + 1);
      const size_t equals = pair.find('=');
      if (equals == std::string_view::npos || Trim(pair.substr(0, equals)) != kSessionCookie) continue;
      const std::string_view value = Trim(pair.substr(equals + 1));
      if (value.empty() || value.size() > kMaxTokenChars) return std::nullopt;
      return std::string(value);
    }
  }
  return std::nullopt;
}

bool IsStateChanging(http::verb method) {
  return method == http::verb::post || method == http::verb::put || method == http::verb::patch ||
         method == http::verb::delete_;
}

Response SignInRequired(const RouteContext& context) {
  return ProblemResponse({http::status::unauthorized, StatusCode::kPermissionDenied,
                          Bilingual("请先登录", "please sign in"), "SIGN_IN_REQUIRED"},
                         context.lang, context.request.version());
}

RouteHandler Authenticated(WorkspacePool& pool, std::function<int64_t()> now_unix_s, AuthedHandler handler,
                           AuthOptions options) {
  if (!now_unix_s) now_unix_s = SystemNowUnixSeconds;  // ApiOptions::now_unix_s unset: the real clock
  return [&pool, now_unix_s = std::move(now_unix_s), handler = std::move(handler),
          options](const RouteContext& context) -> Response {
    const std::optional<std::string> token = SessionToken(context.request);
    if (!token) return SignInRequired(context);
    StatusOr<WorkspacePool::Lease> ws = pool.Acquire();
    if (!ws.ok()) return DatabaseUnavailable(context, ws.status());
    StatusOr<SessionInfo> session = ValidateSession(**ws, {*token, now_unix_s()});
    if (session.status().code() == StatusCode::kPermissionDenied) return SignInRequired(context);
    if (!session.ok()) return DatabaseUnavailable(context, session.status());
    if (IsStateChanging(context.request.method()) &&
        !SameSecret(context.request[kCsrfHeader], session->csrf_token)) {
      return Forbidden(context,
                       Bilingual("缺少或错误的 CSRF 令牌（请求头 {}）",
                                 "missing or wrong CSRF token (header {})", kCsrfHeader),
                       "CSRF_TOKEN_INVALID");
    }
    if (session->account.password_change_required && !options.allow_pending_password_change) {
      return Forbidden(
          context,
          Bilingual("请先修改密码", "change your password first (PUT /api/v1/sessions/current/password)"),
          "PASSWORD_CHANGE_REQUIRED");
    }
    const Caller caller{std::move(*session), context.client_address};
    return handler(context, caller, **ws);
  };
}

}  // namespace jz::server
