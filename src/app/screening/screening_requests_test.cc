// The screen, what-if and policy-check requests: defaults filled in app and every refusal
// (screening_requests.h), through the API the doors call.
#include "app/screening/screening_requests.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/workspace.h"
#include "core/limits.h"
#include "io/table_reader.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kPolicy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
const char* const kFeeds[] = {"medical", "disability", "school_roll", "disaster", "death",
                              "payroll", "vehicle",    "company",     "property"};

class ScreeningRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-screen-req-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "feeds");
    std::unique_ptr<Store> store = std::move(OpenSqliteStore(":memory:")).value();
    ASSERT_OK(testing::LoadTestRegions(*store));
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    // H1's third member, born 2010, is of compulsory-school age at the end of 2024.
    ASSERT_OK(writer->Upsert(testing::TestHousehold("H1", 3)));
    ASSERT_OK(writer->Upsert(testing::TestHousehold("H2", 1, 10)));
    ASSERT_OK(writer->Commit());
    ws_ = Workspace::Over(std::move(store), *Date::FromYmd(2025, 3, 1));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Feed(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "feeds" / (name + ".csv")) << text;
  }
  // Every declared feed, with a header and no rows, except `except`.
  void EmptyFeeds(const std::string& except = "") {
    for (const char* name : kFeeds) {
      if (name == except) continue;
      std::string header = "证件号码,日期";
      if (std::string(name) == "medical") header += ",out_of_pocket,inpatient";
      if (std::string(name) == "disability") header += ",severe";
      if (std::string(name) == "school_roll") header += ",compulsory";
      if (std::string(name) == "disaster") header += ",loss";
      if (std::string(name) == "vehicle") header += ",value,farm_or_disability";
      if (std::string(name) == "company") header += ",operating";
      if (std::string(name) == "property") header += ",commercial";
      Feed(name, header + "\n");
    }
  }
  ScreenRequest Request() {
    ScreenRequest r;
    r.inputs.policy_path = kPolicy;
    r.inputs.feeds_dir = (dir_ / "feeds").string();
    r.report_path = (dir_ / "report.csv").string();
    return r;
  }
  int64_t Undecidable(const ScreenSummary& s, const std::string& rule) {
    for (const ScreenRuleRow& r : s.rules) {
      if (r.id == rule) return r.undecidable;
    }
    return -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Workspace> ws_;
};

TEST_F(ScreeningRequestTest, FillsAsOfScopeAndReportAndRollsUpWithRegionNames) {
  EmptyFeeds();
  ASSERT_OK_AND_ASSIGN(ScreenSummary s, Screen(*ws_, Request()));
  EXPECT_EQ(s.as_of, *Date::FromYmd(2024, 12, 31)) << "31 December of the year before today";
  EXPECT_EQ(s.scope, *RegionCode::Parse("22")) << "the database's province";
  EXPECT_EQ(s.households, 2);
  ASSERT_EQ(s.regions.size(), 2u);  // the prefecture, then its one county
  EXPECT_EQ(s.regions[0].name, "延边朝鲜族自治州");
  EXPECT_EQ(s.regions[0].counts, (std::vector<int64_t>{2, 1}));  // H1 warned: its child is not enrolled
  EXPECT_EQ(s.regions[1].name, "汪清县");
  EXPECT_EQ(s.regions[1].depth, 1);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "report.csv"));
}

// The unused feed rows follow the report's extension and the language: an English workbook
// names the column and the reason in English, a zh-Hant CSV in traditional characters.
TEST_F(ScreeningRequestTest, ReportFollowsItsExtensionAndTheLanguage) {
  EmptyFeeds("death");
  const IdNumber stranger = *IdNumber::FromParts(222424, *Date::FromYmd(1950, 1, 1), 990);
  Feed("death", "证件号码,日期\n" + stranger.ToString() + ",2024-05-01\n123,2024-05-01\n");
  ScreenRequest request = Request();
  request.dry_run = true;
  request.report_path = (dir_ / "unused.xlsx").string();
  request.lang = Lang::kEn;
  ASSERT_OK(Screen(*ws_, request));
  std::vector<std::vector<std::string>> rows;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<TableReader> table, OpenTable(request.report_path));
    std::vector<std::string_view> cells;
    while (*table->Next(cells)) rows.emplace_back(cells.begin(), cells.end());
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"file", "line", "column", "value", "reason"}));
  EXPECT_EQ(rows[2][1], "2");
  EXPECT_EQ(rows[2][2], "ID number");
  EXPECT_EQ(rows[2][3], stranger.Masked());
  EXPECT_EQ(rows[2][4], "the ID number is not a registered person in scope");
  EXPECT_EQ(rows[1][1], "3");
  EXPECT_EQ(rows[1][4].find("证"), std::string::npos) << "an English reason: " << rows[1][4];

  request.report_path = (dir_ / "unused.csv").string();
  request.lang = Lang::kZhHant;
  ASSERT_OK(Screen(*ws_, request));
  std::ifstream in(request.report_path);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text.rfind("文件,行,列,值,原因\n", 0), 0u) << text;
  EXPECT_NE(text.find("證件號碼不是登記範圍內的人員"), std::string::npos) << text;
}

TEST_F(ScreeningRequestTest, MissingFeedIsRefusedNamingIt) {
  EmptyFeeds(/*except=*/"school_roll");
  EXPECT_STATUS(Screen(*ws_, Request()), StatusCode::kFailedPrecondition, "school_roll.csv");
  EXPECT_STATUS(Screen(*ws_, Request()), StatusCode::kFailedPrecondition, "--allow-missing-feeds");
  EXPECT_EQ(*ws_->store().CountWarnings(ReadScope::WholeDatabase()), 0);
}

// JL-W-DROPOUT fires for a school-age child *absent* from the school roll: without the
// roll it would have flagged every child. Undecidable: counted, and no warning stored.
TEST_F(ScreeningRequestTest, AllowedMissingFeedLeavesItsRulesUndecidableNotFalseNorTrue) {
  EmptyFeeds(/*except=*/"school_roll");
  ScreenRequest request = Request();
  request.inputs.allow_missing_feeds = true;
  ASSERT_OK_AND_ASSIGN(ScreenSummary s, Screen(*ws_, request));
  EXPECT_EQ(s.missing_feeds, (std::vector<std::string>{"school_roll"}));
  EXPECT_EQ(Undecidable(s, "JL-W-DROPOUT"), 2);
  EXPECT_EQ(Undecidable(s, "JL-W-MEDICAL"), 0);
  EXPECT_EQ(s.undecidable, 2);
  ASSERT_OK_AND_ASSIGN(std::vector<Warning> warnings,
                       ws_->store().ListWarnings(ReadScope::WholeDatabase(), "H1"));
  for (const Warning& w : warnings) EXPECT_NE(w.rule_id, "JL-W-DROPOUT");

  // With the roll present the same child warns, and the warning carries its rule's kind.
  EmptyFeeds();
  ASSERT_OK_AND_ASSIGN(ScreenSummary full, Screen(*ws_, Request()));
  EXPECT_EQ(full.undecidable, 0);
  const size_t before = warnings.size();
  ASSERT_OK_AND_ASSIGN(warnings, ws_->store().ListWarnings(ReadScope::WholeDatabase(), "H1"));
  ASSERT_EQ(warnings.size(), before + 1);
  const auto dropout = std::find_if(warnings.begin(), warnings.end(),
                                    [](const Warning& w) { return w.rule_id == "JL-W-DROPOUT"; });
  ASSERT_NE(dropout, warnings.end());
  EXPECT_EQ(dropout->kind, WarningKind::kWarning);
  for (const Warning& w : warnings) {
    EXPECT_EQ(w.kind, w.rule_id.starts_with("JL-T-") ? WarningKind::kTest : WarningKind::kWarning)
        << w.rule_id;
  }
}

TEST_F(ScreeningRequestTest, AsOfAfterTodayIsRefused) {
  EmptyFeeds();
  ScreenRequest request = Request();
  request.inputs.as_of = *Date::FromYmd(2025, 3, 2);
  EXPECT_STATUS(Screen(*ws_, request), StatusCode::kInvalidArgument, "2025-03-02");
  request.inputs.ignore_policy_period = true;
  request.inputs.as_of = *Date::FromYmd(2025, 3, 1);  // today itself is accepted
  EXPECT_OK(Screen(*ws_, request).status());
}

TEST_F(ScreeningRequestTest, AsOfOutsideThePolicyPeriodIsRefusedUnlessIgnored) {
  EmptyFeeds();
  ScreenRequest request = Request();
  request.inputs.as_of = *Date::FromYmd(2025, 1, 31);
  EXPECT_STATUS(Screen(*ws_, request), StatusCode::kFailedPrecondition, "2024-01-01");
  EXPECT_STATUS(Screen(*ws_, request), StatusCode::kFailedPrecondition, "2024-12-31");
  request.inputs.ignore_policy_period = true;
  EXPECT_OK(Screen(*ws_, request).status());
}

TEST_F(ScreeningRequestTest, ThreadsAreBounded) {
  EmptyFeeds();
  ScreenRequest request = Request();
  request.inputs.threads = 100000;
  EXPECT_STATUS(Screen(*ws_, request), StatusCode::kInvalidArgument, "--threads 100000");
  request.inputs.threads = -1;
  EXPECT_STATUS(Screen(*ws_, request), StatusCode::kInvalidArgument, "--threads -1");
  request.inputs.threads = kMaxThreads;
  EXPECT_OK(Screen(*ws_, request).status());
}

TEST_F(ScreeningRequestTest, ExportDoorAppliesTheSameRefusals) {
  EmptyFeeds(/*except=*/"death");
  ScreenRequest request = Request();
  request.registry_csv = (dir_ / "none.csv").string();
  EXPECT_STATUS(ScreenExportFile(request, *Date::FromYmd(2025, 3, 1)), StatusCode::kFailedPrecondition,
                "death.csv");
  request.inputs.as_of = *Date::FromYmd(2026, 1, 1);
  EXPECT_STATUS(ScreenExportFile(request, *Date::FromYmd(2025, 3, 1)), StatusCode::kInvalidArgument,
                "2026-01-01");
}

TEST_F(ScreeningRequestTest, WhatIfParsesSetsAndLeavesMissingFeedRulesUndecidable) {
  EmptyFeeds(/*except=*/"school_roll");
  WhatIfRequest request;
  request.inputs.policy_path = kPolicy;
  request.inputs.feeds_dir = (dir_ / "feeds").string();
  request.out_path = (dir_ / "changes.csv").string();
  request.sets = {"monitoring_line=8000"};
  EXPECT_STATUS(WhatIf(*ws_, request), StatusCode::kFailedPrecondition, "school_roll.csv");
  request.inputs.allow_missing_feeds = true;
  ASSERT_OK_AND_ASSIGN(WhatIfSummary s, WhatIf(*ws_, request));
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0].name, "monitoring_line");
  EXPECT_EQ(s.missing_feeds, (std::vector<std::string>{"school_roll"}));
  for (const WhatIfRuleRow& r : s.rules) {
    EXPECT_EQ(r.undecidable, r.id == "JL-W-DROPOUT" ? 2 : 0) << r.id;
    if (r.id == "JL-W-DROPOUT") {
      EXPECT_EQ(r.households, 0);
    }
  }
  request.sets = {"monitoring_line"};
  EXPECT_STATUS(WhatIf(*ws_, request), StatusCode::kInvalidArgument, "NAME=VALUE");
  request.sets = {"monitoring_line=-8000"};
  EXPECT_STATUS(WhatIf(*ws_, request), StatusCode::kInvalidArgument, "negative");
  request.sets = {"monitoring_line=8000"};
  request.inputs.threads = 100000;
  EXPECT_STATUS(WhatIf(*ws_, request), StatusCode::kInvalidArgument, "--threads");
  request.inputs.threads = 0;
  request.inputs.as_of = *Date::FromYmd(2025, 12, 31);
  EXPECT_STATUS(WhatIf(*ws_, request), StatusCode::kInvalidArgument, "2025-12-31");
}

TEST(PolicyCheckRequest, ListsWhatThePolicyHoldsWithRuleKinds) {
  ASSERT_OK_AND_ASSIGN(PolicyCheckResult p, CheckPolicy({kPolicy}));
  EXPECT_EQ(p.province, "22");
  EXPECT_EQ(p.effective_to, *Date::FromYmd(2024, 12, 31));
  EXPECT_EQ(p.feeds.size(), std::size(kFeeds));
  bool exclusion = false;
  for (const PolicyCheckResult::RuleRow& r : p.rules) exclusion |= r.kind == WarningKind::kExclusion;
  EXPECT_TRUE(exclusion);
  EXPECT_STATUS(CheckPolicy({"/nonexistent.toml"}), StatusCode::kNotFound, "nonexistent.toml");
}

}  // namespace
}  // namespace jz
