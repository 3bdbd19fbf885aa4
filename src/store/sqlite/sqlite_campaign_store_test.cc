// The campaign store on SQLite: campaigns, the frame, append-only draws and findings.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace jz {
namespace {

using testing::TestCampaign;
using testing::TestFindings;
using testing::TestHouseholdNo;

const std::vector<std::string> kItems = TestCampaign("x").items;

class CampaignStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::WriteTestHouseholds(*store_, 30));
  }
  std::unique_ptr<Store> store_;
};

TEST_F(CampaignStoreTest, CreatesFindsAndListsCampaigns) {
  CampaignStore& c = store_->campaigns();
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

TEST_F(CampaignStoreTest, FrameHasEveryHouseholdInScopeWithTypeAndPersons) {
  ASSERT_OK_AND_ASSIGN(std::vector<FrameHousehold> frame, store_->campaigns().ReadFrame(*RegionCode::Parse("222424")));
  ASSERT_EQ(frame.size(), 30u);
  EXPECT_EQ(frame[0].household_no, TestHouseholdNo(0));
  EXPECT_EQ(frame[0].type, HouseholdType::kOrdinaryFarm);
  EXPECT_EQ(frame[1].type, HouseholdType::kExited);
  EXPECT_EQ(frame[0].persons, 1);
  ASSERT_OK_AND_ASSIGN(frame, store_->campaigns().ReadFrame(*RegionCode::Parse("222424100205")));
  EXPECT_EQ(frame.size(), 15u);
}

TEST_F(CampaignStoreTest, DrawsAreAppendOnlyAndRefusedOnceFindingsExist) {
  CampaignStore& c = store_->campaigns();
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

TEST_F(CampaignStoreTest, FindingsKeepEveryRevisionAndReportTheLatest) {
  CampaignStore& c = store_->campaigns();
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

TEST_F(CampaignStoreTest, AHouseholdWithABadFindingStoresNothing) {
  CampaignStore& c = store_->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK(testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  HouseholdFindings twice = TestFindings(TestHouseholdNo(2), {"food", "water", "food"});
  EXPECT_STATUS(c.RecordFindings(id, twice), StatusCode::kInvalidArgument, "food");
  ASSERT_OK_AND_ASSIGN(int64_t recorded, c.CountRecordedHouseholds(id));
  EXPECT_EQ(recorded, 0);
}

TEST_F(CampaignStoreTest, ABatchStoresEveryGoodHouseholdAndRefusesTheOthersAlone) {
  CampaignStore& c = store_->campaigns();
  ASSERT_OK_AND_ASSIGN(int64_t id, c.CreateCampaign(TestCampaign("WQ")));
  ASSERT_OK(testing::SaveCensus(c, id, *RegionCode::Parse("222424")));
  std::vector<HouseholdFindings> batch = {TestFindings(TestHouseholdNo(1), kItems),
                                          TestFindings("nobody", kItems),
                                          TestFindings(TestHouseholdNo(2), {"food", "water", "food"}),
                                          TestFindings(TestHouseholdNo(3), kItems)};
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

TEST_F(CampaignStoreTest, RefusedWhileARegistryWriterIsOpen) {
  CampaignStore& c = store_->campaigns();
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  EXPECT_STATUS(c.CreateCampaign(TestCampaign("WQ")), StatusCode::kFailedPrecondition, "writer");
}

}  // namespace
}  // namespace jz
