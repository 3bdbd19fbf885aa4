// End-to-end tests of the `jingzhun` binary: help, usage errors, error messages on
// stderr with the mapped exit codes, and the commands of the foundation working together.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct Result {
  int exit_code = -1;
  std::string out;  // stdout and stderr, in order
};

// Runs the binary with `args` (shell-quoted by the caller), capturing output.
Result RunJingzhun(const std::string& args) {
  const std::string command = std::string(JZ_BINARY) + " " + args + " 2>&1";
  Result r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

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
  for (const char* command : {"generate", "regions", "info"}) EXPECT_NE(r.out.find(command), std::string::npos) << command;
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
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 3000 --seed 4 --regions " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Result imported = RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025");
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
  EXPECT_NE(imported.out.find("3000"), std::string::npos);
  Result table = RunJingzhun("stats " + Path("j.db") + " --level prefecture");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("延边朝鲜族自治州"), std::string::npos);
  Result csv = RunJingzhun("stats " + Path("j.db") + " --format csv");
  EXPECT_EQ(csv.out.rfind("region_code,region_name,dimension", 0), 0u) << csv.out.substr(0, 80);
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
  Result r = RunJingzhun("import " + Path("j.db") + " " + Path("bad.csv") + " --report " + Path("errors.csv"));
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
  std::fputs("version = \"1\"\nprovince = \"22\"\neffective_from = 2024-01-01\neffective_to = 2024-12-31\n"
             "[[rule]]\nid = \"X-1\"\nname_zh = \"坏规则\"\nkind = \"warning\"\nscope = \"household\"\n"
             "severity = \"high\"\nwhen = \"household.size + 2024-01-01 > 3\"\n", f);
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
                        " --feeds --policy " + policy).exit_code, 0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025").exit_code, 0);
  const std::string screen = "screen " + Path("j.db") + " --policy " + policy + " --as-of 2025-12-31 --feeds ";
  Result r = RunJingzhun(screen + Path("reg/feeds"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("JL-W-MEDICAL"), std::string::npos);
  EXPECT_NE(r.out.find("延边朝鲜族自治州"), std::string::npos);
  Result again = RunJingzhun(screen + Path("reg/feeds"));
  EXPECT_NE(again.out.find("新增 0 条"), std::string::npos) << again.out;
  EXPECT_EQ(RunJingzhun(screen + Path("no-feeds")).exit_code, 4);
  EXPECT_EQ(RunJingzhun("screen " + Path("j.db") + " --policy " + Path("none.toml") + " --feeds " + Path("reg/feeds")).exit_code, 4);
  EXPECT_EQ(RunJingzhun("screen " + Path("j.db") + " --policy " + policy + " --as-of 2025-02-30 --feeds " +
                        Path("reg/feeds")).exit_code, 3);

  const std::string whatif = "--lang en whatif " + Path("j.db") + " --policy " + policy + " --as-of 2025-12-31 --feeds " +
                             Path("reg/feeds") + " --out " + Path("changes.csv");
  Result w = RunJingzhun(whatif + " --set monitoring_line=9000");
  ASSERT_EQ(w.exit_code, 0) << w.out;
  EXPECT_NE(w.out.find("JL-W-INCOME-EXITED"), std::string::npos) << w.out;
  EXPECT_NE(w.out.find("what-if re-evaluation"), std::string::npos) << w.out;
  EXPECT_TRUE(std::filesystem::exists(Path("changes.csv")));
  Result unknown = RunJingzhun(whatif + " --set monitoring_lin=9000");
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.out.find("monitoring_lin"), std::string::npos) << unknown.out;
  EXPECT_EQ(RunJingzhun(whatif + " --set monitoring_line").exit_code, 3);
  EXPECT_EQ(RunJingzhun(whatif + " --set school_age_from=6元").exit_code, 3);
}

}  // namespace
