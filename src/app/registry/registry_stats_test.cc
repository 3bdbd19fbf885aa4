#include "app/registry/registry_stats.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

TEST(RegistryStats, CountsByRegionAndCategory) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  ASSERT_OK(testing::LoadTestRegions(*store));
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  Household a = testing::TestHousehold("A", 3, 0);
  Household b = testing::TestHousehold("B", 2, 10);
  b.village = *RegionCode::Parse("222424100206");
  b.monitoring_type.reset();
  b.main_cause = PovertyCause::kDisability;
  Household c = testing::TestHousehold("C", 1, 20);
  c.attribute.reset();
  c.type = HouseholdType::kMonitored;
  for (const Household* h : {&a, &b, &c}) ASSERT_OK(writer->Upsert(*h));
  ASSERT_OK(writer->Commit());

  ASSERT_OK_AND_ASSIGN(RegistryStats by_village,
                       ComputeRegistryStats(*store, *RegionCode::Parse("22"), RegionLevel::kVillage));
  ASSERT_EQ(by_village.regions.size(), 2u);
  EXPECT_EQ(by_village.regions[0].name, "柳树河村委会");
  EXPECT_EQ(by_village.regions[0].households, 2);
  EXPECT_EQ(by_village.regions[0].persons, 4);
  EXPECT_EQ(by_village.regions[1].persons, 2);
  EXPECT_EQ(by_village.total.households, 3);
  EXPECT_EQ(by_village.total.persons, 6);
  EXPECT_EQ(by_village.total.by_type.at(static_cast<int>(HouseholdType::kMonitored)), 1);
  EXPECT_EQ(by_village.total.by_attribute.at(0), 1);  // empty attribute counted under 0
  EXPECT_EQ(by_village.total.by_main_cause.at(static_cast<int>(PovertyCause::kDisability)), 1);
  EXPECT_EQ(by_village.total.by_monitoring_type.at(0), 1);

  ASSERT_OK_AND_ASSIGN(RegistryStats by_county,
                       ComputeRegistryStats(*store, *RegionCode::Parse("2224"), RegionLevel::kCounty));
  ASSERT_EQ(by_county.regions.size(), 1u);
  EXPECT_EQ(by_county.regions[0].name, "汪清县");
  EXPECT_EQ(by_county.total.name, "延边朝鲜族自治州");

  ASSERT_OK_AND_ASSIGN(RegistryStats township,
                       ComputeRegistryStats(*store, *RegionCode::Parse("222424100"), RegionLevel::kVillage));
  EXPECT_EQ(township.total.households, 3);
  EXPECT_EQ(township.total.name, "汪清镇");
}

TEST(RegistryStats, LevelMustBeBelowScope) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  EXPECT_STATUS(ComputeRegistryStats(*store, *RegionCode::Parse("222424"), RegionLevel::kCounty),
                StatusCode::kInvalidArgument, "level");
  EXPECT_STATUS(ComputeRegistryStats(*store, *RegionCode::Parse("222424100205"), RegionLevel::kVillage),
                StatusCode::kInvalidArgument, "level");
}

}  // namespace
}  // namespace jz
