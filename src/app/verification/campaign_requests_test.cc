// The doors' campaign requests (campaign_requests.h) on an in-memory store with an injected
// today: defaults filled in app (scope = the loaded province, dates = today, the policy's
// poverty_line), every step's date refused after today or before the step it follows, and
// every numeric option bounded by core/limits.h.
#include "app/verification/campaign_requests.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/workspace.h"
#include "core/limits.h"
#include "io/table_reader.h"
#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/campaign_simulation.h"
#include "tests/testutil/table_files.h"

namespace jz {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

class CampaignRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::WriteTestHouseholds(*store, 60));
    ws_ = Workspace::Over(std::move(store), kToday);
  }
  StatusOr<Campaign> Create(const std::string& code, std::optional<Date> on = std::nullopt) {
    CampaignCreateRequest r;
    r.code = code;
    r.name = "汪清县自查";
    r.level = CampaignLevel::kCounty;
    r.scope = *RegionCode::Parse("222424");
    r.income_line = Money::FromYuan(4000);
    r.created_on = on;
    return CreateCampaign(*ws_, r);
  }
  CampaignSampleRequest Sample(const std::string& code) {
    CampaignSampleRequest r;
    r.campaign = code;
    return r;
  }

  static inline const Date kToday = D(2025, 3, 10);
  std::unique_ptr<Workspace> ws_;
};

TEST_F(CampaignRequestsTest, DefaultsAreTheProvinceTodayAndThePolicysLine) {
  CampaignCreateRequest r;
  r.code = "JL";
  r.name = "省级抽查";
  r.level = CampaignLevel::kProvince;
  r.policy_path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_OK_AND_ASSIGN(Campaign c, CreateCampaign(*ws_, r));
  EXPECT_EQ(c.scope, *RegionCode::Parse("22"));
  EXPECT_EQ(c.created_on, kToday);
  EXPECT_GT(c.income_line.fen(), 0);
  EXPECT_EQ(c.items.size(), 9u);
  ASSERT_OK_AND_ASSIGN(CampaignSampleResult s, SampleCampaign(*ws_, [&] {
                         CampaignSampleRequest q = Sample("JL");
                         q.size = 20;
                         q.strata = StrataKind::kVillage;
                         return q;
                       }()));
  EXPECT_EQ(s.sample.design.drawn_on, kToday);
  EXPECT_EQ(s.sample.design.sample_size, 20);
  EXPECT_GT(s.registered, 0);  // half of the sample from 建档立卡 households by default
  EXPECT_LT(s.registered, 20);
  r.code = "NOLINE";
  r.policy_path.clear();
  EXPECT_STATUS(CreateCampaign(*ws_, r), StatusCode::kInvalidArgument, "--policy or --line");
}

TEST_F(CampaignRequestsTest, DatesAfterTodayAreRefused) {
  EXPECT_STATUS(Create("WQ", D(2025, 3, 11)), StatusCode::kInvalidArgument,
                "date 2025-03-11 is after today (2025-03-10)");
  ASSERT_OK(Create("WQ", D(2025, 3, 1)));
  CampaignSampleRequest s = Sample("WQ");
  s.drawn_on = D(2025, 4, 1);
  EXPECT_STATUS(SampleCampaign(*ws_, s), StatusCode::kInvalidArgument,
                "the draw date 2025-04-01 is after today");
  CampaignRecordRequest record{"WQ", "/nonexistent.csv", "核查员", D(2026, 1, 1), "", Lang::kZhHans};
  EXPECT_STATUS(RecordCampaignFindings(*ws_, record), StatusCode::kInvalidArgument,
                "the findings date 2026-01-01");
}

TEST_F(CampaignRequestsTest, AStepBeforeTheStepItFollowsIsRefusedNamingBothDates) {
  ASSERT_OK(Create("WQ", D(2025, 3, 5)));
  CampaignSampleRequest s = Sample("WQ");
  s.drawn_on = D(2025, 3, 4);
  EXPECT_STATUS(SampleCampaign(*ws_, s), StatusCode::kInvalidArgument,
                "the draw date 2025-03-04 is before the campaign's creation date 2025-03-05");
  CampaignRecordRequest record{"WQ", "/nonexistent.csv", "核查员", D(2025, 3, 6), "", Lang::kZhHans};
  EXPECT_STATUS(RecordCampaignFindings(*ws_, record), StatusCode::kFailedPrecondition, "no sample yet");
  s.drawn_on = D(2025, 3, 7);
  ASSERT_OK(SampleCampaign(*ws_, s));
  EXPECT_STATUS(RecordCampaignFindings(*ws_, record), StatusCode::kInvalidArgument,
                "the findings date 2025-03-06 is before the draw date 2025-03-07");
}

// Every row of a table file, the header first.
std::vector<std::vector<std::string>> ReadRows(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  StatusOr<std::unique_ptr<TableReader>> reader = OpenTable(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return rows;
  std::vector<std::string_view> cells;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(cells);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    rows.emplace_back(cells.begin(), cells.end());
  }
  return rows;
}

// A sample list written in each language and format, filled in by a checker (an item and an
// answer added to each row, one household answering nonsense) and recorded: every household
// but that one is stored, and the refused rows come back in the same language and format.
TEST_F(CampaignRequestsTest, ASampleListFilledInIsRecordedInEveryLanguageAndFormat) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("jz-sample-roundtrip-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  struct Case {
    Lang lang;
    const char* ext;
    const char *household, *item, *answer, *field;
  };
  const Case cases[] = {
      {Lang::kEn, "xlsx", "household no", "item", "answer", "answer"},
      {Lang::kEn, "csv", "household no", "item", "answer", "answer"},
      {Lang::kZhHans, "xlsx", "户编号", "核查项", "结果", "结果"},
      {Lang::kZhHant, "csv", "戶編號", "核查項", "結果", "结果"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string code = "S" + std::to_string(++n), tag = code + "." + c.ext;
    SCOPED_TRACE(tag);
    ASSERT_OK(Create(code));
    CampaignSampleRequest q = Sample(code);
    q.list_path = (dir / ("sample-" + tag)).string();
    q.lang = c.lang;
    ASSERT_OK_AND_ASSIGN(CampaignSampleResult drawn, SampleCampaign(*ws_, q));
    const std::vector<std::vector<std::string>> list = ReadRows(q.list_path);
    const int64_t households = static_cast<int64_t>(drawn.sample.units.size());  // a census of 60
    ASSERT_EQ(list.size(), drawn.sample.units.size() + 1);
    EXPECT_EQ(list[0][1], c.household);
    std::string filled = fmt::format("{},{},{}\n", fmt::join(list[0], ","), c.item, c.answer);
    for (size_t i = 1; i < list.size(); ++i) {
      EXPECT_EQ(list[i][1], drawn.sample.units[i - 1].household_no);
      filled += fmt::format("{},food,{}\n", fmt::join(list[i], ","), i == 3 ? "maybe" : "1");
    }
    const std::string filled_path = (dir / ("filled-" + tag)).string();
    if (std::string_view(c.ext) == "xlsx") {
      ::jz::testing::WriteCsvAsXlsx(filled_path, filled);
    } else {
      std::ofstream(filled_path) << filled;
    }
    CampaignRecordRequest record{
        code, filled_path, "核查员", std::nullopt, (dir / ("refused-" + tag)).string(), c.lang};
    ASSERT_OK_AND_ASSIGN(ImportFindingsResult r, RecordCampaignFindings(*ws_, record));
    EXPECT_EQ(r.households_stored, households - 1);
    EXPECT_EQ(r.households_refused, 1);
    const std::vector<std::vector<std::string>> refused = ReadRows(record.refused_path);
    ASSERT_EQ(refused.size(), 2u);
    EXPECT_EQ(refused[0][3], c.lang == Lang::kEn ? "message" : c.lang == Lang::kZhHans ? "说明" : "說明");
    EXPECT_EQ(refused[1][1], "3");
    EXPECT_EQ(refused[1][2], c.lang == Lang::kZhHant ? ToTraditional(c.field) : std::string(c.field));
    EXPECT_NE(refused[1][3].find("maybe"), std::string::npos) << refused[1][3];
  }
  std::filesystem::remove_all(dir);
}

TEST_F(CampaignRequestsTest, NumericOptionsAreBounded) {
  ASSERT_OK(Create("WQ"));
  struct Case {
    std::function<void(CampaignSampleRequest&)> set;
    std::string message;
  };
  const Case cases[] = {
      {[](CampaignSampleRequest& r) { r.size = kMaxSampleHouseholds + 1; },
       "--size 1000001 is out of range (use 0 to 1000000)"},
      {[](CampaignSampleRequest& r) { r.size = -1; }, "--size -1 is out of range"},
      {[](CampaignSampleRequest& r) { r.seed = kMaxSampleSeed + 1; },
       "--seed 9007199254740992 is out of range"},
      {[](CampaignSampleRequest& r) { r.fraction = 1.5; }, "--fraction 1.5 must be a number in (0, 1]"},
      {[](CampaignSampleRequest& r) { r.fraction = 0; }, "--fraction 0 must be a number in (0, 1]"},
      {[](CampaignSampleRequest& r) { r.registered_share = -0.1; },
       "--registered-share -0.1 must be a number in [0, 1]"},
      {[](CampaignSampleRequest& r) { r.min_per_stratum = 0; },
       "--min-per-stratum 0 is out of range (use 1 to 1000)"},
      {[](CampaignSampleRequest& r) { r.min_per_stratum = kMaxMinPerStratum + 1; }, "--min-per-stratum 1001"},
  };
  for (const Case& c : cases) {
    CampaignSampleRequest r = Sample("WQ");
    c.set(r);
    EXPECT_STATUS(SampleCampaign(*ws_, r), StatusCode::kInvalidArgument, c.message);
  }
  // Nothing was drawn by the refused requests.
  ASSERT_OK_AND_ASSIGN(CampaignDetail detail, ShowCampaign(*ws_, {"WQ"}));
  EXPECT_FALSE(detail.design.has_value());
}

// A sample too small for two households in every cell is refused, naming the smallest size
// accepted (2 villages × 2 cells × 2 = 8) in both languages, and nothing is drawn.
TEST_F(CampaignRequestsTest, SampleBelowTheCellFloorsIsRefusedNamingTheMinimum) {
  CampaignCreateRequest c;
  c.code = "JL";
  c.name = "省级抽查";
  c.level = CampaignLevel::kProvince;
  c.income_line = Money::FromYuan(4000);
  ASSERT_OK(CreateCampaign(*ws_, c));
  CampaignSampleRequest r = Sample("JL");
  r.strata = StrataKind::kVillage;
  r.size = 7;
  EXPECT_STATUS(SampleCampaign(*ws_, r), StatusCode::kInvalidArgument,
                "样本量 7 不足：2 层至少需要 8 户（每层的建档立卡户和非建档立卡户各至少 2 户");
  EXPECT_STATUS(SampleCampaign(*ws_, r), StatusCode::kInvalidArgument,
                "the sample size 7 is too small: 2 strata need at least 8 households");
  ASSERT_OK_AND_ASSIGN(CampaignDetail none, ShowCampaign(*ws_, {"JL"}));
  EXPECT_FALSE(none.design.has_value());
  r.size = 8;
  ASSERT_OK_AND_ASSIGN(CampaignSampleResult s, SampleCampaign(*ws_, r));
  EXPECT_EQ(s.registered, 4);
  for (const CampaignStratum& cell : s.sample.strata) EXPECT_EQ(cell.sample_count, 2);
  ASSERT_OK_AND_ASSIGN(CampaignDetail detail, ShowCampaign(*ws_, {"JL"}));
  ASSERT_TRUE(detail.design.has_value());
  EXPECT_EQ(detail.design->sampling_rule, 2);
}

TEST_F(CampaignRequestsTest, SimulationRatesAndSeedsAreBounded) {
  ASSERT_OK(Create("WQ"));
  ASSERT_OK(SampleCampaign(*ws_, Sample("WQ")));
  CampaignSimulateRequest r{"WQ", {}};
  r.options.out_path = "/dev/null";
  r.options.miss_rate = 1.5;
  EXPECT_STATUS(SimulateCampaignFindings(*ws_, r), StatusCode::kInvalidArgument,
                "--miss-rate 1.5 must be in [0, 1]");
  r.options.miss_rate = 0;
  r.options.problem_rate = -1;
  EXPECT_STATUS(SimulateCampaignFindings(*ws_, r), StatusCode::kInvalidArgument, "--problem-rate -1");
  r.options.problem_rate = 0.1;
  r.options.truth_seed = kMaxSampleSeed + 1;
  EXPECT_STATUS(SimulateCampaignFindings(*ws_, r), StatusCode::kInvalidArgument,
                "--truth-seed 9007199254740992");
  r.options.truth_seed = 1;
  ASSERT_OK_AND_ASSIGN(int64_t written, SimulateCampaignFindings(*ws_, r));
  EXPECT_EQ(written, 60);
}

TEST_F(CampaignRequestsTest, ListAndShowSummariseEveryCampaign) {
  ASSERT_OK(Create("WQ"));
  ASSERT_OK(Create("WQ2"));
  ASSERT_OK(SampleCampaign(*ws_, Sample("WQ")));
  ASSERT_OK_AND_ASSIGN(std::vector<CampaignSummary> all, ListCampaigns(*ws_, {}));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].sample_size, 60);  // a county self-check is a census
  EXPECT_FALSE(all[1].sample_size.has_value());
  ASSERT_OK_AND_ASSIGN(CampaignDetail detail, ShowCampaign(*ws_, {"WQ"}));
  ASSERT_TRUE(detail.design.has_value());
  EXPECT_TRUE(detail.design->census);
  EXPECT_EQ(detail.cells, 4);  // two villages × registered or not
  EXPECT_STATUS(ShowCampaign(*ws_, {"NOPE"}), StatusCode::kNotFound, "NOPE");
}

}  // namespace
}  // namespace jz
