// End-to-end tests of the `jingzhun` binary: help, usage errors, error messages on
// stderr with the mapped exit codes, and the commands of the foundation working together.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/testing/read_table.h"
#include "cli/testing/run_jingzhun.h"

namespace {

using jz::cli_testing::ReadTable;
using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

const std::string kRegions = std::string(JZ_SHARED_DATA_DIR) + "/regions";

TEST_F(CliTest, HelpListsEveryCommandAndExitCodes) {
  Result r = RunJingzhun("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"generate", "regions", "info"})
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  Result g = RunJingzhun("generate --help");
  EXPECT_EQ(g.exit_code, 0);
  EXPECT_NE(g.out.find("--error-rate"), std::string::npos);
  EXPECT_NE(g.out.find("Examples"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunJingzhun("").exit_code, 2);
  EXPECT_EQ(RunJingzhun("no-such-command").exit_code, 2);
  EXPECT_EQ(RunJingzhun("generate").exit_code, 2);  // --out is required
  EXPECT_EQ(RunJingzhun("generate --out x --persons lots").exit_code, 2);
  EXPECT_EQ(RunJingzhun("--lang klingon info x.db").exit_code, 2);
}

TEST_F(CliTest, InvalidValuesAreReportedOnStderrWithMappedExitCode) {
  Result r = RunJingzhun("generate --out " + Path("g") + " --persons 10 --encoding latin1");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("latin1"), std::string::npos);
  Result missing = RunJingzhun("info " + Path("missing.db"));
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_NE(missing.out.find("missing.db"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("missing.db")));
  Result english = RunJingzhun("--lang en info " + Path("missing.db"));
  EXPECT_NE(english.out.find("does not exist"), std::string::npos);
  EXPECT_EQ(english.out.find("不存在"), std::string::npos);
}

TEST_F(CliTest, GenerateLoadRegionsAndInfoWorkTogether) {
  Result g = RunJingzhun("generate --out " + Path("reg") + " --persons 2000 --seed 3 --regions " + kRegions);
  ASSERT_EQ(g.exit_code, 0) << g.out;
  EXPECT_NE(g.out.find("2000"), std::string::npos);
  EXPECT_EQ(g.out.find('\r'), std::string::npos) << "no progress bar when piped";
  Result load = RunJingzhun("regions load " + Path("j.db") + " " + kRegions);
  ASSERT_EQ(load.exit_code, 0) << load.out;
  EXPECT_NE(load.out.find("11860"), std::string::npos);
  Result info = RunJingzhun("--lang zh-Hant info " + Path("j.db"));
  ASSERT_EQ(info.exit_code, 0) << info.out;
  EXPECT_NE(info.out.find("數據庫"), std::string::npos) << info.out;  // derived with OpenCC
}

TEST_F(CliTest, GenerateFeedsWritesFeedsTruthAndCounts) {
  const std::string policy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  Result g = RunJingzhun("generate --out " + Path("f") + " --persons 2000 --seed 5 --regions " + kRegions +
                         " --feeds --policy " + policy);
  ASSERT_EQ(g.exit_code, 0) << g.out;
  for (const char* feed : {"medical", "disability", "school_roll", "disaster", "death", "payroll", "vehicle",
                           "company", "property"}) {
    EXPECT_TRUE(std::filesystem::exists(Path("f") + "/feeds/" + feed + ".csv")) << feed;
    EXPECT_NE(g.out.find(feed), std::string::npos) << feed;
  }
  EXPECT_GT(std::filesystem::file_size(Path("f") + "/feeds/warnings-truth.csv"), 100u);
  Result missing = RunJingzhun("--lang en generate --out " + Path("m") + " --persons 10 --feeds --policy " +
                               Path("nope.toml"));
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  EXPECT_NE(missing.out.find("nope.toml"), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("--policy"), std::string::npos) << missing.out;
}

TEST_F(CliTest, RegionsLoadRefusesForeignFileAndLeavesIt) {
  std::FILE* f = std::fopen(Path("notes.db").c_str(), "w");
  std::fputs("not a database at all, just some notes\n", f);
  std::fclose(f);
  Result r = RunJingzhun("regions load " + Path("notes.db") + " " + kRegions);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(std::filesystem::file_size(Path("notes.db")), 39u);
}

}  // namespace

namespace {

TEST_F(CliTest, ImportAndStatsEndToEnd) {
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 3000 --seed 4 --regions " + kRegions)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Result imported = RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025");
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
  EXPECT_NE(imported.out.find("3000"), std::string::npos);
  Result table = RunJingzhun("stats " + Path("j.db") + " --level prefecture");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("延边朝鲜族自治州"), std::string::npos);
  Result csv = RunJingzhun("stats " + Path("j.db") + " --format csv");
  EXPECT_EQ(csv.out.rfind("区划代码,名称,维度", 0), 0u) << csv.out.substr(0, 80);  // headers in --lang
  Result json = RunJingzhun("--lang en stats " + Path("j.db") + " --format json --level prefecture");
  EXPECT_NE(json.out.find("\"persons\": 3000"), std::string::npos) << json.out.substr(0, 300);
  EXPECT_EQ(RunJingzhun("stats " + Path("j.db") + " --level galaxy").exit_code, 3);
  EXPECT_EQ(RunJingzhun("stats " + Path("j.db") + " --region 99999").exit_code, 3);
  EXPECT_EQ(RunJingzhun("stats " + Path("none.db")).exit_code, 4);
}

TEST_F(CliTest, ImportWithErrorsExitsNonZeroAndChangesNothing) {
  std::FILE* f = std::fopen(Path("bad.csv").c_str(), "w");
  std::fputs("户编号,姓名,证件号码,与户主关系,行政区划代码\nH1,甲,123,户主,222424100205\n", f);
  std::fclose(f);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Result r =
      RunJingzhun("import " + Path("j.db") + " " + Path("bad.csv") + " --report " + Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("errors.csv"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(Path("errors.csv")));
  Result info = RunJingzhun("info " + Path("j.db"));
  EXPECT_NE(info.out.find("户 0 户"), std::string::npos) << info.out;
}

}  // namespace

namespace {

TEST_F(CliTest, PolicyCheckListsRulesAndNamesErrorPositions) {
  const std::string shipped = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  Result ok = RunJingzhun("policy check " + shipped);
  ASSERT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("monitoring_line"), std::string::npos);
  EXPECT_NE(ok.out.find("JL-W-INCOME-EXITED"), std::string::npos);
  std::FILE* f = std::fopen(Path("bad.toml").c_str(), "w");
  std::fputs(
      "version = \"1\"\nprovince = \"22\"\neffective_from = 2024-01-01\neffective_to = 2024-12-31\n"
      "[[rule]]\nid = \"X-1\"\nname_zh = \"坏规则\"\nkind = \"warning\"\nscope = \"household\"\n"
      "severity = \"high\"\nwhen = \"household.size + 2024-01-01 > 3\"\n",
      f);
  std::fclose(f);
  Result bad = RunJingzhun("policy check " + Path("bad.toml"));
  EXPECT_EQ(bad.exit_code, 3) << bad.out;
  EXPECT_NE(bad.out.find("bad.toml:11:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("X-1"), std::string::npos) << bad.out;
  EXPECT_EQ(RunJingzhun("policy check " + Path("none.toml")).exit_code, 4);
}

}  // namespace

namespace {

TEST_F(CliTest, ScreenEndToEndAndBadInput) {
  const std::string policy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 2000 --seed 8 --regions " + kRegions +
                        " --feeds --policy " + policy)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025").exit_code,
            0);
  const std::string screen = "screen " + Path("j.db") + " --policy " + policy +
                             " --as-of 2025-12-31 --ignore-policy-period --feeds ";
  Result r = RunJingzhun(screen + Path("reg/feeds"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("JL-W-MEDICAL"), std::string::npos);
  EXPECT_NE(r.out.find("延边朝鲜族自治州"), std::string::npos);
  Result again = RunJingzhun(screen + Path("reg/feeds"));
  EXPECT_NE(again.out.find("新增 0 条"), std::string::npos) << again.out;
  // The unused feed rows as an English workbook: English headers, column names and reasons.
  Result xlsx =
      RunJingzhun("--lang en " + screen + Path("reg/feeds") + " --dry-run --report " + Path("unused.xlsx"));
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.out;
  const std::vector<std::vector<std::string>> unused = ReadTable(Path("unused.xlsx"));
  ASSERT_GT(unused.size(), 1u) << "the generated feeds hold rows of no registered person";
  EXPECT_EQ(unused[0], (std::vector<std::string>{"file", "line", "column", "value", "reason"}));
  for (size_t i = 1; i < unused.size(); ++i) {
    EXPECT_EQ(unused[i][4].find("证件"), std::string::npos) << "a zh-Hans reason: " << unused[i][4];
  }
  // The export door's folder stays CSV, headers in the language; county-summary.csv keeps its keys.
  Result folder = RunJingzhun("--lang en screen --registry " + Path("reg/registry.csv") + " --policy " +
                              policy + " --as-of 2025-12-31 --ignore-policy-period --year 2025 --feeds " +
                              Path("reg/feeds") + " --out " + Path("export"));
  ASSERT_EQ(folder.exit_code, 0) << folder.out;
  EXPECT_EQ(
      ReadTable(Path("export/warnings.csv"))[0],
      (std::vector<std::string>{"household no", "person no", "county", "rule", "rule name", "evidence"}));
  EXPECT_EQ(ReadTable(Path("export/county-summary.csv"))[0],
            (std::vector<std::string>{"county", "rule_id", "households"}));
  EXPECT_EQ(ReadTable(Path("export/feed-report.csv"))[0][4], "reason");
  EXPECT_EQ(RunJingzhun(screen + Path("no-feeds")).exit_code, 4);
  EXPECT_EQ(RunJingzhun("screen " + Path("j.db") + " --policy " + Path("none.toml") + " --feeds " +
                        Path("reg/feeds"))
                .exit_code,
            4);
  EXPECT_EQ(RunJingzhun("screen " + Path("j.db") + " --policy " + policy + " --as-of 2025-02-30 --feeds " +
                        Path("reg/feeds"))
                .exit_code,
            3);

  const std::string whatif = "--lang en whatif " + Path("j.db") + " --policy " + policy +
                             " --as-of 2025-12-31 --ignore-policy-period --feeds " + Path("reg/feeds") +
                             " --out " + Path("changes.csv");
  Result w = RunJingzhun(whatif + " --set monitoring_line=9000");
  ASSERT_EQ(w.exit_code, 0) << w.out;
  EXPECT_NE(w.out.find("JL-W-INCOME-EXITED"), std::string::npos) << w.out;
  EXPECT_NE(w.out.find("what-if re-evaluation"), std::string::npos) << w.out;
  EXPECT_EQ(ReadTable(Path("changes.csv"))[0],
            (std::vector<std::string>{"county", "household no", "rule", "rule name", "change"}));
  Result unknown = RunJingzhun(whatif + " --set monitoring_lin=9000");
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.out.find("monitoring_lin"), std::string::npos) << unknown.out;
  EXPECT_EQ(RunJingzhun(whatif + " --set monitoring_line").exit_code, 3);
  EXPECT_EQ(RunJingzhun(whatif + " --set school_age_from=6元").exit_code, 3);
  Result negative = RunJingzhun(whatif + " --set monitoring_line=-8000");
  EXPECT_EQ(negative.exit_code, 3);
  EXPECT_NE(negative.out.find("negative"), std::string::npos) << negative.out;
}

// The screening guards through the binary: missing feeds, dates, the policy's period,
// threads, and policy files with a path for a feed name or a negative amount.
TEST_F(CliTest, ScreenGuards) {
  const std::string policy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 500 --seed 9 --regions " + kRegions +
                        " --feeds --policy " + policy)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025").exit_code,
            0);
  std::filesystem::remove(Path("reg/feeds/school_roll.csv"));
  const std::string screen = "--lang en screen " + Path("j.db") + " --policy " + policy + " --feeds " +
                             Path("reg/feeds") + " --report " + Path("r.csv");

  Result missing = RunJingzhun(screen + " --as-of 2024-12-31");
  EXPECT_EQ(missing.exit_code, 6) << missing.out;
  EXPECT_NE(missing.out.find("school_roll.csv"), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("--allow-missing-feeds"), std::string::npos) << missing.out;
  Result allowed = RunJingzhun(screen + " --as-of 2024-12-31 --allow-missing-feeds --dry-run");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out;
  EXPECT_NE(allowed.out.find("undecidable (missing feed)"), std::string::npos) << allowed.out;
  EXPECT_NE(allowed.out.find("feeds not provided: school_roll"), std::string::npos) << allowed.out;
  Result whatif =
      RunJingzhun("whatif " + Path("j.db") + " --policy " + policy + " --feeds " + Path("reg/feeds") +
                  " --as-of 2024-12-31 --set monitoring_line=8000 --out " + Path("w.csv"));
  EXPECT_EQ(whatif.exit_code, 6) << whatif.out;
  EXPECT_NE(whatif.out.find("school_roll.csv"), std::string::npos) << whatif.out;

  const std::string all = " --allow-missing-feeds --dry-run";
  Result future = RunJingzhun(screen + all + " --as-of 2199-12-31 --ignore-policy-period");
  EXPECT_EQ(future.exit_code, 3) << future.out;
  EXPECT_NE(future.out.find("after today"), std::string::npos) << future.out;
  Result period = RunJingzhun(screen + all + " --as-of 2023-12-31");
  EXPECT_EQ(period.exit_code, 6) << period.out;
  EXPECT_NE(period.out.find("2024-01-01 to 2024-12-31"), std::string::npos) << period.out;
  EXPECT_EQ(RunJingzhun(screen + all + " --as-of 2023-12-31 --ignore-policy-period").exit_code, 0);
  Result threads = RunJingzhun(screen + all + " --as-of 2024-12-31 --threads 100000");
  EXPECT_EQ(threads.exit_code, 3) << threads.out;
  EXPECT_NE(threads.out.find("--threads 100000"), std::string::npos) << threads.out;
  EXPECT_EQ(RunJingzhun(screen + all + " --as-of 2024-13-01").exit_code, 3);
  Result json = RunJingzhun(screen + all + " --as-of 2024-12-31 --format json");
  EXPECT_EQ(json.exit_code, 0) << json.out;
  EXPECT_NE(json.out.find("\"undecidable\""), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find("screened"), std::string::npos) << "JSON alone, no summary line";

  std::FILE* f = std::fopen(Path("path-feed.toml").c_str(), "w");
  std::fputs(
      "version = \"1\"\nprovince = \"22\"\neffective_from = 2024-01-01\neffective_to = 2024-12-31\n"
      "[[feed]]\nname = \"../secrets\"\ncolumns = []\n",
      f);
  std::fclose(f);
  Result path_feed = RunJingzhun("policy check " + Path("path-feed.toml"));
  EXPECT_EQ(path_feed.exit_code, 3) << path_feed.out;
  EXPECT_NE(path_feed.out.find("path-feed.toml:6:"), std::string::npos) << path_feed.out;
  f = std::fopen(Path("negative.toml").c_str(), "w");
  std::fputs(
      "version = \"1\"\nprovince = \"22\"\neffective_from = 2024-01-01\neffective_to = 2024-12-31\n"
      "[parameters]\nmonitoring_line = \"-7500元\"\n",
      f);
  std::fclose(f);
  Result negative = RunJingzhun("policy check " + Path("negative.toml"));
  EXPECT_EQ(negative.exit_code, 3) << negative.out;
  EXPECT_NE(negative.out.find("negative.toml:6:"), std::string::npos) << negative.out;
  EXPECT_NE(negative.out.find("monitoring_line"), std::string::npos) << negative.out;
}

}  // namespace

namespace {

// The monitoring-case door: a lead through inclusion, a refusal with its conditions and
// exit code 6, the history, the notice, and the lists in CSV and JSON.
TEST_F(CliTest, CasesHappyPathAndRefusalThroughTheBinary) {
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 300 --seed 3 --regions " + kRegions)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025").exit_code,
            0);
  std::FILE* f = std::fopen(Path("reg/registry.csv").c_str(), "r");
  ASSERT_NE(f, nullptr);
  char line[4096];
  ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);  // header
  ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);
  std::fclose(f);
  std::string household = line;
  for (int i = 0; i < 5; ++i) household = household.substr(household.find(',') + 1);
  household = household.substr(0, household.find(','));  // 户编号, the sixth column
  const std::string cases = "cases ";
  const std::string db = " " + Path("j.db");

  Result help = RunJingzhun("cases --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("from-warnings"), std::string::npos);
  EXPECT_NE(help.out.find("Examples"), std::string::npos);
  Result open = RunJingzhun(cases + "open" + db + " --household " + household +
                            " --source application --date 2024-01-02 --by 李明 --evidence 农户申请");
  ASSERT_EQ(open.exit_code, 0) << open.out;
  EXPECT_NE(open.out.find("案件 1"), std::string::npos) << open.out;
  Result early =
      RunJingzhun("--lang en " + cases + "include" + db + " 1 --date 2024-01-15 --by 王强 --risk 因病");
  EXPECT_EQ(early.exit_code, 6) << early.out;
  EXPECT_NE(early.out.find("case 1 is lead"), std::string::npos) << early.out;
  ASSERT_EQ(
      RunJingzhun(cases + "verify" + db + " 1 --date 2024-01-04 --by 李明 --evidence 入户核实").exit_code, 0);
  const std::string include =
      cases + "include" + db + " 1 --date 2024-01-15 --by 王强 --type 突发严重困难户 --risk 因病 " +
      "--appraisal 2024-01-06 --notice-start 2024-01-07 --approved 2024-01-12 --notice-end ";
  Result short_notice = RunJingzhun("--lang en " + include + "2024-01-09");
  EXPECT_EQ(short_notice.exit_code, 6) << short_notice.out;
  EXPECT_NE(short_notice.out.find("runs 3 days, fewer than 5"), std::string::npos) << short_notice.out;
  ASSERT_EQ(RunJingzhun(include + "2024-01-11").exit_code, 0);
  Result measure = RunJingzhun(cases + "measure" + db + " 1 --date 2024-01-20 --by 李明 --kind 健康帮扶 " +
                               "--start 2024-01-20 --content 医疗救助 --funds 3000");
  ASSERT_EQ(measure.exit_code, 0) << measure.out;
  Result propose = RunJingzhun(cases + "propose" + db + " 1 --date 2024-08-01 --by 李明 --line 7500");
  EXPECT_EQ(propose.exit_code, 6);
  EXPECT_NE(propose.out.find("6 个月"), std::string::npos) << propose.out;

  Result show = RunJingzhun(cases + "show" + db + " 1 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.out;
  EXPECT_NE(show.out.find("\"action\": \"纳入监测\""), std::string::npos) << show.out;
  Result notice = RunJingzhun(cases + "notice" + db + " 1");
  ASSERT_EQ(notice.exit_code, 0) << notice.out;
  EXPECT_NE(notice.out.find("突发严重困难户"), std::string::npos) << notice.out;
  Result list = RunJingzhun(cases + "list" + db + " --format csv");
  EXPECT_EQ(list.out.rfind("案件,户编号,村,状态", 0), 0u) << list.out;
  EXPECT_NE(list.out.find(household), std::string::npos);
  Result unvisited = RunJingzhun(cases + "unvisited" + db + " --as-of 2024-06-30 --format json");
  EXPECT_NE(unvisited.out.find("\"cadre\": \"未指定\""), std::string::npos) << unvisited.out;
  ASSERT_EQ(RunJingzhun(cases + "visit" + db + " --household " + household +
                        " --date 2024-06-20 --by 王芳 --lat 43.312345 --lon 129.765432")
                .exit_code,
            0);
  Result visited = RunJingzhun(cases + "unvisited" + db + " --as-of 2024-06-30 --format csv");
  EXPECT_EQ(visited.out, "户编号,村,案件,状态,最近走访,帮扶责任人\n") << visited.out;
  EXPECT_EQ(RunJingzhun(cases + "visit" + db + " --household " + household +
                        " --date 2024-06-20 --by 王芳 --lat 43.1234567 --lon 1")
                .exit_code,
            3);
  EXPECT_EQ(RunJingzhun(cases + "verify" + db + " 9 --date 2024-01-04 --by 李明 --evidence x").exit_code, 4);
  EXPECT_EQ(RunJingzhun(cases + "verify" + db + " 1 --date 2024-01-04 --evidence x").exit_code,
            2);  // --by required
}

}  // namespace
