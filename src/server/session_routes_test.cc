// The session routes and the signed-in caller, through a real server on a loopback port:
// sign-in and its cookie, refusals, throttling and lockout, session fixation, CSRF, sign-out,
// password change, timeouts, malformed bodies, the audit entries and the client address.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "app/accounts/account_requests.h"
#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "server/api.h"
#include "server/dispatch.h"
#include "server/http_server.h"
#include "server/problem.h"
#include "server/session_auth.h"
#include "server/testing/api_fixture.h"
#include "tests/testutil/status_matchers.h"

namespace jz::server {
namespace {

using testing::ClientResponse;
using testing::Headers;

constexpr std::string_view kPassword = "correct horse battery";
constexpr std::string_view kNewPassword = "a different long passphrase";

nlohmann::json Json(const ClientResponse& r) { return nlohmann::json::parse(r.body()); }

std::string Credentials(std::string_view username, std::string_view password) {
  return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

// The token of a Set-Cookie "jz_session=TOKEN; …".
std::string CookieToken(const ClientResponse& r) {
  const std::string cookie(r[http::field::set_cookie]);
  const size_t start = cookie.find('=') + 1;
  return cookie.substr(start, cookie.find(';') - start);
}

class SessionRoutesTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    AddUserRequest user;
    user.username = "zhangsan";
    user.display_name = "张三";
    user.roles = {Role::kEntry};
    user.region = *RegionCode::Parse("222424100205");
    user.password = std::string(kPassword);
    ASSERT_OK(AddUser(*ws_, user).status());
  }

  // The API, and GET/POST /api/v1/testing/whoami behind Authenticated() (test-only routes under
  // /api/v1/testing/, which scripts/check-openapi leaves out).
  void Start(bool secure_cookies = false, std::string trusted_proxy = "") {
    ApiFixture::Start(
        secure_cookies, std::move(trusted_proxy),
        [](Router& router, WorkspacePool& pool, std::function<int64_t()> clock) {
          auto whoami = [](const RouteContext& c, const Caller& caller, Workspace&) {
            return JsonResponse(
                {{"username", caller.session.account.username}, {"client", caller.client_address}},
                c.request.version());
          };
          router.Add(http::verb::get, "/api/v1/testing/whoami", Authenticated(pool, clock, whoami));
          router.Add(http::verb::post, "/api/v1/testing/whoami", Authenticated(pool, clock, whoami));
          // An unset clock is the system's, as ApiOptions::now_unix_s may be passed on unset.
          router.Add(http::verb::get, "/api/v1/testing/whoami-now", Authenticated(pool, nullptr, whoami));
        });
  }
  using ApiFixture::SignedIn;
  // Signs in as zhangsan; the cookie header value and the CSRF token.
  std::pair<std::string, std::string> SignedIn(std::string_view password = kPassword) {
    return ApiFixture::SignedIn("zhangsan", password);
  }
};

TEST_F(SessionRoutesTest, SignInSetsAStrictHttpOnlyCookieAndAnswersTheSession) {
  Start();
  ClientResponse r = SignIn("ZhangSan", kPassword);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const std::string token = CookieToken(r);
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(r[http::field::set_cookie], "jz_session=" + token + "; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(r.body().find(token), std::string::npos);  // the token is never in a body
  const nlohmann::json body = Json(r);
  EXPECT_EQ(body["username"], "zhangsan");
  EXPECT_EQ(body["display_name"], "张三");
  EXPECT_EQ(body["roles"], nlohmann::json::array({"entry"}));
  EXPECT_EQ(
      body["scopes"],
      (nlohmann::json{{"write", "222424100205"}, {"view", "222424100205"}, {"search", "222424100205"}}));
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["password_change_required"], false);
  EXPECT_EQ(body["idle_expires"], now_ + kSessionIdleSeconds);
  EXPECT_EQ(body["absolute_expires"], now_ + kSessionAbsoluteSeconds);
  EXPECT_EQ(r[http::field::cache_control], "no-store");
}

TEST_F(SessionRoutesTest, SecureCookiesAddSecure) {
  Start(/*secure_cookies=*/true);
  ClientResponse r = SignIn("zhangsan", kPassword);
  EXPECT_EQ(r[http::field::set_cookie],
            "jz_session=" + CookieToken(r) + "; Path=/; HttpOnly; SameSite=Strict; Secure");
}

TEST_F(SessionRoutesTest, AWrongPasswordAndAnUnknownUserGetTheSame401) {
  Start();
  ClientResponse wrong = SignIn("zhangsan", "not the password at all");
  ClientResponse unknown = SignIn("nobody", "not the password at all");
  EXPECT_EQ(wrong.result_int(), 401);
  EXPECT_EQ(wrong[http::field::set_cookie], "");
  EXPECT_EQ(wrong.body(), unknown.body());
  EXPECT_EQ(Json(wrong)["code"], "PERMISSION_DENIED");
  EXPECT_EQ(Json(wrong)["detail"], "wrong username or password");
}

TEST_F(SessionRoutesTest, AThrottledSignInAnswers429WithRetryAfter) {
  Start();
  for (int i = 0; i < kSignInFreeFailures; ++i)
    EXPECT_EQ(SignIn("zhangsan", "wrong password!").result_int(), 401);
  ClientResponse r = SignIn("zhangsan", kPassword);
  EXPECT_EQ(r.result_int(), 429) << r.body();
  EXPECT_EQ(r[http::field::retry_after], "1");
  EXPECT_EQ(Json(r)["code"], "UNAVAILABLE");
  now_ += 1;
  EXPECT_EQ(SignIn("zhangsan", kPassword).result_int(), 201);
}

TEST_F(SessionRoutesTest, ALockedAccountIsToldSo) {
  Start();
  for (int i = 0; i < kSignInLockFailures; ++i) {
    now_ += kSignInMaxDelaySeconds;
    (void)SignIn("zhangsan", "wrong password!");
  }
  now_ += kSignInMaxDelaySeconds;
  ClientResponse r = SignIn("zhangsan", kPassword);
  EXPECT_EQ(r.result_int(), 401);
  EXPECT_NE(Json(r)["detail"].get<std::string>().find("locked"), std::string::npos) << r.body();
}

TEST_F(SessionRoutesTest, ASignInNeverTakesTheTokenTheClientSent) {
  Start();
  const std::string planted(64, 'a');
  ClientResponse r = SignIn("zhangsan", kPassword, {{"Cookie", "jz_session=" + planted}});
  ASSERT_EQ(r.result_int(), 201);
  EXPECT_NE(CookieToken(r), planted);
  EXPECT_EQ(
      Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", "jz_session=" + planted}}).result_int(),
      401);
}

TEST_F(SessionRoutesTest, CurrentAnswersTheSessionOnlyWithItsCookie) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  ClientResponse r = Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", "theme=dark; " + cookie}});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(Json(r)["username"], "zhangsan");
  EXPECT_EQ(Json(r)["csrf_token"], csrf);
  ClientResponse none = Call(http::verb::get, "/api/v1/sessions/current");
  ClientResponse forged = Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", "jz_session=abc"}});
  EXPECT_EQ(none.result_int(), 401);
  EXPECT_EQ(Json(none)["reason"], "SIGN_IN_REQUIRED");
  EXPECT_EQ(Json(none)["detail"], "please sign in");
  EXPECT_EQ(none.body(), forged.body());  // one body whatever the cause
}

TEST_F(SessionRoutesTest, StateChangingRequestsNeedTheCsrfToken) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  for (const Headers& h :
       {Headers{{"Cookie", cookie}}, Headers{{"Cookie", cookie}, {"X-CSRF-Token", "0" + csrf}},
        Headers{{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, '0')}}}) {
    ClientResponse r = Call(http::verb::delete_, "/api/v1/sessions/current", h);
    EXPECT_EQ(r.result_int(), 403);
    EXPECT_EQ(Json(r)["reason"], "CSRF_TOKEN_INVALID");
  }
  EXPECT_EQ(Call(http::verb::post, "/api/v1/testing/whoami", {{"Cookie", cookie}}).result_int(), 403);
  EXPECT_EQ(Call(http::verb::get, "/api/v1/testing/whoami", {{"Cookie", cookie}}).result_int(),
            200);  // GET needs none
  EXPECT_EQ(Call(http::verb::post, "/api/v1/testing/whoami", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
                .result_int(),
            200);
}

TEST_F(SessionRoutesTest, SignOutClearsTheCookieAndEndsTheSession) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  ClientResponse r =
      Call(http::verb::delete_, "/api/v1/sessions/current", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(r.result_int(), 204);
  EXPECT_EQ(r[http::field::set_cookie], "jz_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", cookie}}).result_int(), 401);
}

TEST_F(SessionRoutesTest, APasswordChangeEndsTheOtherSessions) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  const auto [other_cookie, other_csrf] = SignedIn();
  const std::string change =
      nlohmann::json{{"old_password", kPassword}, {"new_password", kNewPassword}}.dump();
  ClientResponse wrong_old =
      Call(http::verb::put, "/api/v1/sessions/current/password", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
           nlohmann::json{{"old_password", "not it at all"}, {"new_password", kNewPassword}}.dump());
  EXPECT_EQ(wrong_old.result_int(), 403);
  ClientResponse r = Call(http::verb::put, "/api/v1/sessions/current/password",
                          {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, change);
  EXPECT_EQ(r.result_int(), 204) << r.body();
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", cookie}}).result_int(), 200);
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", other_cookie}}).result_int(), 401);
  EXPECT_EQ(SignIn("zhangsan", kNewPassword).result_int(), 201);
}

TEST_F(SessionRoutesTest, AnAccountThatMustChangeItsPasswordMayOnlyDoThat) {
  ASSERT_OK(ResetPassword(*ws_, {"zhangsan", std::string(kNewPassword)}));
  Start();
  ClientResponse in = SignIn("zhangsan", kNewPassword);
  ASSERT_EQ(in.result_int(), 201);
  EXPECT_EQ(Json(in)["password_change_required"], true);
  const std::string cookie = "jz_session=" + CookieToken(in);
  const std::string csrf = Json(in)["csrf_token"];
  ClientResponse refused = Call(http::verb::get, "/api/v1/testing/whoami", {{"Cookie", cookie}});
  EXPECT_EQ(refused.result_int(), 403);
  EXPECT_EQ(Json(refused)["reason"], "PASSWORD_CHANGE_REQUIRED");
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", cookie}}).result_int(), 200);
  const std::string change =
      nlohmann::json{{"old_password", kNewPassword}, {"new_password", kPassword}}.dump();
  EXPECT_EQ(Call(http::verb::put, "/api/v1/sessions/current/password",
                 {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, change)
                .result_int(),
            204);
  EXPECT_EQ(Call(http::verb::get, "/api/v1/testing/whoami", {{"Cookie", cookie}}).result_int(), 200);
}

TEST_F(SessionRoutesTest, AnIdleSessionExpires) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  now_ += kSessionIdleSeconds - 1;
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", cookie}}).result_int(), 200);
  now_ += kSessionIdleSeconds + 1;
  EXPECT_EQ(Call(http::verb::get, "/api/v1/sessions/current", {{"Cookie", cookie}}).result_int(), 401);
}

TEST_F(SessionRoutesTest, AnUnsetClockIsTheSystemClock) {
  Start();
  const auto [cookie, csrf] = SignedIn();  // signed in at the system's now
  EXPECT_EQ(Call(http::verb::get, "/api/v1/testing/whoami-now", {{"Cookie", cookie}}).result_int(), 200);
}

TEST_F(SessionRoutesTest, MalformedSignInsAre4xxNamingTheField) {
  Start();
  const Headers json{{"Content-Type", "application/json"}};
  auto post = [&](const Headers& h, std::string body) {
    return Call(http::verb::post, "/api/v1/sessions", h, body);
  };
  EXPECT_EQ(post(json, "{not json").result_int(), 400);
  EXPECT_EQ(post(json, "[1, 2]").result_int(), 400);
  ClientResponse missing = post(json, R"({"username": "zhangsan"})");
  EXPECT_EQ(missing.result_int(), 400);
  EXPECT_NE(Json(missing)["detail"].get<std::string>().find("password"), std::string::npos);
  EXPECT_EQ(post(json, R"({"username": 7, "password": "x"})").result_int(), 400);
  ClientResponse huge = post(json, Credentials(std::string(200'000, 'a'), kPassword));
  EXPECT_EQ(huge.result_int(), 400);
  EXPECT_NE(Json(huge)["detail"].get<std::string>().find("username"), std::string::npos);
  EXPECT_EQ(post(json, Credentials("zhangsan", std::string(kMaxPasswordBytes + 1, 'p'))).result_int(), 400);
  EXPECT_EQ(post({{"Content-Type", "text/plain"}}, Credentials("zhangsan", kPassword)).result_int(), 415);
}

TEST_F(SessionRoutesTest, SignInAndSignOutAreAuditedWithoutTheToken) {
  Start();
  const auto [cookie, csrf] = SignedIn();
  EXPECT_EQ(SignIn("zhangsan", "wrong password!").result_int(), 401);  // no session: no entry
  EXPECT_EQ(
      Call(http::verb::delete_, "/api/v1/sessions/current", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
          .result_int(),
      204);
  const std::vector<AuditEntry> entries = Audit();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "session.start");
  EXPECT_EQ(entries[1].action, "session.end");
  for (const AuditEntry& e : entries) {
    EXPECT_EQ(e.actor, "zhangsan");
    EXPECT_EQ(e.client, "127.0.0.1");
    EXPECT_EQ(AuditCanonicalForm(e).find(cookie.substr(11)), std::string::npos);
  }
}

TEST_F(SessionRoutesTest, XForwardedForIsBelievedOnlyFromTheTrustedProxy) {
  Start(false, "127.0.0.1");
  const auto [cookie, csrf] = SignedIn();
  ClientResponse r = Call(http::verb::get, "/api/v1/testing/whoami",
                          {{"Cookie", cookie}, {"X-Forwarded-For", "198.51.100.1, 203.0.113.9"}});
  EXPECT_EQ(Json(r)["client"], "203.0.113.9");
  r = Call(http::verb::get, "/api/v1/testing/whoami",
           {{"Cookie", cookie}, {"X-Forwarded-For", "not an address"}});
  EXPECT_EQ(Json(r)["client"], "127.0.0.1");
}

TEST(ClientAddressTest, TheLastHopFromTheTrustedProxyOnly) {
  Request request{http::verb::get, "/", 11};
  request.insert("X-Forwarded-For", "10.0.0.1, 10.0.0.2");
  request.insert("X-Forwarded-For", "192.0.2.1,  2001:db8::1 ");
  EXPECT_EQ(ClientAddress(request, {.address = "127.0.0.1"}, "127.0.0.1"), "2001:db8::1");
  EXPECT_EQ(ClientAddress(request, {.address = "127.0.0.1"}, ""), "127.0.0.1");
  EXPECT_EQ(ClientAddress(request, {.address = "192.0.2.7"}, "127.0.0.1"), "192.0.2.7");
  EXPECT_EQ(ClientAddress(Request{http::verb::get, "/", 11}, {.address = "127.0.0.1"}, "127.0.0.1"),
            "127.0.0.1");
}

}  // namespace
}  // namespace jz::server
