// Region names to codes against the project's real shared data: both NBS editions (2023 and
// 2016) loaded side by side, as `jingzhun regions load` does, and the resolver over them.
#include "app/registry/region_names.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "app/registry/internal/region_name_text.h"
#include "app/registry/region_loader.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";

// EXPECT that a StatusOr<RegionCode> holds `want`.
#define EXPECT_RESOLVES(expr, want)                              \
  do {                                                           \
    auto resolved_ = (expr);                                     \
    ASSERT_TRUE(resolved_.ok()) << resolved_.status().message(); \
    EXPECT_EQ(*resolved_, (want));                               \
  } while (0)

RegionCode Code(std::string_view digits) { return *RegionCode::Parse(digits); }

PlaceNames Place(std::string county, std::string township, std::string village) {
  return PlaceNames{std::move(county), std::move(township), std::move(village)};
}

TEST(NormalizePlaceName, FoldsSpacesWidthScriptAndCommitteeSuffixes) {
  EXPECT_EQ(NormalizePlaceName("柳树河村委会"), "柳树河村");
  EXPECT_EQ(NormalizePlaceName("柳树河村民委员会"), "柳树河村");
  EXPECT_EQ(NormalizePlaceName("头道村民委员会"), "头道村");
  EXPECT_EQ(NormalizePlaceName("山门村村民委员会"), "山门村");
  EXPECT_EQ(NormalizePlaceName("新华社区居委会"), "新华社区");
  EXPECT_EQ(NormalizePlaceName("新华居委会"), "新华社区");
  EXPECT_EQ(NormalizePlaceName("第一居民委员会"), "第一社区");
  EXPECT_EQ(NormalizePlaceName("河南街道办事处"), "河南街道");
  EXPECT_EQ(NormalizePlaceName("合隆居委会（合隆经济开发区）（省级）"), "合隆社区");
  EXPECT_EQ(NormalizePlaceName(" 汪清\u3000镇\t"), "汪清镇");
  EXPECT_EQ(NormalizePlaceName("一０九村"), "一0九村");
  EXPECT_EQ(NormalizePlaceName("ＡＢＣ～！"), "ABC~!");
  EXPECT_EQ(NormalizePlaceName("汪清縣"), "汪清县");
  EXPECT_EQ(NormalizePlaceName("柳樹河村委會"), "柳树河村");
  // 县/市/区/旗 are part of the name; a suffix alone is not cut to nothing.
  EXPECT_EQ(NormalizePlaceName("汪清县"), "汪清县");
  EXPECT_EQ(NormalizePlaceName("村委会"), "村委会");
  EXPECT_EQ(NormalizePlaceName(""), "");
}

TEST(RegionNameText, RanksByCodePoints) {
  EXPECT_EQ(internal::SharedPrefixLength("柳树河村", "柳树沟村"), 2u);
  EXPECT_EQ(internal::EditDistance("柳树河村", "柳树沟村"), 1u);
  EXPECT_EQ(internal::EditDistance("汪清", "汪清县"), 1u);
  EXPECT_EQ(internal::EditDistance("", "abc"), 3u);
}

TEST(RegionNameResolver, NoRegionsLoadedIsOneErrorSayingWhatToRun) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  auto empty = RegionNameResolver::Load(*store, Code("22"));
  EXPECT_STATUS(empty, StatusCode::kFailedPrecondition, "jingzhun regions load");
  EXPECT_STATUS(empty, StatusCode::kFailedPrecondition, "22");
  // Counties without villages cannot resolve a village either.
  const std::vector<Region> counties = {{Code("22"), "吉林省", 2023, 0}, {Code("222424"), "汪清县", 2023, 0}};
  ASSERT_OK(store->UpsertRegions(counties));
  EXPECT_STATUS(RegionNameResolver::Load(*store, Code("22")), StatusCode::kFailedPrecondition,
                "jingzhun regions load");
  // Villages of another province do not count.
  ASSERT_OK(testing::LoadTestRegions(*store));
  EXPECT_STATUS(RegionNameResolver::Load(*store, Code("21")), StatusCode::kFailedPrecondition, "21");
  EXPECT_OK(RegionNameResolver::Load(*store, Code("22")));
}

// Both real editions, loaded once for the suite (a few seconds).
class RealRegions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = OpenSqliteStore(":memory:").value().release();
    ASSERT_OK(LoadRegions(*store_, kRegionsDir, 2023));
    ASSERT_OK(LoadRegions(*store_, kRegionsDir, 2016));
    resolver_ = RegionNameResolver::Load(*store_, Code("22")).value().release();
  }
  static void TearDownTestSuite() {
    delete resolver_;
    delete store_;
  }
  static StatusOr<RegionCode> Resolve(std::string county, std::string township, std::string village) {
    return resolver_->Resolve(Place(std::move(county), std::move(township), std::move(village)));
  }
  static Store* store_;
  static RegionNameResolver* resolver_;
};
Store* RealRegions::store_ = nullptr;
RegionNameResolver* RealRegions::resolver_ = nullptr;

TEST_F(RealRegions, BothEditionsSideBySideAndFindRegionKeepsTheNewest) {
  ASSERT_OK_AND_ASSIGN(auto village, store_->FindRegion(Code("220102011201")));
  ASSERT_TRUE(village.has_value());
  EXPECT_EQ(village->edition_year, 2023);
  EXPECT_EQ(village->name, "黑咀子村委会");
  ASSERT_OK_AND_ASSIGN(auto moved, store_->FindRegion(Code("220381")));
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->edition_year, 2016);
  ASSERT_OK_AND_ASSIGN(std::vector<Region> all, store_->ListRegionsAllEditions(Code("220102011201")));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "黑嘴子村委会");
  EXPECT_EQ(all[0].edition_year, 2016);
}

TEST_F(RealRegions, ResolvesTheNamesPeopleWrite) {
  const RegionCode want = Code("222424100205");
  EXPECT_RESOLVES(Resolve("汪清县", "汪清镇", "柳树河村"), want);
  EXPECT_RESOLVES(Resolve("汪清县", "汪清镇", "柳树河村委会"), want);
  EXPECT_RESOLVES(Resolve("汪清县", "汪清镇", "柳树河村民委员会"), want);
  EXPECT_RESOLVES(Resolve("汪清縣", "汪清鎮", "柳樹河村"), want);
  EXPECT_RESOLVES(Resolve(" 汪清县\u3000", "汪\u3000清 镇", "柳树河村\u3000"), want);
  // Without a county, the township is unique in the province.
  EXPECT_RESOLVES(Resolve("", "汪清镇", "柳树河村"), want);
  // A name with a digit, written with a full-width one.
  EXPECT_RESOLVES(Resolve("长岭县", "三团乡", "一０九村"), Code("220722208203"));
  // Names that carry their whole path in the NBS file are found by their last part.
  EXPECT_RESOLVES(Resolve("铁东区", "山门镇", "山门村"), Code("220303100200"));
}

TEST_F(RealRegions, SameVillageNameInAnotherCountyIsAnotherVillage) {
  EXPECT_RESOLVES(Resolve("敦化市", "大蒲柴河镇", "柳树河村"), Code("222403107203"));
  EXPECT_STATUS(Resolve("敦化市", "汪清镇", "柳树河村"), StatusCode::kInvalidArgument, "汪清镇");
}

TEST_F(RealRegions, DuplicateNamesAreResolvedByTheirParent) {
  // 农安县 has three 兴隆村: the township decides.
  EXPECT_RESOLVES(Resolve("农安县", "农安镇", "兴隆村"), Code("220122100232"));
  EXPECT_RESOLVES(Resolve("农安县", "伏龙泉镇", "兴隆村"), Code("220122101202"));
  EXPECT_RESOLVES(Resolve("农安县", "三岗镇", "兴隆村"), Code("220122110212"));
  // 万宝镇 is in three counties: the county decides.
  EXPECT_RESOLVES(Resolve("宽城区", "万宝镇", "开拓居委会"), Code("220103102001"));
  EXPECT_RESOLVES(Resolve("宽城区", "万宝镇", "开拓社区"), Code("220103102001"));
}

TEST_F(RealRegions, AmbiguousNamesListEveryCandidatesPathAndCode) {
  auto village = Resolve("农安县", "", "兴隆村");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument, "兴隆村");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument,
                "吉林省/长春市/农安县/农安镇/兴隆村委会 (220122100232)");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument,
                "吉林省/长春市/农安县/伏龙泉镇/兴隆村委会 (220122101202)");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument,
                "吉林省/长春市/农安县/三岗镇/兴隆村委会 (220122110212)");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument, "ambiguous");
  auto township = Resolve("", "万宝镇", "万宝村");
  EXPECT_STATUS(township, StatusCode::kInvalidArgument, "(220103102000)");
  EXPECT_STATUS(township, StatusCode::kInvalidArgument, "(220881101000)");
  EXPECT_STATUS(township, StatusCode::kInvalidArgument, "(222426105000)");
  EXPECT_STATUS(township, StatusCode::kInvalidArgument, "乡级");
}

TEST_F(RealRegions, UnknownNamesSayLevelNameAndTheClosestCandidates) {
  // 县/市/区/旗 must be written: 汪清 is not 汪清县, which is offered first.
  auto county = Resolve("汪清", "汪清镇", "柳树河村");
  EXPECT_STATUS(county, StatusCode::kInvalidArgument, "县级");
  EXPECT_STATUS(county, StatusCode::kInvalidArgument,
                "no county named \"汪清\" in 吉林省; closest: 汪清县 (222424000000)");
  auto village = Resolve("汪清县", "汪清镇", "柳树村");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument,
                "吉林省/延边朝鲜族自治州/汪清县/汪清镇 下没有名为「柳树村」的村级区划");
  EXPECT_STATUS(village, StatusCode::kInvalidArgument, "closest: 柳树河村委会 (222424100205)");
  EXPECT_STATUS(Resolve("汪清县", "汪清镇", ""), StatusCode::kInvalidArgument, "no village name");
}

TEST_F(RealRegions, UnknownNameShowsAtMostFiveCandidates) {
  ASSERT_FALSE(Resolve("汪清县", "汪清镇", "不存在村").ok());
  const std::string message = std::string(Resolve("汪清县", "汪清镇", "不存在村").status().message());
  const std::string english = MessageHalf(message, true);
  size_t codes = 0;
  for (size_t at = english.find("(2224241"); at != std::string::npos; at = english.find("(2224241", at + 1))
    ++codes;
  EXPECT_EQ(codes, 5u) << english;
}

TEST_F(RealRegions, NamesOfThe2016EditionMapToTheCurrentUnit) {
  // Renamed in place: 黑嘴子村 (2016) is 黑咀子村 (2023), same code; 明珠街道办事处 is 明珠街道.
  EXPECT_RESOLVES(Resolve("南关区", "明珠街道办事处", "黑嘴子村"), Code("220102011201"));
  EXPECT_RESOLVES(Resolve("南关区", "明珠街道", "黑咀子村"), Code("220102011201"));
}

TEST_F(RealRegions, GongzhulingMovedFromSipingToChangchun) {
  // 2016: 四平市 公主岭市 220381; 2023: 长春市 公主岭市 220184. Its 2016 names and codes lead to
  // the 2023 units.
  EXPECT_RESOLVES(Resolve("公主岭市", "河南街道办事处", "正阳社区"), Code("220184001001"));
  EXPECT_RESOLVES(Resolve("公主岭市", "河南街道", "正阳社区居委会"), Code("220184001001"));
  EXPECT_RESOLVES(resolver_->Current(Code("220381001001")), Code("220184001001"));
  EXPECT_RESOLVES(resolver_->Current(Code("220184001001")), Code("220184001001"));
  EXPECT_STATUS(resolver_->Current(Code("220381999999")), StatusCode::kNotFound, "220381999999");
  // Every 2016 village of 公主岭市 whose name is still there maps to a 2023 village of 公主岭市
  // with that name.
  ASSERT_OK_AND_ASSIGN(std::vector<Region> old, store_->ListRegionsAllEditions(Code("220381")));
  int mapped = 0;
  for (const Region& r : old) {
    if (r.code.level() != RegionLevel::kVillage) continue;
    StatusOr<RegionCode> current = resolver_->Current(r.code);
    if (!current.ok()) continue;
    ++mapped;
    EXPECT_TRUE(Code("220184").Contains(*current)) << r.code << " → " << *current;
    ASSERT_OK_AND_ASSIGN(auto unit, store_->FindRegion(*current));
    EXPECT_EQ(NormalizePlaceName(unit->name), NormalizePlaceName(r.name)) << r.code;
  }
  EXPECT_GT(mapped, 400);  // of 465; the rest were renamed or merged
}

TEST_F(RealRegions, CodesAndNamesMustAgree) {
  EXPECT_OK(resolver_->CheckAgrees(Code("222424100205"), Place("汪清县", "汪清镇", "柳树河村")));
  EXPECT_OK(resolver_->CheckAgrees(Code("222424100205"), Place("", "", "柳树河村委会")));
  EXPECT_OK(resolver_->CheckAgrees(Code("222424100205"), Place("汪清縣", "", "")));
  // Either edition's names agree with a code of both.
  EXPECT_OK(resolver_->CheckAgrees(Code("220102011201"), Place("南关区", "明珠街道办事处", "黑嘴子村")));
  EXPECT_OK(resolver_->CheckAgrees(Code("220381001001"), Place("公主岭市", "河南街道", "正阳社区")));
  auto wrong = resolver_->CheckAgrees(Code("222424100205"), Place("敦化市", "汪清镇", "柳树河村"));
  EXPECT_STATUS(wrong, StatusCode::kInvalidArgument, "222424100205");
  EXPECT_STATUS(wrong, StatusCode::kInvalidArgument, "its county is 汪清县, not 敦化市");
  EXPECT_STATUS(resolver_->CheckAgrees(Code("222424100205"), Place("汪清县", "汪清镇", "新民村")),
                StatusCode::kInvalidArgument, "its village is 柳树河村委会, not 新民村");
  EXPECT_STATUS(resolver_->CheckAgrees(Code("222424100999"), Place("汪清县", "", "")), StatusCode::kNotFound,
                "222424100999");
}

// Every 2023 village, named by its county, township and its own name as the NBS file
// writes it, and as people shorten it (村委会 → 村), resolves to its own code.
TEST_F(RealRegions, EveryCurrentVillageResolvesToItselfByItsNames) {
  ASSERT_OK_AND_ASSIGN(std::vector<Region> all, store_->ListRegionsAllEditions(Code("22")));
  std::unordered_map<uint64_t, std::string> names;
  for (const Region& r : all) {
    if (r.edition_year == 2023) names[r.code.value()] = r.name;
  }
  int villages = 0;
  std::vector<std::string> failures;
  for (const Region& r : all) {
    if (r.edition_year != 2023 || r.code.level() != RegionLevel::kVillage) continue;
    ++villages;
    const std::string& county = names[r.code.AtLevel(RegionLevel::kCounty).value()];
    const std::string& township = names[r.code.AtLevel(RegionLevel::kTownship).value()];
    for (const std::string& name : {r.name, NormalizePlaceName(r.name)}) {
      StatusOr<RegionCode> got = resolver_->Resolve(Place(county, township, name));
      if (!got.ok() || *got != r.code) {
        failures.push_back(r.code.ToString() + " " + name + ": " +
                           (got.ok() ? got->ToString() : std::string(got.status().message())));
      }
    }
  }
  EXPECT_EQ(villages, 11860);
  EXPECT_LE(failures.size(), 0u) << failures.size()
                                 << " failures, first: " << (failures.empty() ? "" : failures.front());
}

// Run by hand for the figures in the report (not a timed test):
//   app_test --gtest_also_run_disabled_tests --gtest_filter='RegionNameTiming.*'
TEST(RegionNameTiming, DISABLED_LoadAndResolve) {
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(":memory:"));
  ASSERT_OK(LoadRegions(*store, kRegionsDir, 2023));
  ASSERT_OK(LoadRegions(*store, kRegionsDir, 2016));
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  ASSERT_OK_AND_ASSIGN(auto resolver, RegionNameResolver::Load(*store, Code("22")));
  const auto loaded = Clock::now();
  const std::vector<PlaceNames> rows = {Place("汪清县", "汪清镇", "柳树河村"),
                                        Place("农安县", "三岗镇", "兴隆村委会"),
                                        Place("敦化市", "大蒲柴河镇", "柳树河村委会")};
  const std::vector<PlaceNames> hant = {Place("汪清縣", "汪清鎮", "柳樹河村")};
  constexpr int kRounds = 200'000;
  auto time = [&](const std::vector<PlaceNames>& places) {
    const auto t0 = Clock::now();
    uint64_t sum = 0;
    for (int i = 0; i < kRounds; ++i)
      sum += resolver->Resolve(places[static_cast<size_t>(i) % places.size()])->value();
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    EXPECT_NE(sum, 0u);
    return static_cast<double>(ns) / kRounds;
  };
  std::printf("Load: %.1f ms; Resolve zh-Hans: %.0f ns/row; zh-Hant: %.0f ns/row\n",
              std::chrono::duration<double, std::milli>(loaded - start).count(), time(rows), time(hant));
}

}  // namespace
}  // namespace jz
