#include "app/screening/registry_screening.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

class ScreeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-screen-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "feeds");
    store_ = std::move(OpenSqliteStore(":memory:")).value();
    ASSERT_OK(testing::LoadTestRegions(*store_));
    ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
    household_ = testing::TestHousehold("H1", 2);  // net income 32,000.50 yuan
    ASSERT_OK(writer->Upsert(household_));
    ASSERT_OK(writer->Upsert(testing::TestHousehold("H2", 1, 10)));
    ASSERT_OK(writer->Commit());
    ASSERT_OK_AND_ASSIGN(policy_, LoadPolicyFile(std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml"));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Feed(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "feeds" / (name + ".csv")) << text;
  }
  ScreenOptions Options(bool dry_run = false) {
    return ScreenOptions{(dir_ / "feeds").string(), *Date::FromYmd(2024, 12, 31), dry_run,
                         *RegionCode::Parse("22")};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Household household_;
  Policy policy_;
};

TEST_F(ScreeningTest, MedicalCostAboveHalfTheIncomeWarnsOnceWithEvidence) {
  const std::string member = household_.members[1].id_number.ToString();
  const std::string outsider = IdNumber::FromParts(220102, *Date::FromYmd(1970, 1, 1), 11)->ToString();
  std::string bad = member;
  bad.back() = bad.back() == '0' ? '1' : '0';
  // 9,000 + 7,000.26 = 16,000.26 > 0.5 x 32,000.50 = 16,000.25; the 2023 claim is outside
  // the 365-day window.
  Feed("medical", "证件号码,日期,out_of_pocket,inpatient\n" + member + ",2024-03-01,9000.00,是\n" + member +
                      ",2024-11-30,7000.26,否\n" + member + ",2023-12-01,50000,是\n" + outsider +
                      ",2024-05-01,100,否\n" + bad + ",2024-05-01,100,否\n");
  ASSERT_OK_AND_ASSIGN(ScreenResult r, ScreenRegistry(*store_, policy_, Options()));
  EXPECT_EQ(r.households, 2);
  EXPECT_EQ(r.households_per_rule["JL-W-MEDICAL"], 1);
  ASSERT_EQ(r.feeds.size(), policy_.feeds.size());
  const FeedStats& medical = r.feeds[*policy_.FeedIndex("medical")];
  EXPECT_TRUE(medical.provided);
  EXPECT_EQ(medical.rows, 5);
  EXPECT_EQ(medical.matched, 3);
  EXPECT_EQ(medical.unmatched, 1);
  EXPECT_EQ(medical.invalid_ids, 1);
  EXPECT_FALSE(r.feeds[*policy_.FeedIndex("death")].provided);
  ASSERT_OK_AND_ASSIGN(auto warnings, store_->ListWarnings(ReadScope::WholeDatabase(), "H1"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rule_id, "JL-W-MEDICAL");
  EXPECT_EQ(warnings[0].period, "2024-12");
  EXPECT_NE(warnings[0].evidence.find("16000.26"), std::string::npos) << warnings[0].evidence;

  ASSERT_OK_AND_ASSIGN(ScreenResult again, ScreenRegistry(*store_, policy_, Options()));
  EXPECT_EQ(again.warnings, r.warnings);
  EXPECT_EQ(again.warnings_new, 0) << "screening twice adds nothing";
  EXPECT_EQ(*store_->CountWarnings(ReadScope::WholeDatabase()), r.warnings_new);
}

TEST_F(ScreeningTest, ExactlyHalfTheIncomeDoesNotWarnAndDryRunWritesNothing) {
  const std::string member = household_.members[0].id_number.ToString();
  Feed("medical", "证件号码,日期,out_of_pocket,inpatient\n" + member + ",2024-06-01,16000.25,是\n");
  ASSERT_OK_AND_ASSIGN(ScreenResult r, ScreenRegistry(*store_, policy_, Options(/*dry_run=*/true)));
  EXPECT_EQ(r.households_per_rule.count("JL-W-MEDICAL"), 0u);
  Feed("death", "证件号码,日期\n" + member + ",2024-10-01\n");
  ASSERT_OK_AND_ASSIGN(ScreenResult dry, ScreenRegistry(*store_, policy_, Options(/*dry_run=*/true)));
  EXPECT_EQ(dry.households_per_rule["JL-W-DEATH"], 1);
  EXPECT_EQ(dry.warnings_new, 0);
  EXPECT_EQ(*store_->CountWarnings(ReadScope::WholeDatabase()), 0);
}

TEST_F(ScreeningTest, BrokenFeedsAreErrorsOrReportedRows) {
  EXPECT_STATUS(
      ScreenRegistry(*store_, policy_, {(dir_ / "none").string(), Date(), true, *RegionCode::Parse("22")}),
      StatusCode::kNotFound, "none");
  Feed("medical", "证件号码,日期\n");
  EXPECT_STATUS(ScreenRegistry(*store_, policy_, Options()), StatusCode::kInvalidArgument, "out_of_pocket");
  const std::string member = household_.members[0].id_number.ToString();
  Feed("medical", "证件号码,日期,out_of_pocket,inpatient\n" + member + ",2024-02-30,10,是\n" + member +
                      ",2024-02-01,ten,是\n");
  ASSERT_OK_AND_ASSIGN(ScreenResult r, ScreenRegistry(*store_, policy_, Options()));
  EXPECT_EQ(r.feeds[*policy_.FeedIndex("medical")].bad_rows, 2);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].line, 2);
  EXPECT_EQ(r.problems[0].file, "medical.csv");  // named within the feeds directory, as unmatched rows are
  EXPECT_EQ(r.problems[1].column, "out_of_pocket");
  EXPECT_EQ(*store_->CountWarnings(ReadScope::WholeDatabase()), 0);
}

}  // namespace
}  // namespace jz

#include <set>
#include <tuple>

#include "app/registry/registry_importer.h"
#include "io/csv_reader.h"
#include "synth/feed_generator.h"
#include "synth/village_plan.h"
#include "tests/testutil/engine_adapter.h"

namespace jz {
namespace {

// End to end through files: generate a registry with departmental feeds, import it,
// screen it, and compare the stored warnings with the truth the generator computed
// independently from its in-memory households. They must be equal, hit for hit.
TEST(ScreeningEndToEnd, StoredWarningsEqualTheGeneratorsTruth) {
  const auto dir = std::filesystem::temp_directory_path() / ("jz-screen-e2e-" + std::to_string(::getpid()));
  FeedOptions options;
  options.registry.out_dir = dir.string();
  options.registry.persons = 15000;
  options.registry.seed = 77;
  options.registry.data_year = 2025;
  options.policy_path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_OK_AND_ASSIGN(FeedSummary generated, GenerateFeeds(options));
  ASSERT_GT(generated.truth_rows, 100);

  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore((dir / "j.db").string()));
  ASSERT_OK(store->UpsertRegions(gen::SyntheticRegions()));
  ImportOptions import;
  import.files = {generated.registry.registry_path};
  import.data_year = 2025;
  ASSERT_OK_AND_ASSIGN(ImportSummary imported, ImportRegistry(*store, import));
  ASSERT_TRUE(imported.committed);
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyFile(options.policy_path));
  ASSERT_OK_AND_ASSIGN(
      ScreenResult screened,
      ScreenRegistry(*store, policy,
                     {generated.feeds_dir, *Date::FromYmd(2025, 12, 31), false, *RegionCode::Parse("22")}));
  EXPECT_EQ(screened.not_evaluable, 0);

  using Key = std::tuple<std::string, std::string, std::string>;
  std::set<Key> truth, found;
  auto reader = CsvReader::Open(generated.truth_path);
  ASSERT_OK(reader);
  std::vector<std::string_view> f;
  ASSERT_TRUE(*(*reader)->Next(f));
  while (*(*reader)->Next(f)) truth.emplace(std::string(f[0]), std::string(f[1]), std::string(f[2]));
  ASSERT_OK(store->ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
    StatusOr<std::vector<Warning>> warnings = store->ListWarnings(ReadScope::WholeDatabase(), h.household_no);
    if (!warnings.ok()) return warnings.status();
    for (const Warning& w : *warnings) found.emplace(w.rule_id, w.household_no, w.person_no);
    return OkStatus();
  }));
  // The truth lists warnings and exclusions; screening also stores the 两不愁三保障 tests.
  std::set<Key> found_warnings;
  for (const Key& k : found) {
    if (policy.FindRule(std::get<0>(k))->kind != RuleKind::kTest) found_warnings.insert(k);
  }
  EXPECT_EQ(found_warnings.size(), truth.size());
  EXPECT_EQ(found_warnings, truth);

  // And the engine equals the reference evaluator on the same households and feed rows,
  // hit for hit with the same evidence, the 两不愁三保障 tests included.
  std::vector<Household> households;
  ASSERT_OK(store->ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
    households.push_back(h);
    return OkStatus();
  }));
  std::map<uint64_t, std::pair<size_t, size_t>> member_of;
  for (size_t h = 0; h < households.size(); ++h) {
    for (size_t m = 0; m < households[h].members.size(); ++m) {
      member_of.emplace(households[h].members[m].id_number.Packed(), std::pair{h, m});
    }
  }
  std::vector<FeedView> views(households.size());
  for (size_t fi = 0; fi < policy.feeds.size(); ++fi) {
    ASSERT_OK_AND_ASSIGN(
        FeedTable table,
        LoadFeedTable(generated.feeds_dir + "/" + policy.feeds[fi].name + ".csv", policy.feeds[fi]));
    for (size_t r = 0; r < table.ids.size(); ++r) {
      const auto it = member_of.find(table.ids[r]);
      if (it == member_of.end()) continue;
      views[it->second.first].rows[fi].push_back({it->second.second, table.dates[r], table.values[r]});
    }
  }
  const Date as_of = *Date::FromYmd(2025, 12, 31);
  const testing::ComparableRun reference = testing::RunReference(policy, households, views, as_of);
  ASSERT_OK_AND_ASSIGN(testing::ComparableRun engine, testing::RunEngine(policy, households, views, as_of));
  EXPECT_GE(reference.hits.size(), truth.size());
  EXPECT_TRUE(engine.hits == reference.hits);
  EXPECT_EQ(engine.not_evaluable, reference.not_evaluable);
  // Read back from the export, the 两不愁三保障 indicators are unknown (no column carries
  // them): JL-T-FOOD is undecided everywhere, in both evaluators alike.
  EXPECT_EQ(engine.unknown, reference.unknown);
  EXPECT_EQ(reference.unknown.at("JL-T-FOOD"), static_cast<int64_t>(households.size()));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jz
