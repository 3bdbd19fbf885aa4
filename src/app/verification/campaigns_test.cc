// Campaign use cases end to end on an in-memory store: create, draw (reproducible, census for a
// county self-check), record and import findings with row errors, the report's rates against
// hand-counted truth, and the comparison between levels on simulated findings.
#include "app/verification/campaigns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/campaign_simulation.h"
#include "tests/testutil/table_files.h"

namespace jz {
namespace {

using testing::TestHouseholdNo;

class CampaignsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::WriteTestHouseholds(*store_, 300));
    std::string pattern = (std::filesystem::temp_directory_path() / "jz-campaigns-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CreateCampaignRequest Request(const std::string& code, CampaignLevel level,
                                const std::string& compare_to = "") {
    return {code,
            code + " 核查",
            level,
            *RegionCode::Parse(level == CampaignLevel::kCounty ? "222424" : "22"),
            {},
            compare_to,
            Money::FromYuan(4000),
            "测试",
            *Date::FromYmd(2025, 3, 1)};
  }
  StatusOr<DrawResult> Draw(const std::string& code, uint64_t seed, int64_t size = 60) {
    DrawRequest r;
    r.campaign = code;
    r.design.size = size;
    r.design.seed = seed;
    r.strata = StrataKind::kVillage;
    r.drawn_by = "测试";
    r.drawn_on = *Date::FromYmd(2025, 3, 2);
    return DrawCampaignSample(*store_, r);
  }
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  std::unique_ptr<Store> store_;
  std::string dir_;
};

std::vector<std::string> UnitKeys(const StoredSample& s) {
  std::vector<std::string> keys;
  for (const CampaignUnit& u : s.units) keys.push_back(u.household_no);
  return keys;
}

TEST_F(CampaignsTest, ChecklistDefaultsAndRefusesUnknownItems) {
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> items, ParseChecklist(""));
  EXPECT_EQ(items.size(), 9u);
  ASSERT_OK_AND_ASSIGN(items, ParseChecklist("food, water,income"));
  EXPECT_THAT(items, ::testing::ElementsAre("food", "water", "income"));
  EXPECT_STATUS(ParseChecklist("food,toilet"), StatusCode::kInvalidArgument, "unknown checklist item toilet");
  EXPECT_STATUS(ParseChecklist("food,food"), StatusCode::kInvalidArgument, "repeated");
}

TEST_F(CampaignsTest, CreateChecksLevelsScopeAndComparison) {
  ASSERT_OK_AND_ASSIGN(Campaign county, CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)));
  EXPECT_EQ(county.items.size(), 9u);
  ASSERT_OK(CreateCampaign(*store_, Request("JL", CampaignLevel::kProvince, "WQ")));
  EXPECT_STATUS(CreateCampaign(*store_, Request("JL2", CampaignLevel::kCounty, "JL")),
                StatusCode::kInvalidArgument, "lower level");
  EXPECT_STATUS(CreateCampaign(*store_, Request("X", CampaignLevel::kProvince, "nope")),
                StatusCode::kNotFound, "nope");
  CreateCampaignRequest wide = Request("W", CampaignLevel::kCounty);
  wide.scope = *RegionCode::Parse("22");
  EXPECT_STATUS(CreateCampaign(*store_, wide), StatusCode::kInvalidArgument, "county or below");
  CreateCampaignRequest unknown = Request("U", CampaignLevel::kProvince);
  unknown.scope = *RegionCode::Parse("23");
  EXPECT_STATUS(CreateCampaign(*store_, unknown), StatusCode::kNotFound, "not loaded");
  EXPECT_STATUS(CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)), StatusCode::kAlreadyExists,
                "WQ");
}

TEST_F(CampaignsTest, SameSeedReturnsTheStoredSampleAndRedrawsAreRefusedAfterFindings) {
  ASSERT_OK(CreateCampaign(*store_, Request("JL", CampaignLevel::kProvince)));
  ASSERT_OK_AND_ASSIGN(DrawResult first, Draw("JL", 5));
  EXPECT_FALSE(first.reused);
  EXPECT_EQ(first.sample.units.size(), 60u);
  EXPECT_EQ(first.sample.design.frame_size, 300);
  ASSERT_OK_AND_ASSIGN(DrawResult again, Draw("JL", 5));
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(UnitKeys(again.sample), UnitKeys(first.sample));
  // Another seed before any finding: a new draw, different households.
  ASSERT_OK_AND_ASSIGN(DrawResult other, Draw("JL", 6));
  EXPECT_FALSE(other.reused);
  EXPECT_EQ(other.sample.design.draw_no, 2);
  EXPECT_NE(UnitKeys(other.sample), UnitKeys(first.sample));
  // Back to seed 5 gives the very same households as the first draw (reproducible).
  ASSERT_OK_AND_ASSIGN(DrawResult back, Draw("JL", 5));
  EXPECT_EQ(UnitKeys(back.sample), UnitKeys(first.sample));
  ASSERT_OK(RecordHouseholdFindings(*store_, back.campaign,
                                    testing::TestFindings(back.sample.units[0].household_no, {"food"})));
  EXPECT_STATUS(Draw("JL", 7), StatusCode::kFailedPrecondition, "cannot be re-drawn");
  ASSERT_OK_AND_ASSIGN(DrawResult still, Draw("JL", 5));
  EXPECT_TRUE(still.reused);
}

// Every cell of a new draw gets min(2, N_c) households or more (sampling rule 2), and the draw
// records its rule. A stored draw of rule 1 (here: one of its cells cut to a single household,
// as rule 1 allowed) is returned as it is for its design and seed, not re-drawn; a new design is
// drawn under rule 2.
TEST_F(CampaignsTest, NewDrawsHaveTwoPerCellAndStoredRuleOneDrawsAreKept) {
  ASSERT_OK(CreateCampaign(*store_, Request("JL", CampaignLevel::kProvince)));
  ASSERT_OK_AND_ASSIGN(DrawResult first, Draw("JL", 5, 8));  // 2 villages × 2 cells × 2
  EXPECT_EQ(first.sample.design.sampling_rule, kSamplingRule);
  ASSERT_EQ(first.sample.strata.size(), 4u);
  for (const CampaignStratum& c : first.sample.strata) EXPECT_EQ(c.sample_count, 2) << c.stratum;
  StoredSample old = first.sample;
  old.design.sampling_rule = 1;
  old.design.sample_size = 7;
  old.units.pop_back();
  --old.strata.back().sample_count;
  ASSERT_OK(store_->campaigns().SaveSample(first.campaign.id, old).status());
  ASSERT_OK_AND_ASSIGN(DrawResult again, Draw("JL", 5, 8));
  EXPECT_TRUE(again.reused);
  EXPECT_EQ(again.sample.design.sampling_rule, 1);
  EXPECT_EQ(again.sample.design.draw_no, 2);
  EXPECT_EQ(UnitKeys(again.sample), UnitKeys(old));
  ASSERT_OK_AND_ASSIGN(DrawResult fresh, Draw("JL", 6, 8));
  EXPECT_FALSE(fresh.reused);
  EXPECT_EQ(fresh.sample.design.sampling_rule, kSamplingRule);
  for (const CampaignStratum& c : fresh.sample.strata) EXPECT_EQ(c.sample_count, 2) << c.stratum;
}

TEST_F(CampaignsTest, CountySelfCheckIsACensus) {
  ASSERT_OK(CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)));
  ASSERT_OK_AND_ASSIGN(DrawResult census, Draw("WQ", 5, 10));
  EXPECT_TRUE(census.sample.design.census);
  EXPECT_EQ(census.sample.units.size(), 300u);
}

TEST_F(CampaignsTest, RecordRefusesItemsOffTheChecklistAndHouseholdsOutsideTheSample) {
  CreateCampaignRequest r = Request("JL", CampaignLevel::kProvince);
  r.items = {"food", "income"};
  ASSERT_OK(CreateCampaign(*store_, r));
  ASSERT_OK_AND_ASSIGN(DrawResult d, Draw("JL", 5, 10));
  const std::string in = d.sample.units[0].household_no;
  EXPECT_STATUS(RecordHouseholdFindings(*store_, d.campaign, testing::TestFindings(in, {"water"})),
                StatusCode::kInvalidArgument, "item water is not on the campaign's checklist");
  HouseholdFindings valued = testing::TestFindings(in, {"food"});
  valued.findings[0].value = Money::FromYuan(1);
  EXPECT_STATUS(RecordHouseholdFindings(*store_, d.campaign, valued), StatusCode::kInvalidArgument,
                "only the income");
  const std::vector<std::string> keys = UnitKeys(d.sample);
  std::string out;
  for (int i = 0; i < 300 && out.empty(); ++i) {
    if (std::find(keys.begin(), keys.end(), TestHouseholdNo(i)) == keys.end()) out = TestHouseholdNo(i);
  }
  EXPECT_STATUS(RecordHouseholdFindings(*store_, d.campaign, testing::TestFindings(out, {"food"})),
                StatusCode::kNotFound, "not in the campaign's sample");
}

TEST_F(CampaignsTest, ImportStoresWholeHouseholdsAndNamesEveryRefusedRow) {
  ASSERT_OK(CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)));
  ASSERT_OK(Draw("WQ", 1));
  const std::string a = TestHouseholdNo(1), b = TestHouseholdNo(2), c = TestHouseholdNo(3);
  const std::string path = WriteFile(
      "findings.csv",
      fmt::format("household_no,item,answer,value,note\n"
                  "{0},food,符合,,\n{0},income,1,5000.50,\n"  // rows 1-2: stored
                  "{1},food,maybe,,\n{1},water,2,,缺水\n"     // rows 3-4: bad answer → household refused
                  "{2},toilet,1,,\n"                          // row 5: unknown item
                  "{0}9,food,1,,\n"                           // row 6: not in the registry's sample
                  "{2},income,1,abc,\n",                      // row 7: bad value
                  a, b, c));
  ASSERT_OK_AND_ASSIGN(ImportFindingsResult r,
                       ImportFindings(*store_, "WQ", path, "核查员", *Date::FromYmd(2025, 3, 9)));
  EXPECT_EQ(r.rows, 7);
  EXPECT_EQ(r.households_stored, 1);
  EXPECT_EQ(r.rows_stored, 2);
  EXPECT_EQ(r.households_refused, 3);
  ASSERT_EQ(r.refused.size(), 5u);
  auto expect_row = [&](size_t i, int64_t row, const char* field, const char* part) {
    EXPECT_EQ(r.refused[i].file, path);
    EXPECT_EQ(r.refused[i].row, row);
    EXPECT_EQ(r.refused[i].field, field);
    EXPECT_THAT(r.refused[i].message, ::testing::HasSubstr(part));
  };
  expect_row(0, 3, "answer", "Finding answer: unrecognised value \"maybe\"");
  expect_row(1, 4, "household_no", "because of row 3");
  expect_row(2, 5, "item", "item toilet");
  expect_row(3, 6, "household_no", "not in the campaign's sample");
  expect_row(4, 7, "value", "abc");
  ASSERT_OK_AND_ASSIGN(int64_t recorded, store_->campaigns().CountRecordedHouseholds(1));
  EXPECT_EQ(recorded, 1);
  const std::string bad_header = WriteFile("bad.csv", "household,item\nx,food\n");
  EXPECT_STATUS(ImportFindings(*store_, "WQ", bad_header, "x", *Date::FromYmd(2025, 3, 9)),
                StatusCode::kInvalidArgument, "household_no, item and answer");
}

// A census with hand-placed problems: the rates are exact and the CIs have zero width.
// Findings given as .xlsx or .xls import as the same CSV does (one campaign per format).
TEST_F(CampaignsTest, FindingsImportTheSameFromCsvXlsxAndXls) {
  const std::string a = TestHouseholdNo(1), b = TestHouseholdNo(2);
  const std::string csv = fmt::format(
      "household_no,item,answer,value,note\n{0},food,符合,,\n{0},income,1,5000.50,\n{1},food,maybe,,\n", a,
      b);
  const std::string xlsx = dir_ + "/findings.xlsx";
  const std::string xls = dir_ + "/findings.xls";
  ::jz::testing::WriteCsvAsXlsx(xlsx, csv);
  ::jz::testing::WriteCsvAsXls(xls, csv);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"WQ", WriteFile("findings.csv", csv)}, {"WX", xlsx}, {"WY", xls}};
  for (const auto& [code, path] : files) {
    SCOPED_TRACE(path);
    ASSERT_OK(CreateCampaign(*store_, Request(code, CampaignLevel::kCounty)));
    ASSERT_OK(Draw(code, 1));
    ASSERT_OK_AND_ASSIGN(ImportFindingsResult r,
                         ImportFindings(*store_, code, path, "核查员", *Date::FromYmd(2025, 3, 9)));
    EXPECT_EQ(r.rows, 3);
    EXPECT_EQ(r.households_stored, 1);
    EXPECT_EQ(r.rows_stored, 2);
    ASSERT_EQ(r.refused.size(), 1u);
    EXPECT_EQ(r.refused[0].row, 3);
    EXPECT_THAT(r.refused[0].message, ::testing::HasSubstr("\"maybe\""));
  }
}

TEST_F(CampaignsTest, CensusReportHasExactRatesAndZeroWidthIntervals) {
  ASSERT_OK_AND_ASSIGN(Campaign c, CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)));
  ASSERT_OK(Draw("WQ", 1));
  int exited = 0, ordinary = 0, wrong = 0, missed = 0;
  for (int i = 0; i < 300; ++i) {
    HouseholdFindings f = testing::TestFindings(TestHouseholdNo(i), c.items);
    const bool is_ordinary = i % 3 == 0;
    (is_ordinary ? ordinary : exited) += 1;
    if (i % 10 == 1 && !is_ordinary) {  // exited households 1, 11, 31, …: no safe water → 错退
      f.findings[5].answer = FindingAnswer::kNo;
      ++wrong;
    }
    if (i % 30 == 0) {  // ordinary households 0, 30, …: income below the line → 漏评
      f.findings[6].value = Money::FromYuan(3000);
      ++missed;
    }
    if (i % 4 == 0) f.findings[8].answer = FindingAnswer::kNo;  // data inaccurate
    ASSERT_OK(RecordHouseholdFindings(*store_, c, f));
  }
  ASSERT_OK_AND_ASSIGN(CampaignReport report, BuildCampaignReport(*store_, "WQ", RegionLevel::kVillage));
  const RegionResult& t = report.total;
  EXPECT_EQ(t.recorded, 300);
  EXPECT_DOUBLE_EQ(t.wrong_exit.rate, static_cast<double>(wrong) / exited);
  EXPECT_DOUBLE_EQ(t.wrong_exit.ci_low, t.wrong_exit.rate);
  EXPECT_DOUBLE_EQ(t.wrong_exit.ci_high, t.wrong_exit.rate);
  EXPECT_DOUBLE_EQ(t.missed.rate, static_cast<double>(missed) / ordinary);
  EXPECT_DOUBLE_EQ(t.items[8].accuracy.rate, 1 - 75.0 / 300);
  EXPECT_EQ(t.items[8].problems, 75);
  ASSERT_EQ(report.regions.size(), 2u);  // the two villages
  EXPECT_EQ(report.regions[0].recorded + report.regions[1].recorded, 300);
}

// Simulated truth: the county self-check misses half the problems, the province spot-check
// none; the province finds discrepancies and a higher 错退率 than the county reported.
TEST_F(CampaignsTest, ProvinceSpotCheckFindsWhatTheCountyMissed) {
  ASSERT_OK(CreateCampaign(*store_, Request("WQ", CampaignLevel::kCounty)));
  ASSERT_OK(CreateCampaign(*store_, Request("JL", CampaignLevel::kProvince, "WQ")));
  ASSERT_OK(Draw("WQ", 1));
  ASSERT_OK(Draw("JL", 3, 200));
  SimulationOptions o{.out_path = dir_ + "/county.csv", .problem_rate = 0.3, .seed = 1, .miss_rate = 0.5};
  ASSERT_OK_AND_ASSIGN(int64_t county_rows, SimulateFindings(*store_, "WQ", o));
  EXPECT_EQ(county_rows, 300);
  o.out_path = dir_ + "/province.csv";
  o.miss_rate = 0;
  ASSERT_OK_AND_ASSIGN(int64_t province_rows, SimulateFindings(*store_, "JL", o));
  EXPECT_EQ(province_rows, 200);
  for (const char* code : {"WQ", "JL"}) {
    ASSERT_OK_AND_ASSIGN(
        ImportFindingsResult r,
        ImportFindings(*store_, code, dir_ + (code[0] == 'W' ? "/county.csv" : "/province.csv"), "模拟",
                       *Date::FromYmd(2025, 4, 1)));
    EXPECT_TRUE(r.refused.empty()) << r.refused[0].message;
  }
  ASSERT_OK_AND_ASSIGN(CampaignReport report, BuildCampaignReport(*store_, "JL", RegionLevel::kCounty));
  ASSERT_TRUE(report.lower);
  const RegionResult& t = report.total;
  ASSERT_TRUE(t.comparison && t.wrong_exit.defined);
  // On the households both checked, the province finds more failures than the county did.
  EXPECT_GT(t.comparison->wrong_exit.upper.rate, t.comparison->wrong_exit.lower.rate);
  EXPECT_GT(t.comparison->wrong_exit.difference.rate, 0);
  EXPECT_EQ(t.comparison->overlap, 200);
  EXPECT_GT(t.wrong_exit.standard_error, 0);
  EXPECT_LT(t.wrong_exit.ci_low, t.wrong_exit.rate);
  int64_t discrepancies = 0;
  for (const ItemResult& item : t.items) discrepancies += item.discrepancies;
  EXPECT_GT(discrepancies, 0);
  EXPECT_EQ(t.items[0].compared, 200);  // every sampled household was checked by the county
  // Same options, same file: the simulation is reproducible.
  o.out_path = dir_ + "/province2.csv";
  ASSERT_OK(SimulateFindings(*store_, "JL", o));
  std::ifstream f1(dir_ + "/province.csv"), f2(dir_ + "/province2.csv");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(f1), {}),
            std::string(std::istreambuf_iterator<char>(f2), {}));
}

TEST_F(CampaignsTest, ReportRefusesLevelsFinerThanTheStrataAndCampaignsWithoutSample) {
  ASSERT_OK(CreateCampaign(*store_, Request("JL", CampaignLevel::kProvince)));
  EXPECT_STATUS(BuildCampaignReport(*store_, "JL", RegionLevel::kCounty), StatusCode::kFailedPrecondition,
                "no sample");
  DrawRequest r;
  r.campaign = "JL";
  r.design.size = 20;
  r.strata = StrataKind::kTownship;
  r.drawn_on = *Date::FromYmd(2025, 3, 2);
  ASSERT_OK(DrawCampaignSample(*store_, r));
  EXPECT_STATUS(BuildCampaignReport(*store_, "JL", RegionLevel::kVillage), StatusCode::kInvalidArgument,
                "finer");
  EXPECT_STATUS(BuildCampaignReport(*store_, "nope", RegionLevel::kCounty), StatusCode::kNotFound, "nope");
}

}  // namespace
}  // namespace jz
