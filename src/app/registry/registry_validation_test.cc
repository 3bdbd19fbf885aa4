// The measurement of issue 3 end to end, through files: generate a registry with planted
// problems, import it (--partial), validate it, and compare import rejections plus
// validation findings with the generator's ground truth, per rule. Every planted kind must
// be found with 100% recall and 100% precision; clean data must raise nothing.
#include "app/registry/registry_validation.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "app/registry/registry_importer.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/planted_truth.h"
#include "synth/registry_generator.h"
#include "synth/village_plan.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/xlsx_inspect.h"

namespace jz {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // rule, household, person

class ValidationEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-validate-" + std::to_string(::getpid()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Generates, imports (partial) and validates; returns found keys (import + validate).
  std::set<Key> Run(double error_rate, uint64_t seed, int64_t persons, std::string* truth_path) {
    GeneratorOptions g;
    g.out_dir = (dir_ / std::to_string(seed)).string();
    g.persons = persons;
    g.seed = seed;
    g.error_rate = error_rate;
    g.data_year = 2024;
    auto generated = GenerateRegistry(g);
    EXPECT_TRUE(generated.ok()) << generated.status();
    *truth_path = generated->truth_path;
    store_ = std::move(OpenSqliteStore(":memory:")).value();
    EXPECT_OK(store_->UpsertRegions(gen::SyntheticRegions()));
    ImportOptions o;
    o.files = {generated->registry_path};
    o.partial = true;
    o.data_year = 2024;
    auto imported = ImportRegistry(*store_, o);
    EXPECT_TRUE(imported.ok()) << imported.status();
    import_problems_ = imported->problems;
    std::set<Key> found;
    for (const RowProblem& p : imported->problems)
      found.emplace(std::string(p.rule_id), p.household_no, p.person_no);
    auto validated = ValidateRegistry(*store_, {*RegionCode::Parse("22"), std::nullopt});
    EXPECT_TRUE(validated.ok()) << validated.status();
    for (const Finding& f : validated->findings)
      found.emplace(std::string(f.rule_id), f.household_no, f.person_no);
    result_ = std::move(validated).value();
    return found;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  ValidationResult result_;
  std::vector<RowProblem> import_problems_;
};

TEST_F(ValidationEndToEnd, CleanRegistryRaisesNothing) {
  std::string truth;
  EXPECT_TRUE(Run(0.0, 101, 20000, &truth).empty());
  EXPECT_EQ(result_.persons, 20000);
}

TEST_F(ValidationEndToEnd, EveryPlantedKindIsFoundExactly) {
  constexpr uint64_t kSeed = 20261122;
  std::printf("seed %llu\n", static_cast<unsigned long long>(kSeed));
  std::string truth_path;
  Run(0.5, kSeed, 60000, &truth_path);
  ASSERT_OK_AND_ASSIGN(TruthScore score, ScoreAgainstTruth(truth_path, import_problems_, result_.findings));
  std::printf("%s", FormatTruthScore(score).c_str());
  for (const KindScore& k : score.kinds) {
    EXPECT_GE(k.planted, 5) << k.rule_id << " planted too rarely to measure";
    EXPECT_EQ(k.hit, k.planted) << k.rule_id << " recall";
    EXPECT_EQ(k.hit, k.reported) << k.rule_id << " precision";
  }
  EXPECT_EQ(score.unplanted, 0);
}

TEST_F(ValidationEndToEnd, CountsRollUpFromVillageToProvince) {
  std::string truth;
  Run(0.3, 7, 8000, &truth);
  for (const auto& [rule, per_region] : result_.counts) {
    std::map<RegionLevel, int64_t> per_level;
    for (const auto& [region, n] : per_region) per_level[region.level()] += n;
    ASSERT_EQ(per_level.size(), 5u) << rule;
    for (const auto& [level, n] : per_level) EXPECT_EQ(n, per_level[RegionLevel::kProvince]) << rule;
  }
  const std::string report = (dir_ / "findings.csv").string();
  ASSERT_OK(WriteValidationReport(*store_, result_, report, report + ".counts.csv"));
  auto reader = CsvReader::Open(report);
  ASSERT_OK(reader);
  std::vector<std::string_view> f;
  int64_t rows = -1;
  while (*(*reader)->Next(f)) ++rows;
  EXPECT_EQ(rows, static_cast<int64_t>(result_.findings.size()));
}

TEST_F(ValidationEndToEnd, XlsxReportHasFindingsAndCountsInTheLanguage) {
  std::string truth;
  Run(0.3, 7, 3000, &truth);
  ASSERT_FALSE(result_.findings.empty());
  const std::string report = (dir_ / "findings.xlsx").string();
  ASSERT_OK(WriteValidationReport(*store_, result_, report, report, Lang::kEn));
  const std::vector<testing::InspectedSheet> sheets = testing::InspectXlsx(report);
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "findings");
  EXPECT_EQ(sheets[0].cells.at("B1").text, "severity");
  const std::string severity = sheets[0].cells.at("B2").text;
  EXPECT_TRUE(severity == "error" || severity == "warning") << severity;
  EXPECT_EQ(sheets[0].cells.at("E2").type, "inlineStr");  // a 12-digit region code stays text
  EXPECT_EQ(sheets[1].name, "counts");
  EXPECT_EQ(sheets[1].cells.at("A2").text, "province");
  EXPECT_EQ(sheets[1].cells.at("E2").type, "n");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TableReader> table, OpenTable(report));
  std::vector<std::string_view> cells;
  size_t rows = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
    if (!more) break;
    ++rows;
  }
  EXPECT_EQ(rows, result_.findings.size() + 1);
}

}  // namespace
}  // namespace jz
