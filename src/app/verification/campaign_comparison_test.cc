// The paired comparison between levels (campaign_report.cc): a county self-check and a province
// spot-check built so that, on the households both recorded, the province finds exactly k more
// failing households than the county; households only one level recorded must not count. Also
// each campaign's own counts, the thin-figure flag, the interval method and the disagreements
// file through the doors' request.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app/verification/campaigns.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace jz {
namespace {

using testing::TestHouseholdNo;

constexpr int kHouseholds = 300;
constexpr size_t kSkipped = 3;  // sampled by the province, not recorded by the county
constexpr int kExtra = 4;       // failures only the province found, on the overlap

class CampaignComparisonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::WriteTestHouseholds(*store, kHouseholds));
    ws_ = Workspace::Over(std::move(store), *Date::FromYmd(2025, 4, 30));
    std::string pattern = (std::filesystem::temp_directory_path() / "jz-comparison-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Store& store() { return ws_->store(); }

  StatusOr<Campaign> Create(const std::string& code, CampaignLevel level, const std::string& compare_to) {
    return CreateCampaign(store(), {code,
                                    code + " 核查",
                                    level,
                                    *RegionCode::Parse(level == CampaignLevel::kCounty ? "222424" : "22"),
                                    {},
                                    compare_to,
                                    Money::FromYuan(4000),
                                    "测试",
                                    *Date::FromYmd(2025, 3, 1)});
  }
  StatusOr<DrawResult> Draw(const std::string& code, int64_t size) {
    DrawRequest r;
    r.campaign = code;
    r.design.size = size;
    r.design.seed = 3;
    r.strata = StrataKind::kVillage;
    r.drawn_on = *Date::FromYmd(2025, 3, 2);
    return DrawCampaignSample(store(), r);
  }
  // Records `no` with every item 符合 but water 不符合 when `fails`.
  Status Record(const Campaign& c, const std::string& no, bool fails) {
    HouseholdFindings f = testing::TestFindings(no, c.items);
    if (fails) f.findings[5].answer = FindingAnswer::kNo;  // water: fails the standard
    return RecordHouseholdFindings(store(), c, f).status();
  }

  // The pair: WQ (county census) and JL (province, 60 households by village, compare_to WQ).
  // On JL's sample, the first kSkipped households are recorded by JL only; among the rest
  // (the overlap), every fifth exited household fails at both levels and the next kExtra
  // exited households fail at the province only. The county also finds failures among the
  // households the province did not sample, which the comparison must ignore.
  void BuildPair() {
    ASSERT_OK_AND_ASSIGN(Campaign county, Create("WQ", CampaignLevel::kCounty, ""));
    ASSERT_OK_AND_ASSIGN(Campaign province, Create("JL", CampaignLevel::kProvince, "WQ"));
    ASSERT_OK(Draw("WQ", 0));
    ASSERT_OK_AND_ASSIGN(DrawResult drawn, Draw("JL", 60));
    upper_ = drawn.sample;
    std::set<std::string> sampled;
    int exited_seen = 0, extra = 0;
    for (size_t k = 0; k < upper_.units.size(); ++k) {
      const CampaignUnit& u = upper_.units[k];
      sampled.insert(u.household_no);
      const bool exited = u.type != HouseholdType::kOrdinaryFarm;
      if (k < kSkipped) {
        ASSERT_OK(Record(province, u.household_no, true));  // not in the overlap: must not count
        continue;
      }
      const bool both = exited && exited_seen++ % 5 == 0;
      const bool only_upper = exited && !both && extra < kExtra;
      extra += only_upper;
      ASSERT_OK(Record(province, u.household_no, both || only_upper));
      ASSERT_OK(Record(county, u.household_no, both));
      upper_fails_[u.household_no] = both || only_upper;
      lower_fails_[u.household_no] = both;
    }
    ASSERT_EQ(extra, kExtra);
    for (int i = 0; i < kHouseholds; ++i) {
      if (sampled.count(TestHouseholdNo(i))) continue;
      ASSERT_OK(Record(county, TestHouseholdNo(i), i % 7 == 0));
    }
  }

  // The paired estimator written out for the test: on the overlap's exited households,
  // weight N_c / o_c (o_c = overlap households of the cell), Σ w (y_u − y_l) / Σ w x.
  struct Expected {
    double upper = 0, lower = 0, difference = 0;
    int64_t households = 0;
  };
  Expected ExpectedWrongExit() const {
    std::map<std::pair<uint64_t, bool>, std::pair<int64_t, int64_t>> cells;  // N_c, o_c
    for (const CampaignStratum& s : upper_.strata) cells[{s.stratum, s.registered}] = {s.frame_count, 0};
    for (const auto& [no, fails] : upper_fails_) {
      for (const CampaignUnit& u : upper_.units) {
        if (u.household_no == no) ++cells[{u.stratum, u.type != HouseholdType::kOrdinaryFarm}].second;
      }
    }
    double yu = 0, yl = 0, x = 0;
    Expected e;
    for (const CampaignUnit& u : upper_.units) {
      if (!upper_fails_.count(u.household_no) || u.type == HouseholdType::kOrdinaryFarm) continue;
      const auto [n_frame, overlap] = cells[{u.stratum, true}];
      const double w = static_cast<double>(n_frame) / static_cast<double>(overlap);
      yu += w * upper_fails_.at(u.household_no);
      yl += w * lower_fails_.at(u.household_no);
      x += w;
      ++e.households;
    }
    e.upper = yu / x;
    e.lower = yl / x;
    e.difference = (yu - yl) / x;
    return e;
  }

  std::unique_ptr<Workspace> ws_;
  std::string dir_;
  StoredSample upper_;
  std::map<std::string, bool> upper_fails_, lower_fails_;  // the overlap's judgements
};

TEST_F(CampaignComparisonTest, PairedDifferenceIsExactlyWhatTheUpperLevelFoundMoreOnTheOverlap) {
  BuildPair();
  ASSERT_OK_AND_ASSIGN(CampaignReport report, BuildCampaignReport(store(), "JL", RegionLevel::kVillage));
  const RegionResult& t = report.total;
  ASSERT_TRUE(t.comparison);
  const LevelComparison& c = *t.comparison;
  const Expected e = ExpectedWrongExit();
  EXPECT_EQ(c.overlap, 60 - static_cast<int64_t>(kSkipped));
  EXPECT_EQ(c.disagreeing, kExtra);
  EXPECT_EQ(c.wrong_exit.disagreeing, kExtra);
  EXPECT_EQ(c.wrong_exit.difference.households, e.households);
  EXPECT_GT(e.difference, 0);
  EXPECT_NEAR(c.wrong_exit.difference.rate, e.difference, 1e-12);
  EXPECT_NEAR(c.wrong_exit.upper.rate, e.upper, 1e-12);
  EXPECT_NEAR(c.wrong_exit.lower.rate, e.lower, 1e-12);
  EXPECT_NEAR(c.wrong_exit.difference.numerator_units, kExtra, 1e-12);  // unweighted persons
  EXPECT_LT(c.wrong_exit.difference.ci_low, c.wrong_exit.difference.rate);
  EXPECT_GT(c.wrong_exit.difference.ci_high, c.wrong_exit.difference.rate);
  EXPECT_EQ(c.population, "两级均核查的 57 户 | the 57 households both levels checked");
  // 漏评率: nobody failed among the overlap's ordinary households at either level.
  EXPECT_EQ(c.missed.disagreeing, 0);
  EXPECT_DOUBLE_EQ(c.missed.difference.rate, 0);
  // Every disagreement is one of the kExtra households, on the water item.
  ASSERT_EQ(report.disagreements.size(), static_cast<size_t>(kExtra));
  for (const ItemDisagreement& d : report.disagreements) {
    EXPECT_EQ(d.item, "water");
    EXPECT_EQ(d.upper, FindingAnswer::kNo);
    EXPECT_EQ(d.lower, FindingAnswer::kYes);
    EXPECT_TRUE(upper_fails_.at(d.household_no) && !lower_fails_.at(d.household_no)) << d.household_no;
    EXPECT_FALSE(d.village_name.empty());
  }
  const ItemResult& water = t.items[5];
  EXPECT_EQ(water.compared, c.overlap);
  EXPECT_EQ(water.discrepancies, kExtra);
}

// The county's own figures keep the county's own counts; the paired rate of the county is on
// the overlap, not on the failures it found among households the province did not sample.
TEST_F(CampaignComparisonTest, EachCampaignKeepsItsOwnCountsAndTheComparisonOnlyTheOverlap) {
  BuildPair();
  ASSERT_OK_AND_ASSIGN(CampaignReport report, BuildCampaignReport(store(), "JL", RegionLevel::kCounty));
  const RegionResult& t = report.total;
  EXPECT_EQ(t.sampled, 60);
  EXPECT_EQ(t.recorded, 60);
  ASSERT_TRUE(t.lower_own);
  EXPECT_EQ(t.lower_own->sampled, kHouseholds);
  EXPECT_EQ(t.lower_own->recorded, kHouseholds - static_cast<int64_t>(kSkipped));
  EXPECT_GT(t.lower_own->wrong_exit.households, t.comparison->wrong_exit.lower.households);
  EXPECT_NE(t.lower_own->wrong_exit.rate, t.comparison->wrong_exit.lower.rate);
  EXPECT_NEAR(t.comparison->wrong_exit.lower.rate, ExpectedWrongExit().lower, 1e-12);
  EXPECT_NE(t.lower_own->population.find("WQ"), std::string::npos) << t.lower_own->population;
  EXPECT_NE(t.population.find("60"), std::string::npos) << t.population;
}

TEST_F(CampaignComparisonTest, FiguresOnFewerThanTheMinimumOfHouseholdsAreFlagged) {
  BuildPair();
  ASSERT_OK_AND_ASSIGN(CampaignReport report, BuildCampaignReport(store(), "JL", RegionLevel::kVillage));
  EXPECT_EQ(report.thin_minimum, kMinRecordedHouseholdsPerFigure);
  int thin = 0, solid = 0;
  auto check = [&](const RateFigure& f) {
    if (!f.defined) return;
    EXPECT_EQ(f.thin, !f.census && f.households < kMinRecordedHouseholdsPerFigure) << f.households;
    (f.thin ? thin : solid) += 1;
  };
  std::vector<const RegionResult*> rows = {&report.total};
  for (const RegionResult& r : report.regions) rows.push_back(&r);
  for (const RegionResult* r : rows) {
    check(r->wrong_exit);
    check(r->missed);
    ASSERT_TRUE(r->comparison);
    check(r->comparison->wrong_exit.difference);
    check(r->comparison->missed.difference);
  }
  EXPECT_GT(thin, 0);   // a village's ~20 exited households
  EXPECT_GT(solid, 0);  // the county's ~40
  EXPECT_FALSE(report.total.wrong_exit.thin);
  EXPECT_TRUE(report.regions[0].comparison->wrong_exit.difference.thin);
}

TEST_F(CampaignComparisonTest, IntervalMethodIsChosenAndBadNamesAreRefused) {
  BuildPair();
  CampaignReportRequest r{"JL", RegionLevel::kCounty};
  ASSERT_OK_AND_ASSIGN(CampaignReport logit, ReportCampaign(*ws_, r));
  EXPECT_EQ(logit.interval, "logit");
  r.interval = "korn-graubard";
  ASSERT_OK_AND_ASSIGN(CampaignReport kg, ReportCampaign(*ws_, r));
  EXPECT_EQ(kg.interval, "korn-graubard");
  EXPECT_DOUBLE_EQ(kg.total.wrong_exit.rate, logit.total.wrong_exit.rate);
  // On this small design (a fifth of each cell drawn) both methods are floored by the exact
  // interval of n0 units, so the bounds agree here; the CLI test sees them differ on a bigger
  // registry.
  EXPECT_LE(kg.total.wrong_exit.ci_low, kg.total.wrong_exit.rate);
  EXPECT_GT(logit.total.wrong_exit.degrees_of_freedom, 0);
  for (const char* bad : {"wald", "normal", ""}) {
    r.interval = bad;
    EXPECT_STATUS(ReportCampaign(*ws_, r), StatusCode::kInvalidArgument, "use logit or korn-graubard");
  }
}

TEST_F(CampaignComparisonTest, DisagreementsFileListsEachItemInTheChosenLanguage) {
  BuildPair();
  CampaignReportRequest r{"JL", RegionLevel::kCounty, "logit", dir_ + "/d.csv", Lang::kEn};
  ASSERT_OK(ReportCampaign(*ws_, r));
  std::ifstream in(dir_ + "/d.csv");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u + kExtra);
  EXPECT_EQ(lines[0].rfind("household no,village code,village,item,item name,upper level's answer,", 0), 0u)
      << lines[0];
  EXPECT_NE(lines[1].find(",water,"), std::string::npos) << lines[1];
  r.campaign = "WQ";
  EXPECT_STATUS(ReportCampaign(*ws_, r), StatusCode::kFailedPrecondition, "no lower-level campaign");
}

}  // namespace
}  // namespace jz
