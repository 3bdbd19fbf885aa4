// The household routes through a real server: scope (outside answers exactly as missing),
// masking, the audited reveal with CSRF, bad queries, and the OpenAPI document served.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/openapi_document.h"
#include "server/testing/api_fixture.h"
#include "tests/testutil/workspace_seed.h"

namespace jz::server {
namespace {

using testing::ClientResponse;

constexpr std::string_view kPassword = "correct horse battery";
constexpr char kHere[] = "2224241002050001";   // 柳树河村
constexpr char kThere[] = "2224241002060001";  // 新民村

nlohmann::json Json(const ClientResponse& r) { return nlohmann::json::parse(r.body()); }

std::string Percent(std::string_view text) {
  std::string out;
  for (const char c : text) out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
  return out;
}

class HouseholdRoutesTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    Household here = jz::testing::TestHousehold(kHere, 2, 0);
    here.members[0].name = "张伟";
    Household there = jz::testing::TestHousehold(kThere, 1, 10);
    there.village = *RegionCode::Parse("222424100206");
    there.members[0].name = "張偉";
    there_id_ = there.members[0].id_number.ToString();
    here_id_ = here.members[0].id_number.ToString();
    ASSERT_OK(jz::testing::SeedTestHouseholds(*ws_, {here, there}));
    AddAccount("cun", {Role::kEntry}, "222424100205", kPassword);
    AddAccount("xian", {Role::kViewer}, "222424", kPassword);
    AddAccount("shenji", {Role::kAuditor}, "22", kPassword);
    Start();
  }

  ClientResponse Get(std::string_view target, const std::string& cookie) {
    return Call(http::verb::get, target, {{"Cookie", cookie}});
  }

  std::string here_id_;
  std::string there_id_;
};

TEST_F(HouseholdRoutesTest, SearchFindsBothSpellingsInsideTheScopeMasked) {
  const auto [cookie, csrf] = SignedIn("xian", kPassword);
  ClientResponse r = Get("/api/v1/households?q=" + Percent("張偉"), cookie);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const nlohmann::json body = Json(r);
  EXPECT_EQ(body["matched_by"], "name");
  ASSERT_EQ(body["items"].size(), 2u);
  EXPECT_EQ(body["items"][0]["household_no"], kHere);
  EXPECT_EQ(body["items"][0]["name"], "张伟");
  EXPECT_EQ(body["items"][1]["name"], "張偉");
  EXPECT_EQ(r.body().find(here_id_), std::string::npos);
  EXPECT_NE(body["items"][0]["id_number"].get<std::string>().find("********"), std::string::npos);
  EXPECT_TRUE(body["next"].is_null());
}

TEST_F(HouseholdRoutesTest, AVillageAccountGetsTheSame404OutsideAsForNothing) {
  const auto [cookie, csrf] = SignedIn("cun", kPassword);
  ClientResponse outside = Get(std::string("/api/v1/households/") + kThere, cookie);
  ClientResponse missing = Get("/api/v1/households/2224241002069999", cookie);
  ASSERT_EQ(outside.result_int(), 404);
  ASSERT_EQ(missing.result_int(), 404);
  nlohmann::json a = Json(outside), b = Json(missing);
  // The same body but for the number the caller typed.
  a["detail"] = a["detail"].get<std::string>().replace(a["detail"].get<std::string>().find(kThere), 16, "N");
  b["detail"] = b["detail"].get<std::string>().replace(
      b["detail"].get<std::string>().find("2224241002069999"), 16, "N");
  EXPECT_EQ(a, b);
  ClientResponse by_id = Get("/api/v1/households?q=" + there_id_, cookie);
  ASSERT_EQ(by_id.result_int(), 200);
  EXPECT_TRUE(Json(by_id)["items"].empty());
  ClientResponse own = Get(std::string("/api/v1/households/") + kHere, cookie);
  ASSERT_EQ(own.result_int(), 200) << own.body();
  EXPECT_EQ(Json(own)["members"][0]["health"], "masked");
  EXPECT_EQ(Json(own)["phone"], "139****5678");
  EXPECT_EQ(own.body().find(here_id_), std::string::npos);
}

TEST_F(HouseholdRoutesTest, RevealNeedsCsrfAReasonAndARoleThatMay) {
  const auto [cookie, csrf] = SignedIn("cun", kPassword);
  const std::string target = std::string("/api/v1/households/") + kHere + "/reveal";
  const nlohmann::json reason = {{"reason", "入户核实"}};
  EXPECT_EQ(Call(http::verb::post, target, {{"Cookie", cookie}, {"Content-Type", "application/json"}},
                 reason.dump())
                .result_int(),
            403);  // no CSRF token
  EXPECT_EQ(Call(http::verb::post, target, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, "{}").result_int(),
            400);
  ClientResponse clear =
      Call(http::verb::post, target, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, reason.dump());
  ASSERT_EQ(clear.result_int(), 200) << clear.body();
  EXPECT_EQ(Json(clear)["members"][0]["id_number"], here_id_);
  EXPECT_EQ(Json(clear)["revealed"], true);

  const auto [viewer_cookie, viewer_csrf] = SignedIn("xian", kPassword);
  ClientResponse refused = Call(http::verb::post, target,
                                {{"Cookie", viewer_cookie}, {"X-CSRF-Token", viewer_csrf}}, reason.dump());
  EXPECT_EQ(refused.result_int(), 403);
  EXPECT_EQ(refused.body().find(here_id_), std::string::npos);

  std::vector<std::string> actions;
  for (const AuditEntry& e : Audit()) {
    if (e.action == audit_action::kReveal) {
      EXPECT_EQ(e.actor, "cun");
      EXPECT_EQ(e.reason, "入户核实");
      EXPECT_EQ(e.client, "127.0.0.1");
    }
    actions.push_back(e.action);
  }
  EXPECT_EQ(std::count(actions.begin(), actions.end(), std::string(audit_action::kReveal)), 1);
}

TEST_F(HouseholdRoutesTest, AnAuditorAndAStrangerSeeNoHousehold) {
  const auto [cookie, csrf] = SignedIn("shenji", kPassword);
  EXPECT_EQ(Get(std::string("/api/v1/households/") + kHere, cookie).result_int(), 404);
  EXPECT_TRUE(Json(Get("/api/v1/households?q=" + Percent("张伟"), cookie))["items"].empty());
  EXPECT_EQ(
      Get(std::string("/api/v1/households/") + kHere, "jz_session=" + std::string(64, 'a')).result_int(),
      401);
  EXPECT_EQ(Call(http::verb::get, "/api/v1/households?q=x").result_int(), 401);
}

TEST_F(HouseholdRoutesTest, BadQueriesAre400NamingTheParameter) {
  const auto [cookie, csrf] = SignedIn("xian", kPassword);
  ClientResponse empty = Get("/api/v1/households", cookie);
  EXPECT_EQ(empty.result_int(), 400);
  EXPECT_EQ(Json(empty)["code"], "INVALID_ARGUMENT");
  ClientResponse limit = Get("/api/v1/households?q=a&limit=ten", cookie);
  EXPECT_EQ(limit.result_int(), 400);
  EXPECT_NE(Json(limit)["detail"].get<std::string>().find("limit"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/households?q=a&limit=100000", cookie).result_int(), 400);
  EXPECT_EQ(Get("/api/v1/households?q=a&after=zzz", cookie).result_int(), 400);
  EXPECT_EQ(Get("/api/v1/households?q=" + std::string(300, 'a'), cookie).result_int(), 400);
  EXPECT_EQ(Get("/api/v1/households?q=222424196003010011", cookie).result_int(), 400);  // bad check digit
  // A 户编号 search finds the one household.
  ClientResponse by_no = Get(std::string("/api/v1/households?q=") + kHere, cookie);
  ASSERT_EQ(by_no.result_int(), 200);
  EXPECT_EQ(Json(by_no)["matched_by"], "household_no");
  EXPECT_EQ(Json(by_no)["items"].size(), 1u);
}

TEST_F(HouseholdRoutesTest, TheOpenApiDocumentIsServedToSignedInUsersOnly) {
  EXPECT_EQ(Call(http::verb::get, "/api/v1/openapi.json").result_int(), 401);
  const auto [cookie, csrf] = SignedIn("xian", kPassword);
  ClientResponse r = Get("/api/v1/openapi.json", cookie);
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), OpenApiDocument());
  EXPECT_EQ(Json(r)["openapi"], "3.1.0");
  EXPECT_EQ(Call(http::verb::get, "/api/v1/health").result_int(), 200);
}

}  // namespace
}  // namespace jz::server
