// Spreadsheets out through the binary: --output FILE on any command that prints tables, a
// report path ending in .xlsx, headers in --lang, and formula neutralisation of a ledger whose
// findings were typed as formulas, in CSV and xlsx. Workbooks are read back with Debian's
// python3-openpyxl, as a spreadsheet user's tool would read them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/testing/run_jingzhun.h"

namespace {

using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

// Prints "sheet|A1 value|type|format" lines for the first rows of every sheet, the frozen
// pane and the autofilter, so tests compare text.
constexpr const char* kDump =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "for ws in wb.worksheets:\n"
    "    print(ws.title, 'frozen', ws.freeze_panes, 'filter', ws.auto_filter.ref)\n"
    "    for row in ws.iter_rows(max_row=4):\n"
    "        for c in row:\n"
    "            if c.value is not None: print(ws.title, c.coordinate, repr(c.value), c.data_type, "
    "c.number_format)\n";

class XlsxOutputCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0)
      GTEST_SKIP() << "no python3-openpyxl";
    dir_ = std::filesystem::temp_directory_path() / ("jz-xlsx-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = Path("j.db");
    std::ofstream(Path("dump.py")) << kDump;
    ASSERT_EQ(
        RunJingzhun("regions load " + db_ + " " + std::string(JZ_SHARED_DATA_DIR) + "/regions").exit_code, 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Dump(const std::string& xlsx) const {
    // RunJingzhun runs a shell line: python reads the workbook, and `#` comments out the binary.
    Result r = RunJingzhun("", "/usr/bin/python3 " + Path("dump.py") + " " + xlsx + " #");
    return r.out;
  }
  void ImportLedger() {
    std::ofstream(Path("f.csv"))
        << "序号,问题来源,问题编号,问题类别,问题描述,区划代码,责任单位,责任人,整改措施,整改时限\n"
           "1,督查,1,住房安全,\"=HYPERLINK(\"\"http://"
           "x\"\",\"\"y\"\")\",222424,县住建局,张三,改造,2024-06-30\n"
           "2,督查,2,饮水,+cmd|' /C calc'!A0,222424100,汪清镇政府,赵六,修复,2024-12-31\n"
           "3,督查,3,作风,-300,222424100,汪清镇政府,赵六,约谈,2024-12-31\n";
    Result r = RunJingzhun("rectify import " + db_ + " " + Path("f.csv") + " --by 李四 --date 2024-03-01");
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(XlsxOutputCliTest, LedgerFormulasAreNeutralisedInCsvAndXlsx) {
  ImportLedger();
  Result csv = RunJingzhun("rectify list " + db_ + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_NE(csv.out.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",'+cmd|' /C calc'!A0,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",-300,"), std::string::npos) << csv.out;  // a plain number is left alone

  Result xlsx = RunJingzhun("rectify list " + db_ + " --output " + Path("ledger.xlsx") + " --lang en");
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.out;
  EXPECT_NE(xlsx.out.find("wrote " + Path("ledger.xlsx") + " (1 tables, 3 rows)"), std::string::npos)
      << xlsx.out;
  const std::string dump = Dump(Path("ledger.xlsx"));
  EXPECT_NE(dump.find("problems frozen A2 filter A1:J4"), std::string::npos) << dump;
  EXPECT_NE(dump.find("problems E1 'description' s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("problems E2 '\\'=HYPERLINK(\"http://x\",\"y\")' s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("problems E3 \"'+cmd|' /C calc'!A0\" s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("problems E4 '-300' s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("problems A2 1 n 0"), std::string::npos) << dump;  // the id is a number
  EXPECT_EQ(dump.find(" f "), std::string::npos) << dump;                // no formula cell
}

TEST_F(XlsxOutputCliTest, ClearanceViewInTraditionalChineseWithShares) {
  ImportLedger();
  Result r = RunJingzhun("--lang zh-Hant rectify view " + db_ + " --level county --output " + Path("c.xlsx"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string dump = Dump(Path("c.xlsx"));
  EXPECT_NE(dump.find("clearance A1 '區劃代碼' s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("clearance C2 3 n 0"), std::string::npos) << dump;
  EXPECT_NE(dump.find("clearance H2 0 n 0.0%"), std::string::npos) << dump;
}

TEST_F(XlsxOutputCliTest, StatsAndValidateWriteWorkbooks) {
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 2000 --seed 4 --regions " +
                        std::string(JZ_SHARED_DATA_DIR) + "/regions")
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("import " + db_ + " " + Path("reg/registry.csv") + " --year 2025").exit_code, 0);
  Result stats =
      RunJingzhun("stats " + db_ + " --level prefecture --output " + Path("s.xlsx") + " --lang en");
  ASSERT_EQ(stats.exit_code, 0) << stats.out;
  std::string dump = Dump(Path("s.xlsx"));
  EXPECT_NE(dump.find("regions frozen A2 filter A1:"), std::string::npos) << dump;
  EXPECT_NE(dump.find("regions A2 '2201' s"), std::string::npos) << dump;  // a code stays text
  EXPECT_NE(dump.find("regions C1 'households' s"), std::string::npos) << dump;

  Result validate = RunJingzhun("validate " + db_ + " --report " + Path("v.xlsx"));
  ASSERT_EQ(validate.exit_code, 0) << validate.out;
  dump = Dump(Path("v.xlsx"));
  EXPECT_NE(dump.find("findings A1 '规则' s"), std::string::npos) << dump;
  EXPECT_NE(dump.find("counts E1 '问题数' s"), std::string::npos) << dump;

  Result csv = RunJingzhun("stats " + db_ + " --output " + Path("s.csv"));
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  std::ifstream in(Path("s.csv"));
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first.rfind("区划代码,名称", 0), 0u) << first;
}

TEST_F(XlsxOutputCliTest, OutputNeedsAKnownExtension) {
  Result r = RunJingzhun("stats " + db_ + " --output " + Path("s.txt"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(".xlsx、.csv 或 .json"), std::string::npos) << r.out;
  Result missing = RunJingzhun("rectify list " + db_ + " --output " + Path("no/such/x.xlsx"));
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  EXPECT_NE(missing.out.find(Path("no/such/x.xlsx")), std::string::npos) << missing.out;
}

}  // namespace
