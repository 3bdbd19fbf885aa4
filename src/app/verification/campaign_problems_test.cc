// A campaign's 不符合 findings become ledger problems, one per household and item, with the
// lower level's miss named; running it again adds nothing; bad requests store nothing.
#include "app/verification/campaign_problems.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/verification/campaigns.h"
#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace jz {
namespace {

using ::testing::HasSubstr;

class CampaignProblemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::WriteTestHouseholds(*store_, 40));
  }
  Campaign Create(const std::string& code, CampaignLevel level, const std::string& compare_to) {
    CreateCampaignRequest r{code,
                            code == "WQ" ? "汪清县自查" : "省级抽查",
                            level,
                            *RegionCode::Parse("222424"),
                            {},
                            compare_to,
                            Money::FromYuan(4000),
                            "测试",
                            *Date::FromYmd(2025, 3, 1)};
    return CreateCampaign(*store_, r).value();
  }
  StoredSample Draw(const std::string& code) {
    DrawRequest r;
    r.campaign = code;
    r.design.size = 10;
    r.design.seed = 3;
    r.strata = StrataKind::kVillage;
    r.drawn_by = "测试";
    r.drawn_on = *Date::FromYmd(2025, 3, 2);
    return DrawCampaignSample(*store_, r).value().sample;
  }
  // All nine items 符合, except `failing` answered 不符合 with a note.
  HouseholdFindings Findings(const std::string& household_no, const std::vector<std::string>& failing) {
    HouseholdFindings f = testing::TestFindings(
        household_no,
        {"food", "clothing", "education", "medical", "housing", "water", "income", "assistance", "accuracy"});
    for (CampaignFinding& x : f.findings) {
      if (std::find(failing.begin(), failing.end(), x.item) == failing.end()) continue;
      x.answer = FindingAnswer::kNo;
      x.note = "核查发现";
    }
    return f;
  }
  CampaignProblemsRequest Request(const std::string& code) {
    return {code, "汪清县乡村振兴局", "赵六", "", "省核查组", *Date::FromYmd(2025, 4, 1), 30};
  }

  std::unique_ptr<Store> store_;
};

TEST_F(CampaignProblemsTest, EachFailedItemBecomesOneProblemNamingTheLowerLevelsMiss) {
  const Campaign county = Create("WQ", CampaignLevel::kCounty, "");
  const StoredSample census = Draw("WQ");
  const Campaign province = Create("JL", CampaignLevel::kProvince, "WQ");
  const StoredSample sample = Draw("JL");
  ASSERT_GE(sample.units.size(), 2u);
  const std::string a = sample.units[0].household_no, b = sample.units[1].household_no;
  // The county found b's water problem but passed a's housing; the province finds both, and
  // a's income below the 4,000-yuan line although answered 符合.
  ASSERT_OK(RecordHouseholdFindings(*store_, county, Findings(a, {})));
  ASSERT_OK(RecordHouseholdFindings(*store_, county, Findings(b, {"water"})));
  HouseholdFindings fa = Findings(a, {"housing"});
  for (CampaignFinding& x : fa.findings) {
    if (x.item == "income") x.value = Money::FromYuan(3500);
  }
  ASSERT_OK(RecordHouseholdFindings(*store_, province, fa));
  ASSERT_OK(RecordHouseholdFindings(*store_, province, Findings(b, {"water"})));
  for (size_t i = 2; i < sample.units.size(); ++i) {
    ASSERT_OK(RecordHouseholdFindings(*store_, province, Findings(sample.units[i].household_no, {})));
  }

  ASSERT_OK_AND_ASSIGN(AddedProblems added, OpenProblemsFromCampaign(*store_, Request("JL")));
  EXPECT_EQ(added.added, 3);
  ASSERT_OK_AND_ASSIGN(std::vector<Problem> problems, store_->ledger().ListProblems({}));
  ASSERT_EQ(problems.size(), 3u);
  std::map<std::string, const Problem*> by_item;
  for (const Problem& p : problems) by_item[p.source_item] = &p;
  const Problem* housing = by_item.at(a + "/housing");
  EXPECT_EQ(housing->category, ProblemCategory::kHousingSafety);
  EXPECT_EQ(housing->source, ProblemSource::kCampaign);
  EXPECT_EQ(housing->source_ref, "JL");
  EXPECT_EQ(housing->household_no, a);
  EXPECT_EQ(housing->region, sample.units[0].village);
  EXPECT_EQ(housing->owner, "赵六");
  EXPECT_EQ(housing->deadline, *Date::FromYmd(2025, 5, 1));
  EXPECT_THAT(housing->description, HasSubstr("住房安全有保障不符合"));
  EXPECT_THAT(housing->description, HasSubstr("汪清县自查（WQ）判为符合，属漏查"));
  const Problem* income = by_item.at(a + "/income");
  EXPECT_EQ(income->category, ProblemCategory::kIncome);
  EXPECT_THAT(income->description, HasSubstr("属漏查"));
  const Problem* water = by_item.at(b + "/water");
  EXPECT_EQ(water->category, ProblemCategory::kDrinkingWater);
  EXPECT_THAT(water->description, ::testing::Not(HasSubstr("漏查")));  // the county found it too

  // Idempotent: a second run adds nothing; a later recording adds only the new problem.
  ASSERT_OK_AND_ASSIGN(added, OpenProblemsFromCampaign(*store_, Request("JL")));
  EXPECT_EQ(added.added, 0);
  EXPECT_EQ(added.unchanged, 3);
  ASSERT_OK(RecordHouseholdFindings(*store_, province, Findings(sample.units[2].household_no, {"accuracy"})));
  ASSERT_OK_AND_ASSIGN(added, OpenProblemsFromCampaign(*store_, Request("JL")));
  EXPECT_EQ(added.added, 1);
  EXPECT_EQ(store_->ledger().ListProblems({})->size(), 4u);
  (void)census;
}

TEST_F(CampaignProblemsTest, TheUnitCanNameEachHouseholdsCounty) {
  const Campaign county = Create("WQ", CampaignLevel::kCounty, "");
  const StoredSample census = Draw("WQ");
  ASSERT_OK(RecordHouseholdFindings(*store_, county, Findings(census.units[0].household_no, {"water"})));
  CampaignProblemsRequest r = Request("WQ");
  r.responsible_unit = "{county}乡村振兴局";
  ASSERT_OK(OpenProblemsFromCampaign(*store_, r));
  ASSERT_OK_AND_ASSIGN(std::vector<Problem> problems, store_->ledger().ListProblems({}));
  ASSERT_EQ(problems.size(), 1u);
  ASSERT_OK_AND_ASSIGN(std::optional<Region> wangqing, store_->FindRegion(*RegionCode::Parse("222424")));
  ASSERT_TRUE(wangqing.has_value());
  EXPECT_EQ(problems[0].responsible_unit, wangqing->name + "乡村振兴局");
}

TEST_F(CampaignProblemsTest, RefusesUnknownCampaignsUndrawnOnesAndMissingOwners) {
  EXPECT_STATUS(OpenProblemsFromCampaign(*store_, Request("NOPE")), StatusCode::kNotFound, "NOPE");
  const Campaign county = Create("WQ", CampaignLevel::kCounty, "");
  EXPECT_STATUS(OpenProblemsFromCampaign(*store_, Request("WQ")), StatusCode::kFailedPrecondition,
                "no sample");
  const StoredSample census = Draw("WQ");
  ASSERT_OK(RecordHouseholdFindings(*store_, county, Findings(census.units[0].household_no, {"water"})));
  CampaignProblemsRequest r = Request("WQ");
  r.owner = "";
  EXPECT_STATUS(OpenProblemsFromCampaign(*store_, r), StatusCode::kInvalidArgument, "nothing stored");
  EXPECT_TRUE(store_->ledger().ListProblems({})->empty());
}

}  // namespace
}  // namespace jz
