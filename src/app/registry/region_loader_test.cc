// Region loading against the project's real shared data, and its failure modes.
#include "app/registry/region_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";

class RegionLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-regions-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(RegionLoaderTest, LoadsTheRealJilin2023Edition) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  ASSERT_OK_AND_ASSIGN(RegionLoadSummary s, LoadRegions(*store, kRegionsDir, 2023));
  // Counts from the data README: 31 provincial, 342 prefecture-level, 2978 county-level
  // units in the country, less the 3 county rows of cities without counties that repeat
  // their prefecture's code (东莞, 中山, 儋州); 1075 townships and 11860 villages in Jilin.
  EXPECT_EQ(s.by_level[1], 31);
  EXPECT_EQ(s.by_level[2], 342);
  EXPECT_EQ(s.by_level[3], 2978 - 3);
  ASSERT_OK_AND_ASSIGN(auto dongguan, store->FindRegion(*RegionCode::Parse("441900")));
  ASSERT_TRUE(dongguan.has_value());
  EXPECT_EQ(dongguan->name, "东莞市");
  EXPECT_EQ(s.by_level[4], 1075);
  EXPECT_EQ(s.by_level[5], 11860);
  ASSERT_OK_AND_ASSIGN(auto village, store->FindRegion(*RegionCode::Parse("222424107201")));
  ASSERT_TRUE(village.has_value());
  EXPECT_EQ(village->name, "东兴村委会");
}

TEST_F(RegionLoaderTest, Loads2016EditionWithUrbanRuralCodes) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  ASSERT_OK_AND_ASSIGN(RegionLoadSummary s, LoadRegions(*store, kRegionsDir, 2016));
  EXPECT_EQ(s.by_level[5], 11370);
  ASSERT_OK_AND_ASSIGN(std::optional<Region> village, store->FindRegion(*RegionCode::Parse("222424107201")));
  ASSERT_TRUE(village.has_value());
  const uint16_t urban_rural = village->urban_rural_code;
  EXPECT_EQ(urban_rural, 122);
}

TEST_F(RegionLoaderTest, BadRowNamesFileLineColumnAndStoresNothing) {
  Write("china-counties.csv",
        "code,name,parent_code,level,code12\n22,吉林省,,1,220000000000\n"
        "2224,延边朝鲜族自治州,22,2,222400000000\n222424,汪清县,2224,3,222424000000\n");
  Write("jilin-townships.csv", "code,name,parent_code,code12\n222424100,汪清镇,222424,222424100000\n");
  Write("jilin-villages.csv",
        "code,name,parent_code,county_code\n222424100205,柳树河村委会,222424100,222424\n"
        "222424199001,孤村委会,222424199,222424\n");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  auto result = LoadRegions(*store, dir_.string(), 2023);
  EXPECT_STATUS(result, StatusCode::kInvalidArgument, "jilin-villages.csv");
  EXPECT_STATUS(result, StatusCode::kInvalidArgument, "第 3 行");
  EXPECT_STATUS(result, StatusCode::kInvalidArgument, "parent_code");
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.regions, 0);
}

TEST_F(RegionLoaderTest, RejectsBadCodeWrongLevelAndDuplicates) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  const std::string rest_t = "code,name,parent_code,code12\n";
  const std::string rest_v = "code,name,parent_code,county_code\n";
  Write("jilin-townships.csv", rest_t);
  Write("jilin-villages.csv", rest_v);
  Write("china-counties.csv", "code,name,parent_code,level,code12\n2X,吉林省,,1,\n");
  EXPECT_STATUS(LoadRegions(*store, dir_.string(), 2023), StatusCode::kInvalidArgument,
                "invalid region code");
  Write("china-counties.csv", "code,name,parent_code,level,code12\n22,吉林省,,2,\n");
  EXPECT_STATUS(LoadRegions(*store, dir_.string(), 2023), StatusCode::kInvalidArgument, "level");
  Write("china-counties.csv", "code,name,parent_code,level,code12\n22,吉林省,,1,\n22,吉林,,1,\n");
  EXPECT_STATUS(LoadRegions(*store, dir_.string(), 2023), StatusCode::kInvalidArgument, "duplicate code");
  Write("china-counties.csv", "code,level\n22,1\n");
  EXPECT_STATUS(LoadRegions(*store, dir_.string(), 2023), StatusCode::kInvalidArgument, "header");
  Write("china-counties.csv", "");
  EXPECT_STATUS(LoadRegions(*store, dir_.string(), 2023), StatusCode::kInvalidArgument, "empty");
}

TEST_F(RegionLoaderTest, MissingDirectoryAndUnknownEdition) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  EXPECT_STATUS(LoadRegions(*store, (dir_ / "nope").string(), 2023), StatusCode::kNotFound,
                "china-counties.csv");
  EXPECT_STATUS(LoadRegions(*store, kRegionsDir, 2019), StatusCode::kInvalidArgument, "2019");
}

}  // namespace
}  // namespace jz
