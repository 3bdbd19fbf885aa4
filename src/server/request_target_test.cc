// Request targets, the router and language negotiation: the pure parts of the server.
#include "server/request_target.h"

#include <gtest/gtest.h>

#include "core/limits.h"
#include "server/problem.h"
#include "server/router.h"
#include "tests/testutil/status_matchers.h"

namespace jz::server {
namespace {

TEST(RequestTarget, DecodesSegmentsAndQueryParameters) {
  ASSERT_OK_AND_ASSIGN(
      RequestTarget t,
      ParseRequestTarget("/api/v1//persons/%E5%BC%A0%2F1/?name=%E5%BC%A0+%E4%B8%89&limit=5&flag&&x="));
  EXPECT_EQ(t.segments, (std::vector<std::string>{"api", "v1", "persons", "张/1"}));
  ASSERT_EQ(t.query.size(), 4u);
  EXPECT_EQ(t.Query("name"), "张 三");
  EXPECT_EQ(t.Query("limit"), "5");
  EXPECT_EQ(t.Query("flag"), "");
  EXPECT_EQ(t.Query("x"), "");
  EXPECT_FALSE(t.Query("missing").has_value());
}

TEST(RequestTarget, RefusesMalformedTargets) {
  for (const char* bad :
       {"", "api/v1", "http://example.com/api", "/a%2", "/a%zz", "/a%00b", "/a?x=%0", "/a?%00=1"}) {
    StatusOr<RequestTarget> t = ParseRequestTarget(bad);
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(RequestTarget, LimitsTheNumberOfQueryParameters) {
  std::string target = "/api/v1/persons?";
  for (size_t i = 0; i < kMaxHttpQueryParameters; ++i) target += "a=1&";
  EXPECT_OK(ParseRequestTarget(target).status());
  target += "b=2";
  StatusOr<RequestTarget> t = ParseRequestTarget(target);
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(t.status().message(), ::testing::HasSubstr("more than 64 query parameters"));
}

Response Text(std::string body) {
  Response r;
  r.body() = std::move(body);
  return r;
}

TEST(Router, MatchesPatternsAndTellsTheAllowedMethods) {
  Router router;
  router.Add(http::verb::get, "/api/v1/households/{household_no}",
             [](const RouteContext&) { return Text("get"); });
  router.Add(http::verb::put, "/api/v1/households/{household_no}",
             [](const RouteContext&) { return Text("put"); });
  router.Add(http::verb::get, "/api/v1/households", [](const RouteContext&) { return Text("list"); });

  RouteMatch get = router.Find(http::verb::get, {"api", "v1", "households", "220224001"});
  ASSERT_NE(get.handler, nullptr);
  ASSERT_EQ(get.params.size(), 1u);
  EXPECT_EQ(get.params[0], (std::pair<std::string, std::string>("household_no", "220224001")));

  RouteMatch post = router.Find(http::verb::post, {"api", "v1", "households", "220224001"});
  EXPECT_EQ(post.handler, nullptr);
  EXPECT_EQ(Router::AllowHeader(post.allowed), "GET, PUT");

  RouteMatch none = router.Find(http::verb::get, {"api", "v1", "households", "1", "members"});
  EXPECT_EQ(none.handler, nullptr);
  EXPECT_TRUE(none.allowed.empty());
}

TEST(NegotiateLang, PicksTheSupportedLanguageWithTheHighestQuality) {
  EXPECT_EQ(NegotiateLang(""), Lang::kZhHans);
  EXPECT_EQ(NegotiateLang("en"), Lang::kEn);
  EXPECT_EQ(NegotiateLang("fr-FR, en-US;q=0.8, zh-TW;q=0.9"), Lang::kZhHant);
  EXPECT_EQ(NegotiateLang("de, fr;q=0.5"), Lang::kZhHans);
  EXPECT_EQ(NegotiateLang("en;q=abc, zh-Hant;q=0.1"), Lang::kZhHant);
  EXPECT_EQ(NegotiateLang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZhHans);
  EXPECT_EQ(NegotiateLang("en;q=0"), Lang::kZhHans);
}

}  // namespace
}  // namespace jz::server
