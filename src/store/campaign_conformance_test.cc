// The campaign part of the store conformance suite (campaign_store.h): campaigns, the
// frame, append-only draws and findings revisions, written once against CampaignStore and run
// for every back end instantiated in the store tests (SQLite file and :memory:).
#include <gtest/gtest.h>

#include "store/sqlite/campaign_test_support.h"
#include "store/store_conformance_test.h"

namespace jz {
namespace {

using testing::TestCampaign;
using testing::TestFindings;
using testing::TestHouseholdNo;

const std::vector<std::string> kItems = TestCampaign("x").items;

TEST_P(StoreConformance, CampaignCreatesFindsAndListsCampaigns) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ-2025")));
  Campaign upper = TestCampaign("JL-2025");
  upper.level = CampaignLevel::kProvince;
  upper.compare_to = id;
  ASSERT_OK_AND_ASSIGN(int64_t upper_id, c.CreateCampaign(upper));
  EXPECT_STATUS(c.CreateCampaign(TestCampaign("WQ-2025")), StatusCode::kAlreadyExists, "WQ-2025");
  ASSERT_OK_AND_ASSIGN(std::optional<Campaign> found, c.FindCampaign("JL-2025"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, upper_id);
  EXPECT_EQ(found->level, CampaignLevel::kProvince);
  EXPECT_EQ(found->compare_to, id);
  EXPECT_EQ(found->items, kItems);
  EXPECT_EQ(found->income_line, Money::FromYuan(4000));
  ASSERT_OK_AND_ASSIGN(std::vector<Campaign> all, c.ListCampaigns());
  EXPECT_EQ(all.size(), 2u);
  ASSERT_OK_AND_ASSIGN(found, c.FindCampaign("nope"));
  EXPECT_FALSE(found);
}

TEST_P(StoreConformance, CampaignFrameHasEveryHouseholdInScopeWithTypeAndPersons) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  ASSERT_OK_AND_ASSIGN(std::vector<FrameHousehold> frame,
                       store->campaigns().ReadFrame(*RegionCode::Parse("222424")));
  ASSERT_EQ(frame.size(), 30u);
  EXPECT_EQ(frame[0].household_no, TestHouseholdNo(0));
  EXPECT_EQ(frame[0].type, HouseholdType::kOrdinaryFarm);
  EXPECT_EQ(frame[1].type, HouseholdType::kExited);
  EXPECT_EQ(frame[0].persons, 1);
  ASSERT_OK_AND_ASSIGN(frame, store->campaigns().ReadFrame(*RegionCode::Parse("222424100205")));
  EXPECT_EQ(frame.size(), 15u);
}

TEST_P(StoreConformance, CampaignDrawsAreAppendOnlyAndRefusedOnceFindingsExist) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK_AND_ASSIGN(std::optional<StoredSample> none, c.LoadSample(id));
  EXPECT_FALSE(none);
  ASSERT_OK_AND_ASSIGN(int32_t first, testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  ASSERT_OK_AND_ASSIGN(int32_t second, testing::SaveCensus(c, id, *RegionCode::Parse("222424100205")));
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  ASSERT_OK_AND_ASSIGN(std::optional<StoredSample> s, c.LoadSample(id));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->design.draw_no, 2);
  EXPECT_EQ(s->units.size(), 15u);  // the newest draw is current
  EXPECT_EQ(s->strata.size(), 2u);
  // A household of the first draw only is no longer in the sample.
  EXPECT_STATUS(c.RecordFindings(id, TestFindings(TestHouseholdNo(0), kItems)), StatusCode::kNotFound,
                TestHouseholdNo(0));
  ASSERT_OK(c.RecordFindings(id, TestFindings(TestHouseholdNo(1), kItems)));
  EXPECT_STATUS(testing::SaveCensus(c, id, *RegionCode::Parse("222424")), StatusCode::kFailedPrecondition,
                "cannot be re-drawn");
}

TEST_P(StoreConformance, CampaignFindingsKeepEveryRevisionAndReportTheLatest) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK(testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  ASSERT_OK_AND_ASSIGN(int32_t r1, c.RecordFindings(id, TestFindings(TestHouseholdNo(4), kItems)));
  HouseholdFindings again = TestFindings(TestHouseholdNo(4), {"food", "income"});
  again.findings[0].answer = FindingAnswer::kNo;
  again.findings[0].note = "缺粮";
  ASSERT_OK_AND_ASSIGN(int32_t r2, c.RecordFindings(id, again));
  ASSERT_OK(c.RecordFindings(id, TestFindings(TestHouseholdNo(7), {"water"})));
  EXPECT_EQ(r1, 1);
  EXPECT_EQ(r2, 2);
  std::vector<std::pair<int64_t, std::vector<CampaignFinding>>> seen;
  ASSERT_OK(c.ScanLatestFindings(id, [&](int64_t household, std::span<const CampaignFinding> f) {
    seen.emplace_back(household, std::vector<CampaignFinding>(f.begin(), f.end()));
    return OkStatus();
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].second, again.findings);
  EXPECT_EQ(seen[1].second.size(), 1u);
  ASSERT_OK_AND_ASSIGN(int64_t recorded, c.CountRecordedHouseholds(id));
  EXPECT_EQ(recorded, 2);
}

TEST_P(StoreConformance, CampaignAHouseholdWithABadFindingStoresNothing) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK(testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  HouseholdFindings twice = TestFindings(TestHouseholdNo(2), {"food", "water", "food"});
  EXPECT_STATUS(c.RecordFindings(id, twice), StatusCode::kInvalidArgument, "food");
  ASSERT_OK_AND_ASSIGN(int64_t recorded, c.CountRecordedHouseholds(id));
  EXPECT_EQ(recorded, 0);
}

TEST_P(StoreConformance, CampaignABatchStoresEveryGoodHouseholdAndRefusesTheOthersAlone) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK(testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  std::vector<HouseholdFindings> batch = {
      TestFindings(TestHouseholdNo(1), kItems), TestFindings("nobody", kItems),
      TestFindings(TestHouseholdNo(2), {"food", "water", "food"}), TestFindings(TestHouseholdNo(3), kItems)};
  std::vector<StatusOr<int32_t>> outcomes;
  ASSERT_OK(c.RecordFindingsBatch(id, batch, outcomes));
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_OK(outcomes[0]);
  EXPECT_STATUS(outcomes[1], StatusCode::kNotFound, "nobody");
  EXPECT_STATUS(outcomes[2], StatusCode::kInvalidArgument, "food");
  EXPECT_OK(outcomes[3]);
  int64_t rows = 0;
  ASSERT_OK(c.ScanLatestFindings(id, [&](int64_t, std::span<const CampaignFinding> f) {
    rows += static_cast<int64_t>(f.size());
    return OkStatus();
  }));
  EXPECT_EQ(rows, 18);  // households 1 and 3 whole; nothing of household 2's first two items
}

TEST_P(StoreConformance, CampaignDesignRoundTripsWithItsCodes) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  StoredSample sample;
  CampaignDesign& d = sample.design;
  d.seed = (uint64_t{1} << 53) - 1;
  d.frame_size = 30;
  d.strata = StrataKind::kVillage;
  d.allocation = SampleAllocation::kEqual;
  d.size = 4;
  d.registered_share_bp = -1;
  d.min_per_stratum = 1;
  d.sampling_rule = 2;
  d.sample_size = 1;
  d.drawn_by = "测试";
  d.drawn_on = *Date::FromYmd(2025, 3, 2);
  sample.strata.push_back({222424100205, true, 15, 1});
  ASSERT_OK_AND_ASSIGN(std::vector<FrameHousehold> frame, c.ReadFrame(*RegionCode::Parse("222424100205")));
  const FrameHousehold& h = frame.front();
  sample.units.push_back({h.household_id, h.household_no, h.village, 222424100205, h.type, h.persons, 0});
  ASSERT_OK_AND_ASSIGN(int32_t draw, c.SaveSample(id, sample));
  ASSERT_OK_AND_ASSIGN(std::optional<StoredSample> loaded, c.LoadSample(id));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->design.draw_no, draw);
  EXPECT_EQ(loaded->design.seed, d.seed);
  EXPECT_EQ(loaded->design.strata, StrataKind::kVillage);
  EXPECT_EQ(loaded->design.allocation, SampleAllocation::kEqual);
  EXPECT_EQ(loaded->design.registered_share_bp, -1);
  EXPECT_EQ(loaded->design.min_per_stratum, 1);
  EXPECT_EQ(loaded->design.sampling_rule, 2);
  EXPECT_EQ(loaded->design.drawn_on, d.drawn_on);
  ASSERT_EQ(loaded->units.size(), 1u);
  EXPECT_EQ(loaded->units[0].household_no, h.household_no);
}

TEST_P(StoreConformance, CampaignRefusedWhileARegistryWriterIsOpen) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_OK(testing::WriteTestHouseholds(*store, 30));
  CampaignStore& c = store->campaigns();
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  EXPECT_STATUS(c.CreateCampaign(TestCampaign("WQ")), StatusCode::kFailedPrecondition, "writer");
}

}  // namespace
}  // namespace jz
