// End-to-end test of `jingzhun rectify` through the binary: import of a findings sheet,
// the closure guard's exit code and message, the 清零 view as table, CSV and JSON, and a
// bad sheet refused with its file, line and field.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/testing/read_table.h"
#include "cli/testing/run_jingzhun.h"

namespace {

using jz::cli_testing::ReadTable;
using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

class RectifyCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-rectify-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = Path("j.db");
    ASSERT_EQ(
        RunJingzhun("regions load " + db_ + " " + std::string(JZ_SHARED_DATA_DIR) + "/regions").exit_code, 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }
  std::filesystem::path dir_;
  std::string db_;
};

constexpr const char* kFindings =
    "序号,问题来源,问题编号,问题类别,问题描述,区划代码,责任单位,责任人,整改措施,整改时限\n"
    "1,2024年省级督查,1,住房安全,C级危房未改造,222424,县住建局,张三,改造,2024-06-30\n"
    "2,2024年省级督查,2,饮水,断水超过一个月,222424100,汪清镇政府,赵六,修复管网,2024-12-31\n"
    "3,2024年省级督查,3,作风,走访不实,222401,延吉市乡村振兴局,钱七,约谈,2024-03-31\n";

TEST_F(RectifyCliTest, HelpHasExamples) {
  Result r = RunJingzhun("rectify --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples"), std::string::npos);
  EXPECT_NE(r.out.find("view"), std::string::npos);
  Result top = RunJingzhun("--help");
  EXPECT_NE(top.out.find("rectify"), std::string::npos);
}

TEST_F(RectifyCliTest, ImportCloseAndViewClearance) {
  const std::string sheet = Write("findings.csv", kFindings);
  Result imported = RunJingzhun("rectify import " + db_ + " " + sheet + " --by 李四 --date 2024-03-01");
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
  EXPECT_NE(imported.out.find("新建账 3 个"), std::string::npos) << imported.out;
  Result again =
      RunJingzhun("--lang en rectify import " + db_ + " " + sheet + " --by 李四 --date 2024-03-01");
  EXPECT_NE(again.out.find("0 added, 3 already in the ledger"), std::string::npos) << again.out;

  ASSERT_EQ(
      RunJingzhun("rectify request " + db_ + " 1 --by 张三 --evidence 验收单 --date 2024-04-01").exit_code,
      0);
  Result by_owner = RunJingzhun("--lang en rectify confirm " + db_ + " 1 --by 张三 --date 2024-04-02");
  EXPECT_EQ(by_owner.exit_code, 6) << by_owner.out;  // failed precondition
  EXPECT_NE(by_owner.out.find("someone other than the owner"), std::string::npos) << by_owner.out;
  ASSERT_EQ(RunJingzhun("rectify confirm " + db_ + " 1 --by 王五 --date 2024-04-02").exit_code, 0);

  Result table = RunJingzhun("rectify view " + db_ + " --level county --as-of 2024-05-01");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("汪清县"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("延吉市"), std::string::npos) << table.out;
  Result csv = RunJingzhun("rectify view " + db_ + " --level county --as-of 2024-05-01 --format csv");
  EXPECT_NE(csv.out.find("222401,延吉市,1,0,1,0,1,0,0,0"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("222424,汪清县,2,1,1,0,0,0.5,0,0"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("22,吉林省,3,1,2,0,1,0.333333,0,0"), std::string::npos) << csv.out;
  Result json = RunJingzhun("rectify view " + db_ + " --level prefecture --as-of 2024-05-01 --format json");
  EXPECT_NE(json.out.find("\"overdue\": 1,"), std::string::npos) << json.out;

  Result overdue = RunJingzhun("rectify list " + db_ + " --overdue --as-of 2024-05-01 --format csv");
  EXPECT_NE(overdue.out.find("\n3,222401,延吉市"), std::string::npos) << overdue.out;
  EXPECT_EQ(overdue.out.find("\n2,"), std::string::npos) << overdue.out;
  Result show = RunJingzhun("rectify show " + db_ + " 1 --format json");
  EXPECT_NE(show.out.find("\"status\": \"closed\""), std::string::npos) << show.out;
}

TEST_F(RectifyCliTest, BadSheetNamesFileLineAndFieldAndStoresNothing) {
  const std::string sheet = Write("bad.csv",
                                  "问题来源,问题类别,问题描述,区划代码,责任单位,责任人,整改时限\n"
                                  "督查,住房安全,危房,222424,县住建局,张三,2024-06-30\n"
                                  "督查,住房安全,危房2,222424,县住建局,张三,明年\n");
  Result r = RunJingzhun("--lang en rectify import " + db_ + " " + sheet + " --by 李四 --report " +
                         Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find(sheet + ": line 3, 整改时限"), std::string::npos) << r.out;
  const std::vector<std::vector<std::string>> errors = ReadTable(Path("errors.csv"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], (std::vector<std::string>{"file", "line", "field", "value", "message"}));
  EXPECT_EQ(errors[1][1], "3");
  EXPECT_EQ(errors[1][2], "整改时限");  // the column as the sheet names it
  // The same report as a workbook in zh-Hant.
  r = RunJingzhun("--lang zh-Hant rectify import " + db_ + " " + sheet + " --by 李四 --report " +
                  Path("errors.xlsx"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  const std::vector<std::vector<std::string>> workbook = ReadTable(Path("errors.xlsx"));
  ASSERT_EQ(workbook.size(), 2u);
  EXPECT_EQ(workbook[0], (std::vector<std::string>{"文件", "行", "字段", "值", "說明"}));
  EXPECT_EQ(workbook[1][3], "明年");
  Result list = RunJingzhun("rectify list " + db_ + " --format csv");
  EXPECT_EQ(list.out.find('\n'), list.out.size() - 1) << list.out;  // the header only
}

TEST_F(RectifyCliTest, FutureOrOutOfOrderStepsAndOutOfRangeDaysAreRefused) {
  const std::string sheet = Write("findings.csv", kFindings);
  ASSERT_EQ(RunJingzhun("rectify import " + db_ + " " + sheet + " --by 李四 --date 2024-03-01").exit_code, 0);
  Result r =
      RunJingzhun("--lang en rectify progress " + db_ + " 1 --by 张三 --evidence 合同 --date 2199-01-01");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("the progress date 2199-01-01 is after today"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en rectify progress " + db_ + " 1 --by 张三 --evidence 合同 --date 2024-02-01");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("date 2024-02-01 is before the last entry of problem 1 (2024-03-01)"),
            std::string::npos)
      << r.out;
  r = RunJingzhun("--lang en rectify add " + db_ +
                  " --region 222424 --category 住房安全 --description 危房 --unit 镇 "
                  "--owner 张三 --deadline 2199-06-30 --source-ref 督查 --by 李四 --date 2199-01-01");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("after today"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en rectify from-campaign " + db_ + " JL --unit X --owner Y --by Z --days 0");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--days 0 is out of range (use 1 to 3650)"), std::string::npos) << r.out;
  Result show = RunJingzhun("rectify show " + db_ + " 1");
  EXPECT_NE(show.out.find("建账"), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find("整改进展"), std::string::npos) << show.out;  // no refused step was recorded
}

}  // namespace
