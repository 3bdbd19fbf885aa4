#include "app/workspace.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

Region MakeRegion(std::string_view code, std::string name) {
  return Region{.code = *RegionCode::Parse(code), .name = std::move(name), .edition_year = 2023};
}

TEST(Workspace, ProvinceIsTheOneWhoseRegionsAreLoaded) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
  std::unique_ptr<Workspace> ws = Workspace::Over(std::move(store));
  StatusOr<RegionCode> none = ws->Province();
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(none.status().message(), ::testing::HasSubstr("regions load"));

  std::vector<Region> jilin = {MakeRegion("22", "吉林省"), MakeRegion("2224", "延边朝鲜族自治州")};
  ASSERT_OK(ws->store().UpsertRegions(jilin));
  ASSERT_OK_AND_ASSIGN(RegionCode province, ws->Province());
  EXPECT_EQ(province.ShortString(), "22");
  ASSERT_OK_AND_ASSIGN(RegionCode scope, ws->ScopeOr(RegionCode::Parse("2224").value()));
  EXPECT_EQ(scope.ShortString(), "2224");
}

TEST(Workspace, SeveralProvincesNeedAnExplicitScope) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
  std::unique_ptr<Workspace> ws = Workspace::Over(std::move(store));
  std::vector<Region> two = {MakeRegion("22", "吉林省"), MakeRegion("23", "黑龙江省")};
  ASSERT_OK(ws->store().UpsertRegions(two));
  EXPECT_EQ(ws->Province().status().code(), StatusCode::kInvalidArgument);
  EXPECT_OK(ws->ScopeOr(RegionCode::Parse("23").value()).status());
}

// `regions load` loads every county of China and the villages of the registry's province.
TEST(Workspace, ProvinceWithVillagesWinsOverTheNationalFrame) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
  std::unique_ptr<Workspace> ws = Workspace::Over(std::move(store));
  std::vector<Region> loaded = {MakeRegion("11", "北京市"),          MakeRegion("22", "吉林省"),
                                MakeRegion("23", "黑龙江省"),        MakeRegion("2224", "延边朝鲜族自治州"),
                                MakeRegion("222424", "汪清县"),      MakeRegion("222424100", "汪清镇"),
                                MakeRegion("222424100205", "东光村")};
  ASSERT_OK(ws->store().UpsertRegions(loaded));
  ASSERT_OK_AND_ASSIGN(RegionCode province, ws->Province());
  EXPECT_EQ(province.ShortString(), "22");
}

TEST(Workspace, TodayIsTheConfiguredDate) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
  const Date day = *Date::FromYmd(2026, 3, 1);
  EXPECT_EQ(Workspace::Over(std::move(store), day)->today(), day);
}

TEST(Workspace, MissingDatabaseIsNotFoundNamingThePath) {
  const std::string path = (std::filesystem::temp_directory_path() / "jz-no-such-dir" / "x.db").string();
  StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open({.db_path = path, .create_if_missing = false, .today = std::nullopt});
  ASSERT_FALSE(ws.ok());
  EXPECT_THAT(ws.status().message(), ::testing::HasSubstr(path));
}

}  // namespace
}  // namespace jz
