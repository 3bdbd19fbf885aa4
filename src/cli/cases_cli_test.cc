// End-to-end tests of the guards of `jingzhun cases` through the binary: events after today,
// a step dated before the step it follows, strict periods, bounded numbers, the workflow
// code lists' names, the default scope (the database's province) and the printed lists.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/testing/run_jingzhun.h"

namespace {

using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

class CasesCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("jz-cases-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string regions = std::string(JZ_SHARED_DATA_DIR) + "/regions";
    ASSERT_EQ(
        RunJingzhun("generate --out " + P("reg") + " --persons 300 --seed 5 --regions " + regions).exit_code,
        0);
    ASSERT_EQ(RunJingzhun("regions load " + P("c.db") + " " + regions).exit_code, 0);
    ASSERT_EQ(RunJingzhun("import " + P("c.db") + " " + P("reg/registry.csv") + " --year 2025").exit_code, 0);
    std::ifstream csv(P("reg/registry.csv"));
    std::string line;
    std::getline(csv, line);  // header
    std::getline(csv, line);
    for (int i = 0; i < 5; ++i) line = line.substr(line.find(',') + 1);
    household_ = line.substr(0, line.find(','));  // 户编号, the sixth column
    const Result open =
        Cases("open", "--household " + household_ + " --source visit --date 2024-01-02 --by 李明");
    ASSERT_EQ(open.exit_code, 0) << open.out;
    ASSERT_EQ(Cases("verify", "1 --date 2024-01-04 --by 李明 --evidence 入户核实").exit_code, 0);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string P(const std::string& name) { return (dir_ / name).string(); }
  // `jingzhun [--lang en] cases SUB DB ARGS`.
  static Result Cases(const std::string& sub, const std::string& args, bool english = false) {
    return RunJingzhun(std::string(english ? "--lang en " : "") + "cases " + sub + " " + P("c.db") + " " +
                       args);
  }
  static std::filesystem::path dir_;
  static std::string household_;
};
std::filesystem::path CasesCliTest::dir_;
std::string CasesCliTest::household_;

TEST_F(CasesCliTest, EventsAfterTodayAreRefused) {
  Result r =
      Cases("income", "--household " + household_ + " --date 2199-12-31 --per-capita 9000 --by 李明", true);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("2199-12-31 is after today"), std::string::npos) << r.out;
  r = Cases("visit", "--household " + household_ + " --date 2199-12-31 --by 王芳");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("晚于今天"), std::string::npos) << r.out;
  r = Cases("cadre", "--household " + household_ + " --name 孙丽 --date 2199-12-31 --by 王强");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  r = Cases("exclude", "1 --date 2199-12-31 --by 王强 --reason 收入达标", true);
  EXPECT_EQ(r.exit_code, 6) << r.out;
  EXPECT_NE(r.out.find("2199-12-31 is after today"), std::string::npos) << r.out;
}

TEST_F(CasesCliTest, StepBeforeThePreviousStepNamesBothDates) {
  const Result r = Cases("exclude", "1 --date 2024-01-03 --by 王强 --reason 收入达标", true);
  EXPECT_EQ(r.exit_code, 6) << r.out;
  EXPECT_NE(r.out.find("date 2024-01-03 is before the previous step's date 2024-01-04"), std::string::npos)
      << r.out;
}

TEST_F(CasesCliTest, PeriodsAndDatesAreStrict) {
  Result r = Cases("from-warnings", "--period 2025-13 --date 2026-01-05 --by 乡村振兴局");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("2025-13"), std::string::npos) << r.out;
  r = Cases("from-warnings", "--period 2025-12 --date 2026-01-05 --by 乡村振兴局");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("按 2025-12 的预警新登记线索 0 条"), std::string::npos) << r.out;
  r = Cases("overdue", "--as-of 2024-02-30");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--as-of"), std::string::npos) << r.out;
}

TEST_F(CasesCliTest, NumbersAreBounded) {
  Result r = Cases("overdue", "--days 99999");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--days 99999"), std::string::npos) << r.out;
  r = Cases("show", "0");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(Cases("show", "x1").exit_code, 2);  // not a number: a usage error
  r = Cases("income", "--household " + household_ + " --date 2024-03-01 --per-capita 50000000 --by 李明");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--per-capita"), std::string::npos) << r.out;
  r = Cases("visit", "--household " + household_ + " --date 2024-03-01 --by 王芳 --lat 95 --lon 120");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  r = Cases(
      "measure",
      "1 --date 2024-03-01 --by 李明 --kind 健康帮扶 --start 2024-03-01 --content 医疗救助 --funds 2000000",
      true);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--funds 2000000.00 yuan is out of range (0.00 to 1000000.00 yuan)"),
            std::string::npos)
      << r.out;
  r = Cases("propose", "1 --date 2024-03-01 --by 李明 --line 0");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--line"), std::string::npos) << r.out;
}

TEST_F(CasesCliTest, CodeListNamesParseAndUnknownOnesAreNamed) {
  Result r = Cases("list", "--state verified --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("案件,户编号,村,状态,来源", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(household_ + ","), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("已核实,干部排查"), std::string::npos) << r.out;
  EXPECT_EQ(Cases("list", "--state elimination_proposed --format json").out, "[]\n");
  r = Cases("list", "--state done");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--state"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("done"), std::string::npos) << r.out;
}

TEST_F(CasesCliTest, ListsDefaultToTheProvinceAndPrintTypedJson) {
  Result r = Cases("summary", "--level prefecture --as-of 2024-01-31");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("超15天未认定"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("合计 吉林省"), std::string::npos) << r.out;
  r = Cases("overdue", "--as-of 2024-01-31 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\"case\": 1"), std::string::npos) << r.out;  // a number, not text
  EXPECT_NE(r.out.find("\"days\": 29"), std::string::npos) << r.out;
}

}  // namespace
